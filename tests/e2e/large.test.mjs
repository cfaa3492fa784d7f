// A 10 000-organisation / 30 000-link export, written by `carte generate` (needs `cargo test`,
// which builds target/debug/carte, as `make test` does): it loads with a progress indicator,
// draws a first picture before its layout settles, and the explorer's features all work on
// it. Speed itself is measured by `make bench`, not here.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { newPage, open, openTools, plain } from './harness.mjs';

const FILE = 'tests/fixtures/cli-output/generated-10000.json';
// Shaped as registers are: organisations without links, islands, hubs with thousands of links.
const ROUGH = 'tests/fixtures/cli-output/rough-10000.json';
// Over the size that starts the layout worker (512 KB), yet read in a slice or two.
const QUICK = 'tests/fixtures/cli-output/generated-1000.json';

before(() => {
  fs.mkdirSync('tests/fixtures/cli-output', { recursive: true });
  if (!fs.existsSync(FILE)) {
    execFileSync('target/debug/carte', ['generate', '--orgs', '10000', '--links', '30000', '--seed', '7', '-o', FILE]);
  }
  if (!fs.existsSync(QUICK)) {
    execFileSync('target/debug/carte', ['generate', '--orgs', '1000', '--links', '3000', '--seed', '5', '-o', QUICK]);
  }
  if (!fs.existsSync(ROUGH)) {
    execFileSync('target/debug/carte', ['generate', '--shape', 'rough', '--orgs', '10000', '--links', '30000', '--seed', '11', '-o', ROUGH]);
  }
});

