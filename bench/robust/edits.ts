/**
 * The re-share edits of issue #14, generated in code with sharp from a decoded master picture:
 * the 17 fixed edits the issue measured, and randomised kinds (crop size and position, border
 * colour and width, phone model and chat text, sticker size and place, ...) drawn from a seeded
 * generator, so every run makes the same files and a held-out run is not tuned to fixed numbers.
 */
import sharp, { type Sharp } from "sharp";
import { PHONES, phoneLayout, stickerSvg, watermarkSvg } from "./overlays.js";
import { between, pick, rng, seedOf, type Rng } from "./random.js";

export interface Master {
  readonly data: Buffer;
  readonly width: number;
  readonly height: number;
}

export interface Edit {
  readonly kind: string;
  /** What the edit did, with its drawn parameters. */
  readonly detail: string;
  readonly bytes: Buffer;
}

type EditFn = (m: Master, r: Rng) => Promise<{ detail: string; bytes: Buffer }>;

const raw = (m: Master): Sharp =>
  sharp(m.data, { raw: { width: m.width, height: m.height, channels: 3 } });
const jpeg = (s: Sharp, quality = 85): Promise<Buffer> => s.jpeg({ quality }).toBuffer();
async function toMaster(s: Sharp): Promise<Master> {
  const { data, info } = await s.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

function crop(m: Master, fw: number, fh: number, ax: number, ay: number): Sharp {
  const width = Math.round(m.width * fw);
  const height = Math.round(m.height * fh);
  const left = Math.round((m.width - width) * ax);
  const top = Math.round((m.height - height) * ay);
  return raw(m).extract({ left, top, width, height });
}

function noisy(m: Master, sigma: number, r: Rng): Sharp {
  const out = Buffer.alloc(m.data.length);
  for (let i = 0; i < out.length; i++) {
    // Box–Muller from the seeded generator.
    const g = Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
    out[i] = Math.max(0, Math.min(255, Math.round(m.data[i]! + g * sigma)));
  }
  return sharp(out, { raw: { width: m.width, height: m.height, channels: 3 } });
}

async function overlay(m: Master, svg: string): Promise<Sharp> {
  return raw(m).composite([{ input: Buffer.from(svg) }]);
}

async function screenshot(
  m: Master,
  r: Rng,
  phone = pick(r, PHONES),
  mode = pick(r, ["viewer", "chat"] as const),
) {
  const layout = phoneLayout(m.width / m.height, r, phone, mode);
  const pic = await raw(m).resize(layout.image.width, layout.image.height).png().toBuffer();
  const screen = sharp({
    create: {
      width: layout.width,
      height: layout.height,
      channels: 3,
      background: layout.background,
    },
  }).composite([
    { input: pic, left: layout.image.left, top: layout.image.top },
    { input: Buffer.from(layout.svg) },
  ]);
  const shot = await toMaster(screen);
  // Shared screenshots are often shrunk and re-encoded by the messenger.
  const scale = pick(r, [1, 1, 0.75, 0.5]);
  const s = raw(shot).resize(Math.round(shot.width * scale));
  const bytes =
    r() < 0.5 ? await s.png().toBuffer() : await jpeg(s, Math.round(between(r, 70, 92)));
  return { detail: `${phone.name} ${mode} scale ${scale}`, bytes };
}

const PAD = (colour: string, t: number, b: number, l: number, rt: number) => ({
  top: t,
  bottom: b,
  left: l,
  right: rt,
  background: colour,
});

/** The 17 edits of the issue, with its parameters. */
export const FIXED_EDITS: Record<string, EditFn> = {
  "jpeg q30": async (m) => ({ detail: "", bytes: await jpeg(raw(m), 30) }),
  "resize 50%": async (m) => ({
    detail: "",
    bytes: await jpeg(raw(m).resize(Math.round(m.width / 2))),
  }),
  "resize 25%": async (m) => ({
    detail: "",
    bytes: await jpeg(raw(m).resize(Math.round(m.width / 4))),
  }),
  "brightness +20%": async (m) => ({
    detail: "",
    bytes: await jpeg(raw(m).modulate({ brightness: 1.2 })),
  }),
  greyscale: async (m) => ({ detail: "", bytes: await jpeg(raw(m).greyscale()) }),
  "noise 3%": async (m, r) => ({ detail: "", bytes: await jpeg(noisy(m, 0.03 * 255, r)) }),
  watermark: async (m, r) => ({
    detail: "",
    bytes: await jpeg(await overlay(m, watermarkSvg(m.width, m.height, r))),
  }),
  "sticker 8%": async (m, r) => ({
    detail: "",
    bytes: await jpeg(await overlay(m, stickerSvg(m.width, m.height, 0.08, r))),
  }),
  "crop 90% centre": async (m) => ({ detail: "", bytes: await jpeg(crop(m, 0.9, 0.9, 0.5, 0.5)) }),
  "crop 80% corner": async (m, r) => {
    const [ax, ay] = pick(r, [
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
    ] as const);
    return { detail: `corner ${ax},${ay}`, bytes: await jpeg(crop(m, 0.8, 0.8, ax, ay)) };
  },
  "crop 70% centre": async (m) => ({ detail: "", bytes: await jpeg(crop(m, 0.7, 0.7, 0.5, 0.5)) }),
  "white border 10%": async (m) => {
    const b = Math.round(0.1 * Math.min(m.width, m.height));
    return { detail: "", bytes: await jpeg(raw(m).extend(PAD("#ffffff", b, b, b, b))) };
  },
  "letterbox square": async (m) => {
    const side = Math.max(m.width, m.height);
    return {
      detail: "",
      bytes: await jpeg(raw(m).resize(side, side, { fit: "contain", background: "#000000" })),
    };
  },
  "phone screenshot": async (m, r) => screenshot(m, r, PHONES[1], "viewer"),
  "rotate 90": async (m) => ({ detail: "", bytes: await jpeg(raw(m).rotate(90)) }),
  mirror: async (m) => ({ detail: "", bytes: await jpeg(raw(m).flop()) }),
  "crop 90% + shrink + watermark + q50": async (m, r) => {
    const c = await toMaster(crop(m, 0.9, 0.9, 0.5, 0.5).resize(Math.round(m.width * 0.9 * 0.6)));
    return {
      detail: "",
      bytes: await jpeg(await overlay(c, watermarkSvg(c.width, c.height, r)), 50),
    };
  },
};

const randomCrop = (m: Master, r: Rng) => {
  const fw = between(r, 0.65, 0.95);
  const fh = between(r, 0.65, 0.95);
  const ax = r();
  const ay = r();
  return {
    s: crop(m, fw, fh, ax, ay),
    detail: `crop ${fw.toFixed(2)}×${fh.toFixed(2)} at ${ax.toFixed(2)},${ay.toFixed(2)}`,
  };
};

const randomColour = (r: Rng): string =>
  pick(r, [
    "#ffffff",
    "#000000",
    `#${Math.floor(r() * 0xffffff)
      .toString(16)
      .padStart(6, "0")}`,
  ]);

/** Randomised kinds: the held-out attack distribution. */
export const RANDOM_EDITS: Record<string, EditFn> = {
  "random crop": async (m, r) => {
    const { s, detail } = randomCrop(m, r);
    return { detail, bytes: await jpeg(s, Math.round(between(r, 60, 92))) };
  },
  "random border": async (m, r) => {
    const colour = randomColour(r);
    const side = Math.min(m.width, m.height);
    const w = () => Math.round(between(r, 0.02, 0.15) * side);
    const sym = r() < 0.5;
    const a = w();
    const pad = sym ? PAD(colour, a, a, a, a) : PAD(colour, w(), w(), w(), w());
    return {
      detail: `${colour} ${sym ? "even" : "uneven"}`,
      bytes: await jpeg(raw(m).extend(pad)),
    };
  },
  "random letterbox": async (m, r) => {
    const aspect = pick(r, [1, 16 / 9, 9 / 16, 4 / 5, 3 / 2]);
    const colour = pick(r, ["#000000", "#000000", "#ffffff", randomColour(r)]);
    const w = Math.round(Math.max(m.width, m.height * aspect));
    const h = Math.round(w / aspect);
    return {
      detail: `to ${aspect.toFixed(2)} ${colour}`,
      bytes: await jpeg(raw(m).resize(w, h, { fit: "contain", background: colour })),
    };
  },
  "random screenshot": async (m, r) => screenshot(m, r),
  "random rotation": async (m, r) => {
    const angle = pick(r, [90, 180, 270]);
    return {
      detail: `${angle}°`,
      bytes: await jpeg(raw(m).rotate(angle), Math.round(between(r, 70, 92))),
    };
  },
  "mirror + crop": async (m, r) => {
    const { s, detail } = randomCrop(m, r);
    const c = await toMaster(s);
    return { detail, bytes: await jpeg(raw(c).flop(), Math.round(between(r, 60, 92))) };
  },
  "random sticker": async (m, r) => {
    const n = 1 + Math.floor(r() * 3);
    let cur = m;
    for (let i = 0; i < n; i++)
      cur = await toMaster(
        await overlay(cur, stickerSvg(cur.width, cur.height, between(r, 0.02, 0.1), r)),
      );
    return { detail: `${n} stickers`, bytes: await jpeg(raw(cur)) };
  },
  "random watermark": async (m, r) => ({
    detail: "",
    bytes: await jpeg(await overlay(m, watermarkSvg(m.width, m.height, r, { random: true }))),
  }),
  "crop + border": async (m, r) => {
    const { s, detail } = randomCrop(m, r);
    const c = await toMaster(s);
    const b = Math.round(between(r, 0.03, 0.12) * Math.min(c.width, c.height));
    const colour = randomColour(r);
    return {
      detail: `${detail} + ${colour}`,
      bytes: await jpeg(raw(c).extend(PAD(colour, b, b, b, b))),
    };
  },
  "crop + screenshot": async (m, r) => {
    const { s, detail } = randomCrop(m, r);
    const shot = await screenshot(await toMaster(s), r);
    return { detail: `${detail}, ${shot.detail}`, bytes: shot.bytes };
  },
  "crop + sticker + shrink + q50": async (m, r) => {
    const { s, detail } = randomCrop(m, r);
    let c = await toMaster(s);
    c = await toMaster(await overlay(c, stickerSvg(c.width, c.height, between(r, 0.02, 0.06), r)));
    c = await toMaster(await overlay(c, watermarkSvg(c.width, c.height, r, { random: true })));
    return {
      detail,
      bytes: await jpeg(raw(c).resize(Math.round(c.width * between(r, 0.4, 0.8))), 50),
    };
  },
  "rotate + crop": async (m, r) => {
    const { s, detail } = randomCrop(m, r);
    const angle = pick(r, [90, 180, 270]);
    const c = await toMaster(s);
    return { detail: `${detail} ${angle}°`, bytes: await jpeg(raw(c).rotate(angle)) };
  },
};

export async function applyEdit(kind: string, m: Master, seed: string): Promise<Edit> {
  const fn = FIXED_EDITS[kind] ?? RANDOM_EDITS[kind];
  if (!fn) throw new Error(`unknown edit ${kind}`);
  const { detail, bytes } = await fn(m, rng(seedOf(`${seed}|${kind}`)));
  return { kind, detail, bytes };
}

/** A photo file as the master of its edits: EXIF ignored, alpha dropped, at most 1600 px a side. */
export async function loadMaster(path: string, maxSide = 1600): Promise<Master> {
  const meta = await sharp(path).metadata();
  const scale = Math.min(1, maxSide / Math.max(meta.width ?? 1, meta.height ?? 1));
  const s = sharp(path).flatten({ background: "#ffffff" }).toColourspace("srgb");
  return toMaster(scale < 1 ? s.resize(Math.round((meta.width ?? 1) * scale)) : s);
}
