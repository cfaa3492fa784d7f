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

before(() => {
  if (!fs.existsSync(FILE)) {
    fs.mkdirSync('tests/fixtures/cli-output', { recursive: true });
    execFileSync('target/debug/carte', ['generate', '--orgs', '10000', '--links', '30000', '--seed', '7', '-o', FILE]);
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