/** Opens the large export, noting every loading stage the page shows on the way. */
async function openLarge(page, hash = '', query = 'slow') {
  await page.addInitScript(() => {
    window.__stages = [];
    window.__amounts = [];
    new MutationObserver(() => {
      const status = document.querySelector('.loading .status');
      const bar = document.querySelector('.loading progress');
      if (bar) window.__amounts.push([bar.getAttribute('value'), bar.getAttribute('max')]);
      const seen = `${status?.textContent || ''}|${bar ? bar.getAttribute('value') ?? 'indeterminate' : ''}`;
      if (status && window.__stages.at(-1) !== seen) window.__stages.push(seen);
    }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  await open(page, `?data=${encodeURIComponent(`fixtures/cli-output/generated-10000.json?${query}`)}${hash}`);
  await page.waitForFunction(() => performance.getEntriesByName('carte-settled').length > 0, null, { timeout: 60000 });
}

test('a large export shows its loading stages, then a first picture before the settled one', async () => {
  const page = await newPage();
  await openLarge(page);
  const stages = await page.evaluate(() => window.__stages);
  assert.ok(stages.some((s) => s.startsWith('Chargement des données')), `no download stage in ${JSON.stringify(stages)}`);
  assert.ok(stages.some((s) => /\|\d+$/.test(s)), `the progress bar never had a value: ${JSON.stringify(stages)}`);
  assert.ok(stages.some((s) => s.startsWith('Lecture et vérification des données')), `no reading stage in ${JSON.stringify(stages)}`);
  const [ready, settled] = await page.evaluate(() => ['carte-ready', 'carte-settled'].map((m) => performance.getEntriesByName(m)[0].startTime));
  assert.ok(ready < settled, `first picture at ${ready} ms, settled at ${settled} ms`);
  assert.match(plain(await page.locator('.carte-header').innerText()), /10 000 organisations · 30 000 liens/);
  assert.deepEqual(page.errors, []);
});

test('a compressed download, whose declared length is the compressed one, never shows more received than its total', async () => {
  const page = await newPage();
  await openLarge(page, '', 'slow&gzip');
  const stages = await page.evaluate(() => window.__stages);
  assert.ok(stages.some((s) => s.startsWith('Lecture et vérification des données')), `no reading stage in ${JSON.stringify(stages)}`);
  const amounts = await page.evaluate(() => window.__amounts);
  for (const [value, max] of amounts) assert.ok(max === null || value === null || Number(value) <= Number(max), `progress ${value} of ${max}`);
  assert.match(plain(await page.locator('.carte-header').innerText()), /10 000 organisations · 30 000 liens/);
  assert.deepEqual(page.errors, []);
});

test('on a large graph the keyboard layer holds the organisations on screen, not ten thousand buttons', async () => {
  const page = await newPage();
  await openLarge(page);
  const handles = page.locator('.node-handle');
  const count = await handles.count();
  assert.ok(count > 20 && count <= 203, `${count} handles`);
  assert.match(await page.locator('.node-handles').getAttribute('aria-label'), /les \d+ plus liées à l'écran/);
  // One Tab stop, then the arrow keys move from node to node.
  const stop = page.locator('.node-handle[tabindex="0"]');
  assert.equal(await stop.count(), 1);
  await stop.focus();
  const first = await page.evaluate(() => document.activeElement.dataset.org);
  for (const key of ['ArrowRight', 'ArrowDown', 'ArrowLeft']) await page.keyboard.press(key);
  const moved = await page.evaluate(() => document.activeElement.dataset.org);
  assert.ok(moved && moved !== first, `focus stayed on ${first}`);
  await page.keyboard.press('Enter');
  await page.locator('#details-title').waitFor();
  // Zooming in brings other organisations, and their handles, on screen.
  const before = await handles.evaluateAll((els) => els.map((e) => e.dataset.org).join());
  for (let i = 0; i < 6; i++) await page.getByRole('button', { name: 'Zoomer', exact: true }).click();
  await page.waitForFunction((was) => [...document.querySelectorAll('.node-handle')].map((e) => e.dataset.org).join() !== was, before);
  assert.deepEqual(page.errors, []);
});

test('search, a hub\'s panel, the table by pages and the filters all work on a large export', async () => {
  const page = await newPage();
  await openLarge(page);
  const box = page.getByRole('combobox', { name: 'Rechercher une organisation' });
  await box.fill('métropole aix');
  await box.press('Enter');
  await page.locator('#details-title', { hasText: 'Métropole Aix-Marseille-Provence' }).waitFor();
  // A hub's thousands of acts: a first few per kind in the panel, all of them in the table.
  const panel = page.locator('aside.details');
  await panel.getByText(/Et [\d\s\u202f]+ autres actes de ce type/).first().waitFor();
  await panel.getByRole('button', { name: 'Les voir dans le tableau' }).first().click();
  const pager = page.getByRole('navigation', { name: 'Pages du tableau' });
  await pager.waitFor();
  assert.match(plain(await pager.innerText()), /Liens 1 à 200 sur \d/);
  assert.equal(await page.locator('.table-view tbody tr').count(), 200);
  await pager.getByRole('button', { name: 'Liens suivants' }).click();
  assert.match(plain(await pager.innerText()), /Liens 201 à 400 sur/);
  // Back to the whole graph, then a filter on one kind of link.
  await page.getByRole('navigation', { name: 'Vues' }).getByRole('link', { name: 'Graphe' }).click();
  await openTools(page);
  await page.locator('.filters summary').click();
  const summary = page.locator('.filters-summary');
  const was = await summary.innerText();
  await page.locator('.filters input[type=checkbox]').first().check();
  await page.waitForFunction((w) => document.querySelector('.filters-summary').innerText !== w, was);
  assert.match(plain(await page.locator('.carte-header').innerText()), /liens/);
  assert.deepEqual(page.errors, []);
});

/** Opens the rough register and waits for its settled picture; `requests` collects what the page fetched. */
async function openRough(page, requests = [], file = 'rough-10000.json') {
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await open(page, `?data=${encodeURIComponent(`fixtures/cli-output/${file}`)}`);
  await page.waitForFunction(() => performance.getEntriesByName('carte-settled').length > 0, null, { timeout: 60000 });
  return requests;
}

test('a large register is laid out by the layout worker, whose files only a large register fetches', async () => {
  const small = await newPage();
  const fetched = [];
  small.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await open(small);
  assert.ok(!fetched.some((p) => /carte-(worker|layout)/.test(p)), `the default page fetched ${fetched.join(', ')}`);
  const page = await newPage();
  const requests = await openRough(page);
  for (const file of ['/carte-worker.js', '/carte-layout.js', '/carte-layout_bg.wasm']) {
    assert.ok(requests.includes(file), `${file} not fetched: ${requests.join(', ')}`);
  }
  assert.match(plain(await page.locator('.carte-header').innerText()), /10 000 organisations · 30 000 liens/);
  assert.deepEqual(page.errors, []);
});

/** The picture as the SVG download gives it. */
async function pictureSvg(page) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: "Télécharger l'image en SVG" }).click(),
  ]);
  return fs.readFileSync(await file.path(), 'utf8');
}

