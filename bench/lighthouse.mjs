// Lighthouse on the release site, as a visitor on a phone gets it: the mobile profile (simulated
// slow 4G, 4× slower CPU), dist/ served with its precompressed .gz files by tests/e2e/server.mjs,
// Debian's Chromium headless. Three runs; the median of each figure is written to
// docs/PERFORMANCE.md (its own section) and printed.
//
//   node bench/lighthouse.mjs [runs]       (after `make dist`; `make bench` runs it)
//
// Lighthouse 12.2.3 is a benchmark tool only (bench/package.json, installed by `make bench`).
// BENCH_DOC=- writes nothing.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, CHROMIUM, CHROMIUM_ARGS } from '../tests/e2e/server.mjs';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const LIGHTHOUSE = path.join(ROOT, 'bench', 'node_modules', '.bin', 'lighthouse');
const DOC = process.env.BENCH_DOC ?? path.join(ROOT, 'docs/PERFORMANCE.md');
const RUNS = Number(process.argv[2] || 3);
const MARK = '## Lighthouse, mobile profile';

if (!fs.existsSync(LIGHTHOUSE)) {
  console.error('lighthouse: bench/node_modules lacks Lighthouse; run `npm ci --prefix bench` (make bench does)');
  process.exit(1);
}
const server = await startServer({ siteDir: path.join(ROOT, 'dist'), fixturesDir: path.join(ROOT, 'tests/fixtures') });
const flags = ['--headless=new', ...CHROMIUM_ARGS].join(' ');
const load = os.loadavg()[0].toFixed(2);
const reports = [];
try {
  for (let run = 1; run <= RUNS; run++) {
    const out = path.join(os.tmpdir(), `carte-lighthouse-${process.pid}-${run}.json`);
    // Asynchronously: the server answering Lighthouse's browser runs in this very process.
    await promisify(execFile)(LIGHTHOUSE, [
      `${server.url}/`, '--quiet', '--output=json', `--output-path=${out}`,
      '--only-categories=performance,accessibility,best-practices', `--chrome-flags=${flags}`,
    ], { env: { ...process.env, CHROME_PATH: CHROMIUM }, maxBuffer: 64 * 1024 * 1024 });
    reports.push(JSON.parse(fs.readFileSync(out, 'utf8')));
    fs.rmSync(out);
    console.error(`lighthouse: run ${run} of ${RUNS} done`);
  }
} finally {
  await server.close();
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const score = (id) => median(reports.map((r) => Math.round(r.categories[id].score * 100)));
const audit = (id) => median(reports.map((r) => r.audits[id].numericValue));
const ms = (x) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${Math.round(x)} ms`);
const rows = [
  ['Performance score', score('performance'), '≥ 95'],
  ['Accessibility score', score('accessibility'), '100'],
  ['Best practices score', score('best-practices'), '100'],
  ['First contentful paint', ms(audit('first-contentful-paint')), ''],
  ['Largest contentful paint', ms(audit('largest-contentful-paint')), '≤ 2 s'],
  ['Total blocking time', ms(audit('total-blocking-time')), '≤ 150 ms'],
  ['Cumulative layout shift', audit('cumulative-layout-shift').toFixed(3), ''],
  ['Speed index', ms(audit('speed-index')), ''],
  ['Longest main-thread task', ms(median(reports.map((r) => Math.max(0, ...(r.audits['long-tasks']?.details?.items ?? []).map((t) => t.duration))))), ''],
];
const table = rows.map(([name, value, target]) => `| ${name} | ${value} | ${target} |`).join('\n');
console.log(`Lighthouse ${reports[0].lighthouseVersion}, mobile profile, median of ${RUNS} runs:\n${table}`);

if (DOC !== '-' && fs.existsSync(DOC)) {
  const text = fs.readFileSync(DOC, 'utf8');
  const [before, rest = ''] = text.split(MARK);
  const next = rest.indexOf('\n## ');
  const after = next >= 0 ? rest.slice(next) : '';
  const chromium = execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).trim();
  const section = `${MARK}

Written by \`node bench/lighthouse.mjs\` (run by \`make bench\`) on ${new Date().toISOString().slice(0, 10)}: Lighthouse
${reports[0].lighthouseVersion} (bench/package.json), its default mobile profile (simulated slow 4G, 4× CPU slowdown,
Moto G Power screen), ${chromium} headless (\`CHROME_PATH=${CHROMIUM}\`, \`--chrome-flags="${flags}"\`), the release
site (\`make dist\`) served with its Zopfli .gz files by tests/e2e/server.mjs. Median of ${RUNS} runs; targets from issue 15.
Load average (1 min) when the runs began: ${load} on ${os.cpus().length} cores. Lighthouse simulates the phone's CPU by
multiplying the times it observes by 4, so a busy machine inflates the total blocking time and the longest task.
The page carries the default map as a static view written at build time (\`carte page\`), so the largest contentful
paint does not wait for the wasm; the widget takes its place once drawn.

| Figure | Median | Target |
| --- | --- | --- |
${table}
`;
  fs.writeFileSync(DOC, `${before.trimEnd()}\n\n${section}${after}`);
}
