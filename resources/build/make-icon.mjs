// Regenerates resources/build/icon.png and icon.ico (run: node resources/build/make-icon.mjs from the project root).
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
const S = 256;
const px = Buffer.alloc(S * S * 4);
const set = (x, y, r, g, b, a = 255) => { const i = (y * S + x) * 4; px[i] = r; px[i + 1] = g; px[i + 2] = b; px[i + 3] = a; };
const R = 44;
const inside = (x, y) => {
  const cx = Math.min(Math.max(x, R), S - 1 - R), cy = Math.min(Math.max(y, R), S - 1 - R);
  return (x - cx) ** 2 + (y - cy) ** 2 <= R * R;
};
const distSeg = (x, y, x1, y1, x2, y2) => { const dx = x2 - x1, dy = y2 - y1; const t = Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy))); return Math.hypot(x - x1 - t * dx, y - y1 - t * dy); };
for (let y = 0; y < S; y++) for (let x = 0; x < S; x++) {
  if (!inside(x, y)) { set(x, y, 0, 0, 0, 0); continue; }
  set(x, y, 11, 83, 148);
  // "K"
  const k = distSeg(x, y, 70, 56, 70, 200) < 16 || distSeg(x, y, 74, 132, 150, 56) < 15 || distSeg(x, y, 100, 112, 150, 200) < 15;
  // check mark (yellow) bottom-right
  const c = distSeg(x, y, 150, 170, 175, 198) < 11 || distSeg(x, y, 175, 198, 214, 140) < 11;
  if (k) set(x, y, 255, 255, 255);
  if (c) set(x, y, 255, 213, 79);
}
const crcT = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc = (b) => { let c = 0xffffffff; for (const x of b) c = crcT[(c ^ x) & 255] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
const chunk = (t, d) => { const l = Buffer.alloc(4); l.writeUInt32BE(d.length); const td = Buffer.concat([Buffer.from(t), d]); const c = Buffer.alloc(4); c.writeUInt32BE(crc(td)); return Buffer.concat([l, td, c]); };
const raw = Buffer.alloc(S * (S * 4 + 1));
for (let y = 0; y < S; y++) { raw[y * (S * 4 + 1)] = 0; px.copy(raw, y * (S * 4 + 1) + 1, y * S * 4, (y + 1) * S * 4); }
const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(S, 0); ihdr.writeUInt32BE(S, 4); ihdr[8] = 8; ihdr[9] = 6;
const png = Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
writeFileSync('resources/build/icon.png', png);
// ICO with one 256×256 PNG entry (Windows Vista+ reads PNG-compressed icons; width/height byte 0 means 256).
const dir = Buffer.alloc(6 + 16);
dir.writeUInt16LE(0, 0); dir.writeUInt16LE(1, 2); dir.writeUInt16LE(1, 4);
dir[6] = 0; dir[7] = 0; dir[8] = 0; dir[9] = 0; dir.writeUInt16LE(1, 10); dir.writeUInt16LE(32, 12); dir.writeUInt32LE(png.length, 14); dir.writeUInt32LE(22, 18);
writeFileSync('resources/build/icon.ico', Buffer.concat([dir, png]));
console.log(png.length);
