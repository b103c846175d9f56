/**
 * CMYK to RGB by the plain formula R = (255 − C)(255 − K)/255, per channel.
 *
 * Colour-managed conversion (what sharp does by default) gives truer colours but different luma,
 * and PDQ hashes of CMYK files would then drift ~10 bits from every other PDQ system, which all
 * convert this naive way (ImageMagick, Pillow). For matching, agreement beats colour accuracy.
 */
export function cmykToRgb(cmyk: Uint8Array, pixelCount: number): Uint8Array {
  const rgb = new Uint8Array(pixelCount * 3);
  for (let i = 0, p = 0, o = 0; i < pixelCount; i++, p += 4, o += 3) {
    const white = 255 - cmyk[p + 3]!;
    rgb[o] = Math.round(((255 - cmyk[p]!) * white) / 255);
    rgb[o + 1] = Math.round(((255 - cmyk[p + 1]!) * white) / 255);
    rgb[o + 2] = Math.round(((255 - cmyk[p + 2]!) * white) / 255);
  }
  return rgb;
}
