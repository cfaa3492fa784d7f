// Size budget of the first view: everything the browser fetches until the graph of the default
// dataset is drawn (page, script, wasm, styles, data), each file as the server sends it: the
// Zopfli `.gz` that `make dist` writes beside it (served as nginx's gzip_static does, see
// docs/EMBED.md), else gzip level 9. The files are the ones the page really asks for, so a new
// asset of the first view counts without this test being told.
//
// Issue 7 sets the budget at 200 KB: the test fails as soon as the first view grows past it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { env, newPage, waitReady } from './harness.mjs';
import { sentBytes } from './server.mjs';

const BUDGET_BYTES = 200 * 1024;
const siteDir = path.resolve(process.env.SITE_DIR || 'dist');

test('the first view, as sent gzipped, stays within its 200 KB budget', async () => {
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
  const total = sizes.reduce((sum, [, n]) => sum + n, 0);
  const kb = (n) => `${(n / 1024).toFixed(1).padStart(7)} KB`;
  console.log('First view, as sent (Zopfli .gz):');
  for (const [file, n] of sizes) console.log(`  ${file.padEnd(32)} ${kb(n)}`);
  console.log(`  ${'total'.padEnd(32)} ${kb(total)}  (budget ${kb(BUDGET_BYTES).trim()}, ${kb(BUDGET_BYTES - total).trim()} left)`);

  for (const kind of ['.html', '.js', '.wasm', '.css', '.json']) {
    assert.ok(files.some((f) => f.endsWith(kind)), `no ${kind} file among the first view's requests: ${files.join(', ')}`);
  }
  // Each file went out as its .gz, and that .gz is the file of this build, not a stale one.
  paths.forEach((p, i) => {
    assert.equal(encodings.get(p), 'gzip', `${files[i]} was not sent gzipped`);
    const file = path.join(siteDir, files[i]);
    assert.ok(zlib.gunzipSync(fs.readFileSync(`${file}.gz`)).equals(fs.readFileSync(file)), `${files[i]}.gz is not ${files[i]}`);
  });
  assert.ok(total <= BUDGET_BYTES, `the first view weighs ${kb(total).trim()} gzipped, past its ${kb(BUDGET_BYTES).trim()} budget`);
});
