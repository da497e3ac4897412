/**
 * Generates the Teams app icons (appPackage/color.png 192x192, appPackage/outline.png 32x32).
 * The PNGs are committed; rerun with `npm run icons` only when the design changes.
 *
 * Design: the governance cycle as a ring with a gap (the cycle's "due date") and a centre dot
 * (the group). Teams requires the outline icon to be white on a transparent background, and
 * the colour icon to be a full-bleed 192x192 image.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PNG } from 'pngjs';

export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;
/** KOMBIT-like deep blue; also the manifest's accentColor. */
export const ACCENT_COLOR = { r: 0x1b, g: 0x4f, b: 0x8a };

type Rgba = { r: number; g: number; b: number; a: number };

/** True where the icon's white glyph is drawn, in coordinates relative to the icon size (0..1). */
function isGlyph(x: number, y: number): boolean {
  const dx = x - 0.5;
  const dy = y - 0.5;
  const distance = Math.sqrt(dx * dx + dy * dy);
  const ring = distance >= 0.26 && distance <= 0.36;
  // A gap in the ring at the upper right (angle between -70° and -20°) marks the cycle's turning point.
  const angle = (Math.atan2(dy, dx) * 180) / Math.PI;
  const inGap = angle > -70 && angle < -20;
  const centreDot = distance <= 0.11;
  return (ring && !inGap) || centreDot;
}

function render(size: number, background: Rgba, glyph: Rgba): PNG {
  const png = new PNG({ width: size, height: size, colorType: 6, inputHasAlpha: true });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // Sample the pixel centre so the glyph is symmetric at any size.
      const colour = isGlyph((x + 0.5) / size, (y + 0.5) / size) ? glyph : background;
      const offset = (y * size + x) * 4;
      png.data[offset] = colour.r;
      png.data[offset + 1] = colour.g;
      png.data[offset + 2] = colour.b;
      png.data[offset + 3] = colour.a;
    }
  }
  return png;
}

const WHITE: Rgba = { r: 255, g: 255, b: 255, a: 255 };

/** The colour icon: white glyph on the accent colour, fully opaque, stored as RGB (no alpha channel). */
export function renderColorIcon(): Buffer {
  const png = render(COLOR_ICON_SIZE, { ...ACCENT_COLOR, a: 255 }, WHITE);
  return PNG.sync.write(png, { colorType: 2 });
}

/** The outline icon: white glyph on a fully transparent background, stored as RGBA. */
export function renderOutlineIcon(): Buffer {
  const png = render(OUTLINE_ICON_SIZE, { r: 0, g: 0, b: 0, a: 0 }, WHITE);
  return PNG.sync.write(png, { colorType: 6 });
}

export function writeIcons(appPackageDir: string): void {
  writeFileSync(join(appPackageDir, 'color.png'), renderColorIcon());
  writeFileSync(join(appPackageDir, 'outline.png'), renderOutlineIcon());
}

if (require.main === module) {
  // npm runs scripts from the project root; an explicit folder may be given as the first argument.
  const dir = resolve(process.argv[2] ?? 'appPackage');
  writeIcons(dir);
  console.log(`icons written to ${dir}`);
}
