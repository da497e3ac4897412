import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';

const appPackageDir = join(__dirname, '..', '..', 'appPackage');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Reads the IHDR chunk straight from the file: width, height, bit depth and colour type. */
function readHeader(file: string): { width: number; height: number; bitDepth: number; colorType: number } {
  const bytes = readFileSync(join(appPackageDir, file));
  expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return {
    width: bytes.readUInt32BE(16),
    height: bytes.readUInt32BE(20),
    bitDepth: bytes.readUInt8(24),
    colorType: bytes.readUInt8(25),
  };
}

const COLOR_TYPE_RGB = 2;
const COLOR_TYPE_RGBA = 6;

describe('app icons', () => {
  it('color.png is a 192x192 colour PNG', () => {
    const header = readHeader('color.png');
    expect(header).toMatchObject({ width: 192, height: 192, bitDepth: 8 });
    expect([COLOR_TYPE_RGB, COLOR_TYPE_RGBA]).toContain(header.colorType);
    const image = PNG.sync.read(readFileSync(join(appPackageDir, 'color.png')));
    const colours = new Set<string>();
    for (let i = 0; i < image.data.length; i += 4) colours.add(image.data.subarray(i, i + 3).toString('hex'));
    // Not blank: a background and a glyph at least.
    expect(colours.size).toBeGreaterThanOrEqual(2);
  });

  it('outline.png is a 32x32 PNG with an alpha channel, white on transparent', () => {
    expect(readHeader('outline.png')).toMatchObject({
      width: 32,
      height: 32,
      bitDepth: 8,
      colorType: COLOR_TYPE_RGBA,
    });
    const image = PNG.sync.read(readFileSync(join(appPackageDir, 'outline.png')));
    let transparent = 0;
    let white = 0;
    for (let i = 0; i < image.data.length; i += 4) {
      const [r, g, b, a] = [image.data[i], image.data[i + 1], image.data[i + 2], image.data[i + 3]];
      if (a === 0) transparent++;
      else {
        // Teams renders the outline icon tinted: every visible pixel must be white.
        expect([r, g, b]).toEqual([255, 255, 255]);
        white++;
      }
    }
    expect(transparent).toBeGreaterThan(0);
    expect(white).toBeGreaterThan(0);
  });
});
