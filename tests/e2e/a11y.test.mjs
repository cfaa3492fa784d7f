// Accessibility, key by key: Tab into the graph, arrow keys between organisations, Enter,
// Escape; what screen readers are told; the table as the graph's text alternative.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plain, newPage, open, openTools, axeViolations } from './harness.mjs';

const focusedOrg = (page) => page.evaluate(() => document.activeElement?.dataset?.org ?? null);

test('Tab enters the graph once, arrows move between organisations, Enter opens, Escape closes', async () => {
  const page = await newPage();
  await open(page);
  // One Tab stop for the whole graph.
  assert.equal(await page.locator('.node-handle[tabindex="0"]').count(), 1);
  let org = null;
  for (let i = 0; i < 40 && !org; i++) {
    await page.keyboard.press('Tab');
    org = await focusedOrg(page);
  }
  assert.equal(org, 'metropole-amp', 'the most linked organisation is the way in');
  const seen = new Set([org]);
  for (const key of ['ArrowUp', 'ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowDown', 'ArrowRight']) {
    await page.keyboard.press(key);
    const now = await focusedOrg(page);
    assert.ok(now, `${key} left the graph`);
    seen.add(now);
  }
  assert.ok(seen.size >= 3, `arrow keys reached only ${[...seen]}`);
  const chosen = await focusedOrg(page);
  // The next Tab leaves the graph instead of walking through every node.
  await page.keyboard.press('Tab');
  assert.equal(await focusedOrg(page), null);
  await page.keyboard.press('Shift+Tab');
  assert.equal(await focusedOrg(page), chosen, 'Shift+Tab comes back to the same node');
  await page.keyboard.press('Enter');
  await page.locator('aside.details').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'details-title');
  // Screen readers are told what was selected.
  const name = await page.locator('#details-title').innerText();
  assert.equal(await page.locator('.first-screen > [role=status]').first().innerText(), name);
  await page.keyboard.press('Escape');
  await page.locator('aside.details').waitFor({ state: 'detached' });
  assert.equal(await focusedOrg(page), chosen, 'focus goes back to the node');
});

test('filter results are announced, and the table is linked from the graph', async () => {
  const page = await newPage();
  await open(page);
  await openTools(page);
  const region = page.locator('.filters-summary');
  assert.equal(await region.getAttribute('aria-live'), 'polite');
  await page.locator('.filters summary').click();
  await page.getByRole('checkbox', { name: 'subvention (1)' }).check();
  assert.match(plain(await region.innerText()), /2 organisations et 1 lien/);
  await page.getByRole('link', { name: 'Voir les liens sous forme de tableau' }).click();
  await page.locator('.table-view table').waitFor();
  assert.equal(await page.locator('tbody tr').count(), 1);
});

test('usable at 200 % zoom: the controls stay reachable and nothing scrolls sideways', async () => {
  const page = await newPage({ width: 640, height: 450 }, { deviceScaleFactor: 2 });
  await open(page, '#org=ave');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 640));
  for (const name of ['Zoomer', 'Dézoomer', "Ajuster à l'écran"]) {
    const button = page.getByRole('button', { name, exact: true });
    assert.ok(await button.isVisible(), name);
  }
  assert.deepEqual(await axeViolations(page), []);
});
