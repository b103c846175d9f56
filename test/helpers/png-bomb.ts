import { crc32, createDeflate } from "node:zlib";

/**
 * A real decompression bomb: a valid grey PNG of width × height zero pixels. Its pixel rows
 * deflate about 1000:1, so 20000×20000 (400 MB of pixels) is a file of under half a megabyte.
 */
export async function pngBomb(width: number, height: number): Promise<Buffer> {
  const idat = await deflateZeroRows(width, height);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit grey, deflate, adaptive filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", idat),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function deflateZeroRows(width: number, height: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const deflate = createDeflate({ level: 9 });
    const parts: Buffer[] = [];
    deflate.on("data", (part: Buffer) => parts.push(part));
    deflate.on("end", () => resolve(Buffer.concat(parts)));
    deflate.on("error", reject);
    const rowsPerWrite = 256;
    const block = Buffer.alloc((width + 1) * rowsPerWrite); // filter byte 0 + zero pixels per row
    let row = 0;
    const write = (): void => {
      while (row < height) {
        const rows = Math.min(rowsPerWrite, height - row);
        row += rows;
        if (!deflate.write(block.subarray(0, (width + 1) * rows))) {
          deflate.once("drain", write);
          return;
        }
      }
      deflate.end();
    };
    write();
  });
}
