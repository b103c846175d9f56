/**
 * SVG overlays for the generated edits: a channel-name watermark, stickers, and the chrome of a
 * phone screenshot (status bar, chat bubbles in Korean and English, navigation bar). sharp
 * renders SVG text through fontconfig: DejaVu for Latin, Nanum (fonts-nanum) for Hangul.
 */
import { between, pick, type Rng } from "./random.js";

const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");

export const CHANNELS = [
  "@deepfake_vault",
  "t.me/hot_leaks_kr",
  "@유출방_24",
  "telegram: @nudes_daily",
  "@몰카_모음",
  "vk.com/lk_share",
];
const CHAT = [
  "이거 봤어? ㅋㅋ",
  "원본 있으면 보내줘",
  "look at this one",
  "새로 올라온 거",
  "who is she?",
  "링크 더 있어?",
  "omg 🔥 saved",
  "채널에 또 올림",
  "send the full album",
  "ㅇㅇ 방금 받음",
];

/** Semi-transparent text, as channels stamp their name on what they repost. */
export function watermarkSvg(
  w: number,
  h: number,
  r: Rng,
  opts: { random?: boolean } = {},
): string {
  const text = opts.random ? pick(r, CHANNELS) : "@deepfake_vault";
  const size = Math.round(Math.min(w, h) * (opts.random ? between(r, 0.04, 0.08) : 0.06));
  const opacity = opts.random ? between(r, 0.45, 0.85) : 0.7;
  const fill = opts.random ? pick(r, ["#ffffff", "#ff3355", "#ffee00", "#000000"]) : "#ffffff";
  const place = opts.random ? pick(r, ["br", "bl", "tr", "c", "tl"]) : "br";
  const margin = Math.round(size * 0.6);
  const [x, y, anchor] =
    place === "br"
      ? [w - margin, h - margin, "end"]
      : place === "bl"
        ? [margin, h - margin, "start"]
        : place === "tr"
          ? [w - margin, margin + size, "end"]
          : place === "tl"
            ? [margin, margin + size, "start"]
            : [w / 2, h / 2, "middle"];
  const stroke = fill === "#000000" ? "#ffffff" : "#000000";
  return `<svg width="${w}" height="${h}" xmlns="http://www.w3.org/2000/svg"><text x="${x}" y="${y}" text-anchor="${anchor}" font-family="DejaVu Sans, NanumGothic" font-weight="bold" font-size="${size}" fill="${fill}" fill-opacity="${opacity}" stroke="${stroke}" stroke-opacity="${opacity * 0.6}" stroke-width="${Math.max(1, size / 20)}">${esc(text)}</text></svg>`;
}

/** A sticker: a filled, outlined shape (face, heart, star, or a label) covering `area` of the image. */
export function stickerSvg(
  w: number,
  h: number,
  area: number,
  r: Rng,
  at?: { x: number; y: number },
): string {
  const side = Math.sqrt(area * w * h);
  const cx = at ? at.x * w : between(r, side / 2, w - side / 2);
  const cy = at ? at.y * h : between(r, side / 2, h - side / 2);
  const colour = pick(r, ["#ffcc00", "#ff4d6d", "#3fa9f5", "#7ed957", "#ffffff", "#222222"]);
  const kind = pick(r, ["face", "heart", "star", "label"]);
  const s = side / 2;
  let shape: string;
  if (kind === "face") {
    // A circle of the same area as the square would be smaller; scale so the area is as asked.
    const rad = side / Math.sqrt(Math.PI);
    shape = `<circle cx="${cx}" cy="${cy}" r="${rad}" fill="${colour}" stroke="#000" stroke-width="${rad / 15}"/><circle cx="${cx - rad / 3}" cy="${cy - rad / 4}" r="${rad / 8}" fill="#000"/><circle cx="${cx + rad / 3}" cy="${cy - rad / 4}" r="${rad / 8}" fill="#000"/><path d="M ${cx - rad / 2} ${cy + rad / 5} Q ${cx} ${cy + rad * 0.7} ${cx + rad / 2} ${cy + rad / 5}" stroke="#000" stroke-width="${rad / 12}" fill="none"/>`;
  } else if (kind === "heart") {
    const k = s * 1.25;
    shape = `<path d="M ${cx} ${cy + k} C ${cx - 2 * k} ${cy - k * 0.2} ${cx - k} ${cy - 1.6 * k} ${cx} ${cy - k * 0.5} C ${cx + k} ${cy - 1.6 * k} ${cx + 2 * k} ${cy - k * 0.2} ${cx} ${cy + k} Z" fill="${colour}" stroke="#000" stroke-width="${k / 12}"/>`;
  } else if (kind === "star") {
    const pts: string[] = [];
    for (let i = 0; i < 10; i++) {
      const rr = (i % 2 === 0 ? 1.45 : 0.6) * s;
      const a = (Math.PI / 5) * i - Math.PI / 2;
      pts.push(`${cx + rr * Math.cos(a)},${cy + rr * Math.sin(a)}`);
    }
    shape = `<polygon points="${pts.join(" ")}" fill="${colour}" stroke="#000" stroke-width="${s / 12}"/>`;
  } else {
    const lw = side * 1.6;
    const lh = side / 1.6;
    shape = `<rect x="${cx - lw / 2}" y="${cy - lh / 2}" width="${lw}" height="${lh}" rx="${lh / 4}" fill="${colour}" stroke="#000" stroke-width="${lh / 15}"/><text x="${cx}" y="${cy + lh / 5}" text-anchor="middle" font-family="DejaVu Sans, NanumGothic" font-weight="bold" font-size="${lh / 2.2}" fill="#000">${esc(pick(r, ["LEAKED", "유출", "NEW", "🔞 19+"]))}</text>`;
  }
  return `<svg width="${w}" height="${h}" xmlns="http://www.w3.org/2000/svg">${shape}</svg>`;
}

