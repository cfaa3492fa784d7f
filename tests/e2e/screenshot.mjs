// Screenshots of the built site for a person to look at:
//   node tests/e2e/screenshot.mjs [dist] [out-dir] [hash]
// Takes the first screen on a laptop, two phones, at 200 % zoom, and the presentation on a projector;
// with `make bench-data` done, the rough 10 000-organisation register seen whole, once settled.
import { chromium } from 'playwright-core';
import path from 'node:path';
import fs from 'node:fs';
import { startServer, CHROMIUM, CHROMIUM_ARGS } from './server.mjs';

const siteDir = path.resolve(process.argv[2] || 'dist');
const outDir = path.resolve(process.argv[3] || 'tests/e2e/artifacts');
const hash = process.argv[4] || '';
fs.mkdirSync(outDir, { recursive: true });
const server = await startServer({ siteDir, fixturesDir: path.resolve('tests/fixtures') });
// The benchmark's files, served beside the fixtures when they are there.
const large = path.resolve('target/bench-data/rough-10000.json');
const largeServer = fs.existsSync(large) ? await startServer({ siteDir, fixturesDir: path.dirname(large) }) : null;
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
const shots = [
  { name: 'laptop', viewport: { width: 1366, height: 768 }, scale: 1 },
  { name: 'phone', viewport: { width: 360, height: 640 }, scale: 2 },
  { name: 'phone-small', viewport: { width: 320, height: 568 }, scale: 2 },
  { name: 'zoom200', viewport: { width: 640, height: 450 }, scale: 2 },
  { name: 'presentation', viewport: { width: 1920, height: 1080 }, scale: 1, address: '?theme=contrast#present=2' },
  ...(largeServer ? [{ name: 'large-10000', viewport: { width: 1366, height: 768 }, scale: 1, address: '?data=fixtures/rough-10000.json', server: largeServer, settled: true }] : []),
];
for (const shot of shots) {
  const page = await browser.newPage({ viewport: shot.viewport, deviceScaleFactor: shot.scale });
  page.on('console', (m) => { if (m.type() === 'error') console.error(`[${shot.name}] console:`, m.text()); });
  await page.goto(`${(shot.server || server).url}/${shot.address ?? hash}`);
  const mark = shot.settled ? 'carte-settled' : 'carte-ready';
  await page.waitForFunction((m) => performance.getEntriesByName(m).length > 0, mark, { timeout: 60000 })
    .catch(() => console.error(`[${shot.name}] ${mark} never came`));
  // The presentation's camera glides for 0.7 s.
  await page.waitForTimeout(shot.address ? 1200 : 150);
  const file = path.join(outDir, `${shot.name}${hash ? '-' + hash.replace(/[^a-z0-9]+/gi, '_') : ''}.png`);
  // The first screen, as a visitor sees it on arrival.
  await page.screenshot({ path: file });
  console.log(file);
  await page.close();
}
await browser.close();
await server.close();
await largeServer?.close();
