// After `trunk build --release`: makes the site's wasm and its JS glue smaller, as Emscripten does
// for its own output. Every byte here is paid by each visitor of the first view (issue 7's budget).
//
// 1. wasm-opt optimises once more and gives the wasm's imports and exports one- or two-letter
//    names. wasm-bindgen names each import `__wbg_<method>_<16 hex digits>`: ~250 of them,
//    written in the wasm and again in the glue, where the hex digits do not compress.
// 2. The glue is rewritten to use the new names (every rename is checked to have happened), then
//    minified by esbuild (Trunk's own minifier cannot parse wasm-bindgen's output).
// 3. The integrity hashes Trunk wrote into index.html are computed again for the changed files.
//
// Usage: node tools/shrink-site.mjs dist
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const site = path.resolve(process.argv[2] || 'dist');
const wasmFile = path.join(site, 'carte-partenariats_bg.wasm');
const glueFile = path.join(site, 'carte-partenariats.js');
const htmlFile = path.join(site, 'index.html');

function fail(message) {
  console.error(`shrink-site: ${message}`);
  process.exit(1);
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Replaces every match of `pattern` (which must match at least once) in `text`, keeping the
// first group. A function, not a replacement string: the new names contain `$`.
function renameAll(text, pattern, name, what) {
  const re = new RegExp(pattern, 'g');
  if (!re.test(text)) fail(`${what} not found in the glue`);
  return text.replace(re, (_, before) => `${before}${name}`);
}

// 1. A second -Oz to convergence (Trunk's one pass leaves some), assuming the low 1 KB of memory
//    unused: rustc puts the 1 MB stack first, growing down towards it, and the data and heap
//    above it, so only a stack about to overflow would reach it. Then, in a run of its own (under
//    --converge it would run, and print its mapping, more than once), the short names; wasm-opt
//    prints the mapping as JSON.
const before = { wasm: fs.statSync(wasmFile).size, glue: fs.statSync(glueFile).size };
const wasmOpt = path.join(root, 'node_modules', '.bin', 'wasm-opt');
const minified = `${wasmFile}.min`;
execFileSync(wasmOpt, [wasmFile, '-Oz', '--low-memory-unused', '--converge', '-o', minified]);
const mappingText = execFileSync(wasmOpt, [minified, '--minify-imports-and-exports-and-modules', '-o', minified], { encoding: 'utf8' });
const mapping = JSON.parse(mappingText.slice(mappingText.indexOf('{')));
const modules = new Set(mapping.imports.map(([module]) => module));
if (modules.size !== 1) fail(`one import module expected, found ${[...modules].join(', ')}`);
const [oldModule] = modules;

// 2. The glue: import keys, the import module's name, every `wasm.<export>`.
let glue = fs.readFileSync(glueFile, 'utf8');
for (const [, from, to] of mapping.imports) {
  glue = renameAll(glue, `(^|[\\s{,])${escape(from)}(?=\\s*:)`, to, `import ${from}`);
}
// wasm-opt names the only module "a".
glue = renameAll(glue, `(^|[\\s{,])(["'])${escape(oldModule)}\\2(?=\\s*:)`, '"a"', `import module ${oldModule}`);
for (const [from, to] of mapping.exports) {
  // `mount_embedded` and the like are our own exports; memory and the runtime's too.
  if (glue.includes(`wasm.${from}`)) glue = renameAll(glue, `(\\bwasm\\.)${escape(from)}\\b`, to, `export ${from}`);
}
const leftover = mapping.exports.filter(([from]) => new RegExp(`\\bwasm\\.${escape(from)}\\b`).test(glue));
if (leftover.length) fail(`exports still named the old way: ${leftover.map(([f]) => f).join(', ')}`);
const { code } = await esbuild.transform(glue, { minify: true, format: 'esm', target: 'es2020', legalComments: 'none' });

fs.renameSync(minified, wasmFile);
fs.writeFileSync(glueFile, code);

// 3. Integrity hashes of the files that changed.
const sri = (file) => `sha384-${crypto.createHash('sha384').update(fs.readFileSync(file)).digest('base64')}`;
let html = fs.readFileSync(htmlFile, 'utf8');
let updated = 0;
html = html.replace(/<link\b[^>]*>/g, (tag) => {
  const href = /\bhref=["']?\.\/([^"'\s>]+)/.exec(tag)?.[1];
  if (!href || !/\bintegrity=/.test(tag)) return tag;
  updated += 1;
  return tag.replace(/\bintegrity=["']?sha384-[A-Za-z0-9+/=]+["']?/, `integrity=${sri(path.join(site, href))}`);
});
if (updated === 0 && /\bintegrity=/.test(html)) fail('integrity hashes found in index.html but none updated');
fs.writeFileSync(htmlFile, html);

const after = { wasm: fs.statSync(wasmFile).size, glue: fs.statSync(glueFile).size };
console.log(`shrink-site: wasm ${before.wasm} → ${after.wasm} bytes, glue ${before.glue} → ${after.glue} bytes, ${updated} integrity hashes updated`);
