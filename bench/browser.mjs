// Browser benchmark, rerunnable: `make bench` (after `make dist`), or `node bench/browser.mjs`.
// Measures, in headless Chromium, the size of the first view as sent (gzip) and the time from
// navigation to `carte-ready` (data fetched, validated, laid out and drawn), median of 7 loads.
import { chromium } from 'playwright-core';
import path from 'node:path';
import { startServer, sentBytes, FIRST_VIEW, CHROMIUM, CHROMIUM_ARGS } from '../tests/e2e/server.mjs';

const dist = path.resolve('dist');
const sizes = Object.fromEntries(FIRST_VIEW.map((f) => [f, sentBytes(path.join(dist, f))]));
const total = Object.values(sizes).reduce((a, b) => a + b, 0);

const server = await startServer({ siteDir: dist, fixturesDir: path.resolve('tests/fixtures') });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function readyTime(suffix) {
  const times = [];
  for (let i = 0; i < 7; i++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/${suffix}`);
    await page.waitForFunction(() => performance.getEntriesByName('carte-ready').length > 0, null, { timeout: 30000 });
    times.push(await page.evaluate(() => performance.getEntriesByName('carte-ready')[0].startTime));
    await page.close();
  }
  return median(times);
}
const rows = [
  ['default dataset, graph', await readyTime('')],
  ['default dataset, table', await readyTime('#view=table')],
  ['default dataset, presentation', await readyTime('#present')],
];
await browser.close();
await server.close();

console.log('First view, as sent (the .gz files of dist/, Zopfli):');
for (const [f, n] of Object.entries(sizes)) console.log(`  ${f.padEnd(32)} ${(n / 1024).toFixed(1).padStart(7)} KB`);
console.log(`  ${'total'.padEnd(32)} ${(total / 1024).toFixed(1).padStart(7)} KB`);
console.log('Navigation to carte-ready, median of 7 loads (Chromium, headless, this machine):');
for (const [name, ms] of rows) console.log(`  ${name.padEnd(32)} ${ms.toFixed(0).padStart(7)} ms`);
