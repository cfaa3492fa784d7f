// Comparative browser benchmark (issues 7 and 16), rerunnable: `make bench`, or after `make dist`
// and the data files: `node bench/peers.mjs`. In ONE headless Chromium, for each generated export
// (target/bench-data/: orgs-N.json, the classic shape, and rough-N.json, shaped as registers are)
// and each tool (our widget from dist/, Cytoscape.js + fCoSE, sigma.js + graphology ForceAtlas2),
// on a new page each time, it measures: time to first drawing (`carte-ready` mark), time to a
// settled layout (`carte-settled` mark, with a time limit), the longest main-thread task until
// then, the worst delay before a click is handled while it loads (a click every 150 ms from
// navigation to settled), frames per second while the background is dragged, and the JS heap
// after settling. Prints one table and the gzipped sizes (Zopfli for all), writes docs/PERFORMANCE.md.
// The browser is driven by bench/cdp.mjs, not Playwright: see why there.
//
// Environment: BENCH_TIMEOUT_S (default 120: limit at 10 000 and 50 000 organisations; 1 000
// gets a quarter of it), BENCH_FILES (default orgs-1000,orgs-10000,orgs-50000,rough-10000,
// rough-50000), BENCH_TOOLS (default ours,cytoscape,sigma), BENCH_DOC (default
// docs/PERFORMANCE.md; "-" writes nothing), BENCH_SHOTS (a folder: screenshots before and after
// each pan, for checking by eye).
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { gzipAsync } from '@gfx/zopfli';
import { launch } from './cdp.mjs';
import { sentBytes, FIRST_VIEW, CHROMIUM, CHROMIUM_ARGS } from '../tests/e2e/server.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const DIST = path.join(ROOT, 'dist');
const DATA = path.join(ROOT, 'target/bench-data');
const BUNDLES = path.join(ROOT, 'target/bench-peers');
const PEERS = path.join(ROOT, 'bench/peers');

const TIMEOUT_S = Number(process.env.BENCH_TIMEOUT_S || 120);
const FILES = (process.env.BENCH_FILES || 'orgs-1000,orgs-10000,orgs-50000,rough-10000,rough-50000').split(',');
const CLICK_EVERY_MS = 150;
const TOOLS = (process.env.BENCH_TOOLS || 'ours,cytoscape,sigma').split(',');
const DOC = process.env.BENCH_DOC ?? path.join(ROOT, 'docs/PERFORMANCE.md');
const SHOTS = process.env.BENCH_SHOTS;
const PAN_MS = 3000;
const VIEWPORT = { width: 1280, height: 900 };
// SwiftShader gives sigma's WebGL a software GPU; the same flags for every tool.
const ARGS = [...CHROMIUM_ARGS, '--enable-unsafe-swiftshader', '--use-angle=swiftshader'];
const limitMs = (orgs) => (orgs <= 1000 ? TIMEOUT_S / 4 : TIMEOUT_S) * 1000;

const TOOL_NAMES = { ours: 'Carte (ours)', cytoscape: 'Cytoscape.js + fCoSE', sigma: 'sigma.js + FA2' };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Resolves to the promise's value, or to `fallback` after `ms` (the promise is left running). */
const within = (promise, ms, fallback = undefined) =>
  Promise.race([promise.catch((e) => ({ benchFailure: String(e.message || e) })), sleep(ms).then(() => fallback)]);