test('the picture of a large register seen whole names its communities, never one label on another', async () => {
  const page = await newPage({ width: 1280, height: 900 });
  await openRough(page);
  const svg = await pictureSvg(page);
  // The communities' regions, and their names in bold over them: the main payers' among them.
  assert.ok((svg.match(/<polygon /g) || []).length >= 5, 'fewer than five community regions');
  const bold = [...svg.matchAll(/font-weight="700"[^>]*>([^<]+)</g)].map((m) => m[1]);
  assert.ok(bold.length >= 5, `communities named: ${bold.join(', ')}`);
  assert.ok(bold.includes('AMP') || bold.includes('CD13'), `no payer names a community: ${bold.join(', ')}`);
  // Every label's backing box apart from every other.
  const boxes = [...svg.matchAll(/<rect x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)" height="([\d.]+)" rx="4"/g)]
    .map((m) => m.slice(1).map(Number));
  assert.ok(boxes.length > bold.length);
  boxes.forEach(([x, y, w, h], i) => {
    for (const [x2, y2, w2, h2] of boxes.slice(i + 1)) {
      const apart = x + w <= x2 + 0.01 || x2 + w2 <= x + 0.01 || y + h <= y2 + 0.01 || y2 + h2 <= y + 0.01;
      assert.ok(apart, `labels overlap at ${x},${y} and ${x2},${y2}`);
    }
  });
  assert.deepEqual(page.errors, []);
});

test('where no worker can run, a large register still shows, grouped by kind', async () => {
  const page = await newPage();
  await page.addInitScript(() => { delete window.Worker; });
  await openRough(page);
  assert.match(plain(await page.locator('.carte-header').innerText()), /10 000 organisations · 30 000 liens/);
  assert.ok((await page.locator('.node-handle').count()) > 20);
  assert.deepEqual(page.errors, []);
});

// Read in as few slices as the machine allows: when it ended in the slice that read the links, the
// worker, started with the download, never got them (seen under load; three tries to catch it).
test('an export over the worker\'s size but read at once is laid out all the same', async () => {
  assert.ok(fs.statSync(QUICK).size > 512 * 1024, 'the file does not start the worker');
  for (let i = 0; i < 3; i++) {
    const page = await newPage();
    await open(page, `?data=${encodeURIComponent('fixtures/cli-output/generated-1000.json')}`);
    await page.waitForFunction(() => performance.getEntriesByName('carte-settled').length > 0, null, { timeout: 20000 });
    assert.match(plain(await page.locator('.carte-header').innerText()), /1 000 organisations · 3 000 liens/);
    assert.deepEqual(page.errors, []);
    await page.close();
  }
});

// The worker reads the ties from the export's bytes itself; bytes it cannot read so (here an id
// written in Latin-1, which the page reads as « � ») make it ask for the page's.
test('an export whose ties the worker cannot read itself is laid out by the worker with the page\'s', async () => {
  const bytes = fs.readFileSync(ROUGH);
  const id = bytes.toString('latin1').match(/"id": ?"([a-z0-9-]+)"/)[1];
  const latin1 = Buffer.from(bytes.toString('latin1').replaceAll(`"${id}"`, `"\u00e9${id.slice(1)}"`), 'latin1');
  fs.writeFileSync('tests/fixtures/cli-output/rough-latin1-id.json', latin1);
  const page = await newPage({ width: 1280, height: 900 });
  await openRough(page, [], 'rough-latin1-id.json');
  assert.match(plain(await page.locator('.carte-header').innerText()), /10 000 organisations · 30 000 liens/);
  // The worker's communities (the page's own layout, grouped by kind, has none).
  assert.ok(((await pictureSvg(page)).match(/<polygon /g) || []).length >= 5, 'no community regions');
  assert.deepEqual(page.errors, []);
});

test('a layout worker that cannot start its wasm hands the layout back to the page', async () => {
  const page = await newPage();
  await page.route('**/carte-layout_bg.wasm', (route) => route.fulfill({ status: 404, body: 'absent' }));
  const requests = await openRough(page);
  assert.ok(requests.includes('/carte-layout_bg.wasm'), 'the worker did not try its wasm');
  assert.match(plain(await page.locator('.carte-header').innerText()), /10 000 organisations · 30 000 liens/);
  assert.ok((await page.locator('.node-handle').count()) > 20);
});
