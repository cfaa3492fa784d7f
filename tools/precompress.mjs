// Writes `<file>.gz` beside each text or wasm file of the release site, compressed with Zopfli:
// a gzip stream any browser reads, 4–5 % smaller than gzip -9, too slow to make per request but
// made once here. A server that serves them as they are (nginx `gzip_static on`, Caddy
// `precompressed gzip`, Apache: see docs/EMBED.md) sends visitors these bytes.
//
// Usage: node tools/precompress.mjs dist
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { gzipAsync } from '@gfx/zopfli';

const COMPRESSIBLE = new Set(['.html', '.js', '.wasm', '.css', '.json', '.svg', '.txt']);
const site = path.resolve(process.argv[2] || 'dist');

function* files(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (COMPRESSIBLE.has(path.extname(entry.name))) yield full;
  }
}

let before = 0;
let after = 0;
for (const file of files(site)) {
  const body = fs.readFileSync(file);
  const gz = Buffer.from(await gzipAsync(body, { numiterations: 15 }));
  // Checked here rather than trusted: a wrong .gz would break the site for every visitor.
  if (!zlib.gunzipSync(gz).equals(body)) throw new Error(`precompress: ${file}.gz does not decompress to the file`);
  if (gz.length >= body.length) {
    fs.rmSync(`${file}.gz`, { force: true });
    continue;
  }
  fs.writeFileSync(`${file}.gz`, gz);
  before += body.length;
  after += gz.length;
}
console.log(`precompress: ${before} bytes → ${after} bytes of .gz (Zopfli)`);