// Sizes as sent: ours are dist/'s precompressed .gz files, the peers' bundles get the same Zopfli.
const zopfli = async (buf) => (await gzipAsync(buf, { numiterations: 15 })).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const mb = (n) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const sec = (ms) => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10000 ? 2 : 1)} s`);

// ---- the peers' bundles ----------------------------------------------------------------------
fs.mkdirSync(BUNDLES, { recursive: true });
const bundleSizes = {};
for (const peer of ['cytoscape', 'sigma']) {
  await esbuild.build({
    entryPoints: [path.join(PEERS, `${peer}.entry.js`)], bundle: true, minify: true, format: 'iife',
    target: 'es2020', outfile: path.join(BUNDLES, `${peer}.js`), logLevel: 'warning', legalComments: 'none',
  });
  bundleSizes[peer] = await zopfli(fs.readFileSync(path.join(BUNDLES, `${peer}.js`)));
}
const oursSize = FIRST_VIEW.reduce((sum, f) => sum + sentBytes(path.join(DIST, f)), 0);

// ---- a small static server: / = dist, /peers/ = bench/peers + bundles, /bench-data/ = data --
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.json': 'application/json' };
function resolve(pathname) {
  const mounts = [['/peers/', [PEERS, BUNDLES]], ['/bench-data/', [DATA]], ['/', [DIST]]];
  for (const [prefix, roots] of mounts) {
    if (!pathname.startsWith(prefix)) continue;
    const rel = pathname.slice(prefix.length) || 'index.html';
    for (const root of roots) {
      const file = path.normalize(path.join(root, rel));
      if (file.startsWith(root + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) return file;
    }
    return null;
  }
  return null;
}
const server = http.createServer((req, res) => {
  const file = resolve(decodeURIComponent(new URL(req.url, 'http://localhost').pathname));
  if (!file) { res.writeHead(404); return res.end('not found'); }
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream',
    'content-length': fs.statSync(file).size, 'cache-control': 'no-store' });
  fs.createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;
const pageUrl = (tool, dataUrl) =>
  tool === 'ours' ? `${base}/index.html?data=${encodeURIComponent(dataUrl)}` : `${base}/peers/${tool}.html?data=${encodeURIComponent(dataUrl)}`;

// ---- one measurement -----------------------------------------------------------------------
// Installed before any page script: long tasks, and (ours) the wasm memory Trunk hands over.
const INIT = () => {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  addEventListener('TrunkApplicationStarted', (e) => { window.__wasmMemory = e.detail?.wasm?.memory; });
  window.__errors = [];
  addEventListener('error', (e) => window.__errors.push(e.message || String(e.error)));
  addEventListener('unhandledrejection', (e) => window.__errors.push(String(e.reason?.message || e.reason)));
  // How long each click waited for the main thread: from the input's time to its handling.
  window.__clickDelays = [];
  addEventListener('pointerdown', (e) => window.__clickDelays.push(performance.now() - e.timeStamp), { capture: true });
};
const PROBE = () => {
  const mark = (name) => performance.getEntriesByName(name)[0]?.startTime;
  const alert = document.querySelector('#carte-root [role=alert], #carte-root .alert');
  return { now: performance.now(), ready: mark('carte-ready'), settled: mark('carte-settled'),
    error: window.benchError || (alert && alert.textContent.trim()) || window.__errors[0] || undefined };
};

async function measure(browser, tool, set) {
  const { orgs } = set;
  const limit = limitMs(orgs);
  const r = { tool, orgs, set, limit };
  const page = await browser.newPage(VIEWPORT);
  await page.addInitScript(INIT);
  const errors = [];
  page.onCrash(() => errors.push('page crashed'));
  try {
    await page.goto(pageUrl(tool, `/bench-data/${set.name}.json`));
    // Poll the marks. One probe at a time: a page stuck in a long task answers late, and the
    // last answer tells from when it has been busy. Meanwhile a click every CLICK_EVERY_MS, in a
    // corner of the page where it starts nothing (one at a time: a busy page acknowledges late).
    const start = Date.now();
    let state = {}, lastAnswer = start, pending = null, clicking = null, clickedAt = 0;
    while (Date.now() - start < limit) {
      pending ??= page.evaluate(PROBE).then((s) => { state = s; lastAnswer = Date.now(); }, (e) => { errors.push(e.message); })
        .finally(() => { pending = null; });
      if (!clicking && Date.now() - clickedAt >= CLICK_EVERY_MS) {
        clickedAt = Date.now();
        clicking = page.mouse.click(4, 4).catch(() => {}).finally(() => { clicking = null; });
      }
      await within(pending, 250);
      if (state.settled !== undefined || state.error || errors.length) break;
      await sleep(100);
    }
    r.ready = state.ready;
    r.settled = state.settled;
    r.error = state.error || errors[0];
    r.busyFor = Date.now() - lastAnswer > 2000 ? Date.now() - lastAnswer : 0;
    if (r.error) return r;
    if (r.busyFor) {
      // The main thread has not answered for a while: still in one task (fCoSE is synchronous).
      r.longest = r.busyFor; r.longestAtLeast = true;
      return r;
    }
    if (r.settled === undefined && state.ready === undefined) return r;
    if (r.settled === undefined) {
      // Still laying out at the limit but answering (sigma's worker): stop the layout so that the
      // pan below measures panning, not panning during a layout.
      r.stoppedAtLimit = await within(page.evaluate(() => {
        if (!window.benchStopLayout) return false;
        window.benchStopLayout();
        return true;
      }), 5000);
      if (r.stoppedAtLimit === true) await sleep(1000);
    }

    const delays = (await within(page.evaluate(() => window.__clickDelays), 5000)) || [];
    r.clicks = Array.isArray(delays) ? delays.length : 0;
    r.clickDelay = Array.isArray(delays) ? delays.reduce((m, d) => Math.max(m, d), 0) : undefined;
    const tasks = (await within(page.evaluate(() => window.__longTasks), 5000)) || [];
    const until = r.settled ?? state.now;
    const before = Array.isArray(tasks) ? tasks.filter(([t]) => t <= until) : [];
    r.longest = before.reduce((m, [, d]) => Math.max(m, d), 0);
    r.longTasks = before.length;
    // While the layout refines: from the first drawing on (issue 7: every task under 50 ms).
    const after = before.filter(([t]) => r.ready !== undefined && t >= r.ready);
    r.longestAfter = after.reduce((m, [, d]) => Math.max(m, d), 0);
    if (tool === 'sigma') r.settle = await within(page.evaluate(() => window.benchSettle), 2000);

    // JS heap after a collection (the page's main isolate); ours also its wasm linear memory.
    // Enabled only now: its probes would slow the loading measured above.
    await within(page.send('Performance.enable'), 5000);
    await within(page.send('HeapProfiler.collectGarbage'), 20000);
    const metrics = await within(page.send('Performance.getMetrics'), 10000);
    r.heap = metrics?.metrics?.find((m) => m.name === 'JSHeapUsedSize')?.value;
    if (tool === 'ours') r.wasm = await within(page.evaluate(() => window.__wasmMemory?.buffer.byteLength), 2000);

    r.fps = await pan(page, r, `${tool}-${orgs}`);
  } finally {
    await within(page.close(), 15000);
  }
  return r;
}

/** Drags the background for PAN_MS with a move every 16 ms and counts animation frames. */
async function pan(page, r, name) {
  // A start point on the canvas itself, near a corner (away from nodes and from overlays).
  const start = await within(page.evaluate(() => {
    const canvases = [...document.querySelectorAll('canvas')].filter((c) => c.getBoundingClientRect().width > 100);
    for (const c of canvases) {
      const b = c.getBoundingClientRect();
      for (const [fx, fy] of [[0.04, 0.06], [0.96, 0.06], [0.04, 0.94], [0.96, 0.94], [0.1, 0.5], [0.9, 0.5]]) {
        const x = b.left + fx * b.width, y = b.top + fy * b.height;
        const hit = document.elementFromPoint(x, y);
        if (hit && (hit === c || hit.tagName === 'CANVAS')) return { x, y, fx, fy, w: b.width, h: b.height };
      }
    }
    return null;
  }), 5000);
  if (!start || start.benchFailure) { r.panNote = 'no canvas to drag'; return undefined; }
  const shot = async (when) => within(page.screenshot({ path: SHOTS ? path.join(SHOTS, `${name}-${when}.png`) : undefined }), 20000);
  const before = await shot('before');
  const camera0 = await within(page.evaluate(() => window.benchCamera && window.benchCamera()), 2000);
  await page.evaluate(() => {
    window.__frames = 0;
    window.__framesFrom = performance.now();
    window.__countFrames = true;
    const tick = () => { if (!window.__countFrames) return; window.__frames += 1; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  // Toward the middle of the canvas.
  const dx = Math.min(150, start.w / 5) * (start.fx > 0.5 ? -1 : 1);
  const dy = Math.min(100, start.h / 5) * (start.fy > 0.5 ? -1 : 1);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  const t0 = Date.now();
  for (let i = 1; Date.now() - t0 < PAN_MS; i++) {
    // Back and forth, a round trip every 2 s: at the end the view is dx, dy away from the start.
    const phase = ((Date.now() - t0) / 2000) * 2 * Math.PI;
    const f = (1 - Math.cos(phase)) / 2;
    await page.mouse.move(start.x + dx * f, start.y + dy * f);
    const next = t0 + i * 16;
    if (next > Date.now()) await sleep(next - Date.now());
  }
  const counted = await page.evaluate(() => {
    window.__countFrames = false;
    return { frames: window.__frames, ms: performance.now() - window.__framesFrom };
  });
  await page.mouse.up();
  const camera1 = await within(page.evaluate(() => window.benchCamera && window.benchCamera()), 2000);
  const after = await shot('after');
  if (camera0 && camera1) r.panMoved = JSON.stringify(camera0) !== JSON.stringify(camera1);
  else if (Buffer.isBuffer(before) && Buffer.isBuffer(after)) r.panMoved = !before.equals(after);
  if (r.panMoved === false) r.panNote = 'the view did not move';
  return (counted.frames * 1000) / counted.ms;
}

// ---- the run -------------------------------------------------------------------------------
if (SHOTS) fs.mkdirSync(SHOTS, { recursive: true });
const browser = await launch({ executablePath: CHROMIUM, args: ARGS });
const version = browser.version;
const results = [];
const began = Date.now();
const loadBefore = os.loadavg()[0];
// Each file's counts and shape, read from its title (`carte generate` writes them there).
const sets = FILES.map((name) => {
  const file = path.join(DATA, `${name}.json`);
  if (!fs.existsSync(file)) return { name, missing: file };
  const head = fs.readFileSync(file, { encoding: 'utf8', flag: 'r' }).slice(0, 2000);
  const [, orgs, links] = head.match(/(\d+) organisations, (\d+) liens/) || [];
  return { name, orgs: Number(orgs), links: Number(links), shape: name.startsWith('rough') ? 'rough' : 'classic' };
});
// Waits (up to 20 s) until the machine's CPUs are nine-tenths idle over half a second: a page
// closed at its time limit (a peer still laying out) takes a while to stop, and the next
// measurement, whichever tool's, would share the CPUs with it.
async function quiet() {
  const idle = () => {
    const [, ...t] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
    return [t[3] + (t[4] || 0), t.reduce((a, b) => a + b, 0)];
  };
  if (!fs.existsSync('/proc/stat')) return;
  for (const end = Date.now() + 20000; Date.now() < end;) {
    const [i0, t0] = idle();
    await new Promise((r) => setTimeout(r, 500));
    const [i1, t1] = idle();
    if ((i1 - i0) / Math.max(1, t1 - t0) >= 0.9) return;
  }
}

for (const set of sets) {
  if (set.missing) { console.error(`missing ${set.missing}: make bench generates it`); process.exitCode = 1; continue; }
  for (const tool of TOOLS) {
    const t = Date.now();
    let r;
    try {
      await quiet();
      r = await measure(browser, tool, set);
    } catch (e) {
      r = { tool, orgs: set.orgs, set, limit: limitMs(set.orgs), error: String(e.message || e).split('\n')[0] };
    }
    results.push(r);
    console.error(`  ${set.name.padStart(12)} ${TOOL_NAMES[tool].padEnd(22)} done in ${((Date.now() - t) / 1000).toFixed(0)} s`);
  }
}
await within(browser.close(), 20000);
server.close();

// ---- the table -----------------------------------------------------------------------------
const cells = (r) => {
  const over = `> ${(r.limit / 1000).toFixed(0)} s`;
  const short = (s) => (s.length > 70 ? s.slice(0, 67) + '…' : s);
  if (r.error) return [r.ready !== undefined ? sec(r.ready) : '—', `error: ${short(r.error.replace(/\s+/g, ' '))}`, '—', '—', '—', '—'];
  const ready = r.ready !== undefined ? sec(r.ready) : over;
  let settled = r.settled !== undefined ? sec(r.settled) : `not settled (${over})`;
  if (r.settle?.why === 'iteration cap') settled += ' (iteration cap)';
  if (r.settle?.iterations !== undefined && r.settled === undefined) settled += `, ${r.settle.iterations} iterations`;
  const longest = r.longest === undefined ? '—'
    : r.longestAtLeast ? `≥ ${sec(r.longest)} (still running)`
      : `${sec(r.longest)} (${r.longTasks} > 50 ms); after first drawing ${r.longestAfter ? sec(r.longestAfter) : 'none > 50 ms'}`;
  const fps = r.fps === undefined ? (r.busyFor ? '— (page busy)' : `— (${r.panNote || 'not measured'})`)
    : `${r.fps.toFixed(0)}${r.panNote ? ` (${r.panNote})` : ''}${r.stoppedAtLimit === true ? ' (layout stopped at the limit)' : ''}`;
  const heap = r.heap === undefined ? '—' : r.wasm ? `${mb(r.heap)} + ${mb(r.wasm)} wasm` : mb(r.heap);
  const click = r.busyFor ? `≥ ${sec(r.busyFor)} (page busy)` : r.clicks ? `${sec(r.clickDelay)} (${r.clicks} clicks)` : '—';
  return [ready, settled, longest, click, fps, heap];
};
const count = (n) => n.toLocaleString('en').replace(/,/g, ' ');
const header = ['Organisations / links (shape)', 'Tool', 'First drawing', 'Settled layout', 'Longest task (long tasks)', 'Slowest click while loading', 'Pan fps', 'JS heap'];
const rows = results.map((r) => [`${count(r.orgs)} / ${count(r.set.links)} (${r.set.shape})`, TOOL_NAMES[r.tool], ...cells(r)]);
const table = [header, header.map(() => '---'), ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
const sizeLines = [
  `| Carte (ours): first view (HTML, JS, wasm, CSS, default data) | ${kb(oursSize)} |`,
  `| Cytoscape.js 3.34.4 + cytoscape-fcose 2.2.0 (+ cose-base, layout-base), minified | ${kb(bundleSizes.cytoscape)} |`,
  `| sigma 3.0.3 + graphology 0.26.0 + graphology-layout-forceatlas2 0.10.1 (+ deps), minified | ${kb(bundleSizes.sigma)} |`,
].join('\n');
const sizes = `| Gzipped (Zopfli, as sent) | Size |\n| --- | --- |\n${sizeLines}`;
// The issues' goal: at 10 000 organisations, ahead of both peers on settling and on panning.
// A peer not settled counts as slower; a page too busy to pan, or whose view a drag did not
// move, as 0 fps.
const verdicts = sets.filter((set) => set.orgs === 10000).map((set) => {
  const orgs = set.orgs;
  const of = (tool) => results.find((r) => r.set?.name === set.name && r.tool === tool);
  const ours = of('ours');
  const peers = TOOLS.filter((t) => t !== 'ours').map(of).filter(Boolean);
  if (!ours || !peers.length) return null;
  const settle = (r) => (r.error || r.settled === undefined ? Infinity : r.settled);
  const fps = (r) => (r.error || r.fps === undefined || r.panMoved === false ? 0 : r.fps);
  const yes = (ok) => (ok ? 'yes' : 'no');
  const names = peers.map((r) => TOOL_NAMES[r.tool]).join(' and ');
  return `At ${count(orgs)} organisations (${set.shape}), ours ahead of ${names}: `
    + `settled layout ${yes(peers.every((p) => settle(ours) < settle(p)))}, `
    + `pan fps ${yes(peers.every((p) => fps(ours) > fps(p)))}.`;
}).filter(Boolean);
console.log(`\nComparative benchmark, headless Chromium ${version}, ${os.cpus().length} × ${os.cpus()[0]?.model}`);
console.log(table);
for (const v of verdicts) console.log(v);
console.log('');
console.log(sizes);
console.log(`\n(${((Date.now() - began) / 1000).toFixed(0)} s in the browser)`);

// ---- docs/PERFORMANCE.md -------------------------------------------------------------------
if (DOC !== '-') {
  const osName = (fs.readFileSync('/etc/os-release', 'utf8').match(/^PRETTY_NAME="?([^"\n]*)/m) || [])[1] || os.type();
  const limits = [...new Set(sets.filter((s) => s.orgs).map((s) => `${(limitMs(s.orgs) / 1000).toFixed(0)} s at ${count(s.orgs)}`))].join(', ');
  const doc = `# Performance

