// The toolbar and store icons, drawn at build time (no image files in the repository, no image
// tool needed): a rounded blue square holding a white scope ring whose centre is an orange dot — a
// tracker in the sights. Writes RGBA PNGs with node:zlib.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

export function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8;   // bit depth
  header[9] = 6;   // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;  // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header),
                        chunk('IDAT', zlib.deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

// Colour of a point (u, v in 0..1) of the icon, or null for transparent.
function shade(u, v) {
  const r = 0.22;  // corner radius
  const cx = Math.min(Math.max(u, r), 1 - r), cy = Math.min(Math.max(v, r), 1 - r);
  if (Math.hypot(u - cx, v - cy) > r) return null;
  const d = Math.hypot(u - 0.5, v - 0.5);
  if (d < 0.12) return [255, 138, 61];                          // the tracker
  if (d > 0.25 && d < 0.35) return [255, 255, 255];             // the scope ring
  const tick = (Math.abs(u - 0.5) < 0.04 || Math.abs(v - 0.5) < 0.04) && d > 0.35 && d < 0.43;
  if (tick) return [255, 255, 255];                             // cross-hair ticks
  return [37, 78, 189];
}

export function drawIcon(size) {
  const samples = 4;  // per axis, for anti-aliasing
  const rgba = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const c = shade((x + (sx + 0.5) / samples) / size, (y + (sy + 0.5) / samples) / size);
          if (!c) continue;
          r += c[0]; g += c[1]; b += c[2]; a++;
        }
      }
      const o = (y * size + x) * 4;
      if (a) [rgba[o], rgba[o + 1], rgba[o + 2]] = [r / a, g / a, b / a].map(Math.round);
      rgba[o + 3] = Math.round((a / (samples * samples)) * 255);
    }
  }
  return encodePng(size, rgba);
}

export function writeIcons(dir, sizes = [16, 32, 48, 128]) {
  fs.mkdirSync(dir, { recursive: true });
  for (const size of sizes) fs.writeFileSync(path.join(dir, `icon-${size}.png`), drawIcon(size));
}
