// Interaction benchmark, rerunnable: `make bench` (after `make dist bench-data`), or
// `node bench/interactions.mjs`. On the 10 000-organisation file, once the layout has settled,
// measures in headless Chromium the main-thread script time an interaction costs: the event's
// own handling plus every animation-frame callback it causes (the paint), median of 15 tries.
// The browser's rasterisation of the canvas comes on top (see docs/PERFORMANCE.md).
// Budgets of issue 7: hover highlight and search under 16 ms, filters under 100 ms.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, CHROMIUM, CHROMIUM_ARGS } from '../tests/e2e/server.mjs';

const FILE = process.env.BENCH_FILE || 'orgs-10000.json';
const server = await startServer({ siteDir: path.resolve('dist'), fixturesDir: path.resolve('target/bench-data') });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
// Every animation-frame callback is timed, so that the paint an event asks for is counted.
await page.addInitScript(() => {
  window.__frameWork = [];
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (callback) => raf((now) => {
    const t = performance.now();
    try { callback(now); } finally { window.__frameWork.push(performance.now() - t); }
  });
});
await page.goto(`${server.url}/?data=fixtures/${FILE}`);
await page.waitForFunction(() => performance.getEntriesByName('carte-settled').length > 0, null, { timeout: 120000 });
await page.waitForTimeout(500);

/** Script time of `act` (run in the page) and of the frames that follow it. */
async function cost(act, arg) {
  return page.evaluate(async ([source, arg]) => {
    const act = new Function('arg', `return (${source})(arg)`);
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    window.__frameWork = [];
    // The event's handling, and the renders it schedules as microtasks, end before the next task.
    const nextTask = () => new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = r; c.port2.postMessage(0); });
    const t = performance.now();
    act(arg);
    await nextTask();
    const own = performance.now() - t;
    for (let i = 0; i < 3; i++) await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    return own + window.__frameWork.reduce((a, b) => a + b, 0);
  }, [act.toString(), arg]);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const TRIES = 15;

// Hover: the pointer onto a node (the handles sit over the nodes), then off it again.
const spots = await page.locator('.node-handle').evaluateAll((els, n) => els.slice(0, n).map((e) => {
  const r = e.getBoundingClientRect();
  return [r.left + r.width / 2, r.top + r.height / 2];
}), TRIES);
const hover = [];
for (const [x, y] of spots) {
  hover.push(await cost(([x, y]) => {
    const canvas = document.querySelector('canvas');
    canvas.dispatchEvent(new PointerEvent('pointermove', { clientX: x, clientY: y, bubbles: true, pointerId: 1, pointerType: 'mouse' }));
  }, [x, y]));
}

// Search: a few letters typed into the search box, each answer a list of organisations.
const words = ['marseille', 'aubagne', 'mission', 'commune', 'festival', 'école', 'pôle', 'côte', 'istres', 'union', 'vitrolles', 'atelier', 'jardins', 'ressourcerie', 'club'];
const search = [];
for (const word of words.slice(0, TRIES)) {
  search.push(await cost((word) => {
    const input = document.querySelector('input[role=combobox]');
    input.value = word;
    input.dispatchEvent(new InputEvent('input', { bubbles: true }));
  }, word));
}
await page.locator('input[role=combobox]').fill('');

// Filters: one kind of link on, then off again (the graph, header and counts follow). They live
// in the sheet of tools, opened from the bar.
const tools = page.locator('.tools-button');
if ((await tools.getAttribute('aria-expanded')) !== 'true') await tools.click();
await page.locator('#carte-tools').waitFor();
const filters = page.locator('.filters');
if ((await filters.getAttribute('open')) === null) await page.locator('.filters summary').click();
const filter = [];
for (let i = 0; i < TRIES; i++) {
  filter.push(await cost((i) => document.querySelectorAll('.filters input[type=checkbox]')[i % 3].click(), i));
}

if (process.env.BENCH_VERBOSE) console.log(hover.map((x) => x.toFixed(1)).join(" "));
const rows = [['hover highlight', hover, 16], ['search answer', search, 16], ['filter change', filter, 100]];
console.log(`Interactions on ${FILE} after the layout settled (script time of the event and the frames it causes, median of ${TRIES}):`);
for (const [name, xs, budget] of rows) {
  console.log(`  ${name.padEnd(18)} median ${median(xs).toFixed(1).padStart(6)} ms, max ${Math.max(...xs).toFixed(1).padStart(6)} ms  (budget ${budget} ms)`);
}
await browser.close();
await server.close();

// The section of docs/PERFORMANCE.md this benchmark owns (after the comparative part, which
// bench/peers.mjs writes).
const DOC = 'docs/PERFORMANCE.md';
const MARK = '## Interactions on the large file';
if (process.env.BENCH_DOC !== '-' && fs.existsSync(DOC)) {
  const before = fs.readFileSync(DOC, 'utf8').split(MARK)[0].trimEnd();
  const table = rows.map(([name, xs, budget]) => `| ${name} | ${median(xs).toFixed(1)} ms | ${Math.max(...xs).toFixed(1)} ms | ${budget} ms |`).join('\n');
  fs.writeFileSync(DOC, `${before}\n\n${MARK}\n\nWritten by \`node bench/interactions.mjs\` (run by \`make bench\`) on ${FILE}, once the layout has settled,
in the same headless Chromium: the main-thread script time of the event and of every animation frame it causes,
median and worst of ${TRIES} tries. Hover goes through the handles over the nodes, most linked first: the worst is
the hub with thousands of ties, all highlighted at once. Search types a word into the search box; a filter change
ticks a kind of link on or off. The browser's rasterisation of the canvas is not script time and comes on top.

| Interaction | Median | Worst | Budget (issue 7) |
| --- | --- | --- | --- |
${table}
`);
}