Generated by \`make bench\` (the comparative part: \`node bench/peers.mjs\`) on ${new Date().toISOString().slice(0, 10)}.
Do not edit by hand: rerun \`make bench\`.

## Machine

- CPU: ${os.cpus()[0]?.model} × ${os.cpus().length} cores; RAM: ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB
- OS: ${osName}, Linux ${os.release()}
- Browser: Chromium ${version}, headless, flags \`${ARGS.join(' ')}\`, viewport ${VIEWPORT.width} × ${VIEWPORT.height}
- No GPU: canvas 2D (ours, Cytoscape.js) is rasterised in software and sigma's WebGL runs on SwiftShader. Each of
  sigma's frames is then a main-thread task of its own, about 90 % of it outside JavaScript (CPU profile); with a
  GPU sigma would draw, and so let ForceAtlas2 iterate, faster
- Load average (1 min) when the browser run began: ${loadBefore.toFixed(2)}; nothing else is stopped during the run
- Node.js ${process.version}; one browser for the whole run, a new tab per measurement (once the CPUs are idle again),
  one measurement per cell
- Driven by \`bench/cdp.mjs\`, the DevTools protocol over a pipe with only the domains the measurements need, in the
  browser's own profile, as a visitor's browser runs: Playwright (the end-to-end tests' driver) turns on the Network
  domain, for which Chromium keeps a decoded copy of every response (one more task of 80 to 130 ms when a 14 MB
  export arrives, every tool alike), and opens each page in a fresh incognito context (our first drawing 0.1 to 0.2 s
  later, measured)

## Our widget against Cytoscape.js and sigma.js

Files written by \`carte generate\` (target/bench-data/), the very same file for the three tools, in two shapes:
**classic** (\`--orgs N --links 3N --seed 7\`: every organisation linked, a few decisions shared by many links, pretty
JSON) and **rough** (\`--shape rough --seed 7\`, one line: one organisation in nine without any link and small islands
of their own, payers with thousands of links, one link in ten renewing an earlier pair, one in twenty with several
parties, each link its own decision; 10 000 organisations with 30 000 links make 13.9 MB, and 50 000 get 125 000
links to stay under the 64 MB limit). Every tool draws one node per organisation and one edge per link (parallel
links stay parallel edges). Ours draws its usual picture: from afar the communities as named regions and the most
linked organisations' names; the peers draw dots and lines, no labels. Time limit per page: ${limits} (\`BENCH_TIMEOUT_S\`).

${table}

${verdicts.map((v) => `${v} (A peer not settled counts as slower, a page too busy to pan as 0 fps.)`).join('\n')}

${sizes}

## What is measured

- **First drawing**: the \`carte-ready\` mark, from navigation start (fetching and parsing the file included).
  Ours marks its first drawn picture; Cytoscape.js's page marks its first \`render\` event, with nodes at random
  positions (cytoscape's \`random\` layout) before fCoSE runs; sigma's page marks right after \`new Sigma()\`,
  which draws synchronously, at seeded random positions.
- **Settled layout**: the \`carte-settled\` mark. Ours: when its layout stops. Cytoscape.js: the \`stop\` callback of
  \`cytoscape-fcose\` (defaults, \`quality: 'default'\`, \`animate: false\`), which runs synchronously on the main
  thread. sigma.js: ForceAtlas2 in its Web Worker (\`graphology-layout-forceatlas2/worker\`, \`inferSettings\`), stopped
  when the mean displacement of a node per iteration falls below 10⁻⁴ of the layout's extent (bounding-box diagonal;
  0.1 px per iteration on a 1000-px view), checked every 500 ms, or after 2 000 iterations. A tool not settled within
  the limit is reported as such.
- **Longest task**: the longest main-thread task (PerformanceObserver \`longtask\`, buffered, installed before any
  page script) from navigation until settled, and in brackets the number of tasks over 50 ms; then the longest of
  those that began after the first drawing (while the layout refines; parsing the file comes before). When the page stopped
  answering (a synchronous layout still running at the limit), the time it has not answered is a lower bound.
  Work in a Web Worker (ours: the layout and the communities; sigma's ForceAtlas2) is not on the main thread and not
  counted. Ours reads and checks the export on the main thread in slices of about 30 ms.
- **Slowest click while loading**: from navigation until settled (or the limit), a mouse click every ${CLICK_EVERY_MS} ms
  in the page's top-left corner (where it starts nothing); for each, the time from the input to its handling (a
  \`pointerdown\` listener installed before any page script: \`performance.now() - event.timeStamp\`); the worst, and
  how many clicks were handled. A page that stopped answering is marked busy, with how long.
- **Pan fps**: after settling, a mouse drag on the graph's background (a point of the canvas near a corner) with a
  move every 16 ms for ${PAN_MS / 1000} s; the page's \`requestAnimationFrame\` callbacks in that time, per second.
  A layout still running at the limit in a worker (sigma) is stopped first, so that this measures panning alone; a
  page whose main thread is still busy (fCoSE) is not measured. Whether the view moved is checked (camera state for
  the peers, a screenshot before and after for ours): frames counted while a drag left the view where it was are
  shown but do not count as smoothness in the verdict below the table (0 fps there).
- **JS heap**: CDP \`Performance.getMetrics\` → \`JSHeapUsedSize\` of the page's main thread after a garbage collection,
  once settled (or at the limit). For ours, "+ wasm" is the size of the WebAssembly linear memory (grown, never
  shrunk: a high-water mark), which lies outside the JS heap. Not counted: GPU memory (sigma's WebGL buffers), the
  ForceAtlas2 worker's heap (its position arrays are about 10 floats per node and 3 per edge), canvas backing stores.
- **Sizes**: gzip (Zopfli, 15 iterations: the .gz files \`make dist\` writes for the server to send) of our first view (index.html, carte-partenariats.js, carte-partenariats_bg.wasm,
  style.css, data/partenariats.json) and of each peer's library bundle (esbuild, minified, from node_modules:
  bench/peers/*.entry.js). The peers are devDependencies used only by the benchmark and never copied into dist/.

Also printed by \`make bench\`: the native core benchmark (\`cargo run --release --example bench_core\`) and the
default dataset's load times (\`bench/browser.mjs\`).
`;
  fs.writeFileSync(DOC, doc);
  console.log(`Wrote ${path.relative(ROOT, DOC)}.`);
}
