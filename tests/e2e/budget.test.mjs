// Size budget of the first view: the code the browser fetches until the graph of the default
// dataset is drawn (wasm, JS, CSS), each file as the server sends it: the Zopfli `.gz` that
// `make dist` writes beside it (served as nginx's gzip_static does, see docs/EMBED.md), else gzip
// level 9. The files are the ones the page really asks for, so a new asset of the first view counts
// without this test being told. The page itself and the data are content, not code: they are
// printed apart and do not count against the budget (issue 15).
//
// The code sent stays within 200 KB: the test fails as soon as it grows past it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { env, newPage, waitReady } from './harness.mjs';
import { sentBytes } from './server.mjs';

const BUDGET_BYTES = 200 * 1024;
const siteDir = path.resolve(process.env.SITE_DIR || 'dist');

test('the code of the first view, as sent gzipped, stays within its 200 KB budget', async () => {
  const page = await newPage();
  const fetched = new Set();
  const encodings = new Map();
  page.on('response', (response) => encodings.set(new URL(response.url()).pathname, response.headers()['content-encoding']));
  page.on('requestfinished', (request) => fetched.add(new URL(request.url()).pathname));
  await page.goto(`${env.server.url}/`);
  await waitReady(page);

  const paths = [...fetched].sort();
  const files = paths.map((p) => (p.endsWith('/') ? `${p}index.html` : p).slice(1));
  const sizes = files.map((file) => [file, sentBytes(path.join(siteDir, file))]);
  const isCode = (file) => /\.(wasm|js|css)$/.test(file);
  const sum = (list) => list.reduce((total, [, n]) => total + n, 0);
  const total = sum(sizes.filter(([file]) => isCode(file)));
  const content = sum(sizes.filter(([file]) => !isCode(file)));
  const kb = (n) => `${(n / 1024).toFixed(1).padStart(7)} KB`;
  console.log('First view, as sent (Zopfli .gz):');
  for (const [file, n] of sizes) console.log(`  ${file.padEnd(32)} ${kb(n)}${isCode(file) ? '' : '  (content)'}`);
  console.log(`  ${'code (wasm, JS, CSS)'.padEnd(32)} ${kb(total)}  (budget ${kb(BUDGET_BYTES).trim()}, ${kb(BUDGET_BYTES - total).trim()} left)`);
  console.log(`  ${'content (page, data)'.padEnd(32)} ${kb(content)}`);

  for (const kind of ['.html', '.js', '.wasm', '.css', '.json']) {
    assert.ok(files.some((f) => f.endsWith(kind)), `no ${kind} file among the first view's requests: ${files.join(', ')}`);
  }
  // Each file went out as its .gz, and that .gz is the file of this build, not a stale one.
  paths.forEach((p, i) => {
    assert.equal(encodings.get(p), 'gzip', `${files[i]} was not sent gzipped`);
    const file = path.join(siteDir, files[i]);
    assert.ok(zlib.gunzipSync(fs.readFileSync(`${file}.gz`)).equals(fs.readFileSync(file)), `${files[i]}.gz is not ${files[i]}`);
  });
  assert.ok(total <= BUDGET_BYTES, `the first view's code weighs ${kb(total).trim()} gzipped, past its ${kb(BUDGET_BYTES).trim()} budget`);
});