export interface PhoneLayout {
  readonly width: number;
  readonly height: number;
  /** Where the picture goes (its box), in screen pixels. */
  readonly image: { left: number; top: number; width: number; height: number };
  readonly svg: string;
  readonly background: string;
}

export const PHONES = [
  { name: "16:9", width: 1080, height: 1920 },
  { name: "19.5:9", width: 1170, height: 2532 },
  { name: "20:9", width: 1080, height: 2400 },
  { name: "18:9", width: 720, height: 1440 },
  { name: "4:3 tablet", width: 1536, height: 2048 },
] as const;

/**
 * A phone screen showing the picture: the photo viewer (black, picture fitted to the width) or a
 * chat (bubbles of text above and below the picture). Status bar with the time and icons on top,
 * navigation bar below; both carry icons and text, so they are not flat bands.
 */
export function phoneLayout(
  aspect: number,
  r: Rng,
  phone: { width: number; height: number },
  mode: "viewer" | "chat",
): PhoneLayout {
  const { width: W, height: H } = phone;
  const dark = mode === "viewer" || r() < 0.5;
  const bg =
    mode === "viewer" ? "#000000" : dark ? "#1c1f26" : pick(r, ["#ffffff", "#b2c7da", "#e9eef3"]);
  const fg = dark ? "#ffffff" : "#111111";
  const status = Math.round(H * 0.035);
  const nav = Math.round(H * 0.045);
  const parts: string[] = [];
  // Status bar: time, signal bars, wifi, battery.
  const fs = Math.round(status * 0.55);
  parts.push(`<rect x="0" y="0" width="${W}" height="${status}" fill="${dark ? "#000" : bg}"/>`);
  parts.push(
    `<text x="${W * 0.05}" y="${status * 0.72}" font-family="DejaVu Sans" font-size="${fs}" fill="${fg}">${pick(r, ["9:41", "23:07", "오후 11:52", "02:16"])}</text>`,
  );
  for (let i = 0; i < 4; i++) {
    const bh = (status * 0.5 * (i + 1)) / 4;
    parts.push(
      `<rect x="${W * 0.78 + i * status * 0.18}" y="${status * 0.75 - bh}" width="${status * 0.12}" height="${bh}" fill="${fg}"/>`,
    );
  }
  parts.push(
    `<rect x="${W * 0.88}" y="${status * 0.3}" width="${status * 0.8}" height="${status * 0.42}" rx="3" fill="none" stroke="${fg}" stroke-width="2"/><rect x="${W * 0.88 + 3}" y="${status * 0.3 + 3}" width="${status * 0.5}" height="${status * 0.42 - 6}" fill="${fg}"/>`,
  );
  // Navigation bar: three buttons or a home indicator.
  const navTop = H - nav;
  parts.push(
    `<rect x="0" y="${navTop}" width="${W}" height="${nav}" fill="${dark ? "#000" : "#f2f2f2"}"/>`,
  );
  if (r() < 0.5) {
    parts.push(
      `<rect x="${W * 0.35}" y="${navTop + nav * 0.55}" width="${W * 0.3}" height="${nav * 0.12}" rx="${nav * 0.06}" fill="${fg}"/>`,
    );
  } else {
    const y = navTop + nav / 2;
    parts.push(
      `<polygon points="${W * 0.22},${y} ${W * 0.26},${y - nav * 0.2} ${W * 0.26},${y + nav * 0.2}" fill="${fg}"/><circle cx="${W / 2}" cy="${y}" r="${nav * 0.2}" fill="none" stroke="${fg}" stroke-width="3"/><rect x="${W * 0.74}" y="${y - nav * 0.18}" width="${nav * 0.36}" height="${nav * 0.36}" fill="none" stroke="${fg}" stroke-width="3"/>`,
    );
  }
  let image: PhoneLayout["image"];
  if (mode === "viewer") {
    // Top bar of the viewer: back arrow and a counter; the picture fills the width.
    parts.push(
      `<text x="${W * 0.05}" y="${status + fs * 1.8}" font-family="DejaVu Sans" font-size="${fs * 1.2}" fill="#fff">←  ${pick(r, ["1 / 12", "사진", "Photo", "3/5"])}</text>`,
    );
    const avail = { top: status + fs * 2.6, bottom: navTop - fs * 2 };
    let w = W;
    let h = w / aspect;
    if (h > avail.bottom - avail.top) {
      h = avail.bottom - avail.top;
      w = h * aspect;
    }
    image = {
      left: Math.round((W - w) / 2),
      top: Math.round((avail.top + avail.bottom - h) / 2),
      width: Math.round(w),
      height: Math.round(h),
    };
    parts.push(
      `<text x="${W * 0.05}" y="${navTop - fs * 0.8}" font-family="DejaVu Sans, NanumGothic" font-size="${fs}" fill="#ccc">${esc(pick(r, ["공유  편집  삭제", "Share   Edit   Delete", "♡  ⇪  ⋯"]))}</text>`,
    );
  } else {
    const header = Math.round(H * 0.06);
    parts.push(
      `<rect x="0" y="${status}" width="${W}" height="${header}" fill="${dark ? "#2a2e37" : "#ffffff"}"/><text x="${W * 0.12}" y="${status + header * 0.62}" font-family="NanumGothic, DejaVu Sans" font-weight="bold" font-size="${header * 0.38}" fill="${fg}">${esc(pick(r, ["비밀방 (128)", "Leaks & Fakes", "단톡방", "ch. 0xfe"]))}</text>`,
    );
    let y = status + header + H * 0.02;
    const bubble = (text: string, mine: boolean) => {
      const bw = Math.min(W * 0.7, text.length * fs * 0.75 + fs * 2);
      const bh = fs * 2.2;
      const x = mine ? W - bw - W * 0.04 : W * 0.04;
      parts.push(
        `<rect x="${x}" y="${y}" width="${bw}" height="${bh}" rx="${bh / 3}" fill="${mine ? "#fee500" : dark ? "#3a3f4b" : "#ffffff"}"/><text x="${x + fs}" y="${y + bh * 0.65}" font-family="NanumGothic, DejaVu Sans" font-size="${fs}" fill="${mine || !dark ? "#111" : "#fff"}">${esc(text)}</text>`,
      );
      y += bh + H * 0.012;
    };
    const before = 1 + Math.floor(r() * 3);
    for (let i = 0; i < before; i++) bubble(pick(r, CHAT), r() < 0.4);
    const maxW = W * between(r, 0.62, 0.9);
    const maxH = (navTop - H * 0.12 - y) * 0.95;
    let w = maxW;
    let h = w / aspect;
    if (h > maxH) {
      h = maxH;
      w = h * aspect;
    }
    const left = r() < 0.5 ? W * 0.04 : W - w - W * 0.04;
    image = {
      left: Math.round(left),
      top: Math.round(y),
      width: Math.round(w),
      height: Math.round(h),
    };
    y += h + H * 0.012;
    while (y < navTop - H * 0.12) bubble(pick(r, CHAT), r() < 0.4);
    // The message input bar.
    const inputTop = navTop - H * 0.07;
    parts.push(
      `<rect x="${W * 0.03}" y="${inputTop}" width="${W * 0.94}" height="${H * 0.055}" rx="${H * 0.027}" fill="${dark ? "#2a2e37" : "#ffffff"}" stroke="#999"/><text x="${W * 0.08}" y="${inputTop + H * 0.035}" font-family="NanumGothic, DejaVu Sans" font-size="${fs}" fill="#888">${esc(pick(r, ["메시지 입력", "Message", "메시지를 입력하세요"]))}</text>`,
    );
  }
  const svg = `<svg width="${W}" height="${H}" xmlns="http://www.w3.org/2000/svg">${parts.join("")}</svg>`;
  return { width: W, height: H, image, svg, background: bg };
}
