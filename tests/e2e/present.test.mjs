// End-to-end tests of presentation mode: a speaker runs the story with a clicker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plain, newPage, open, axeViolations } from './harness.mjs';

const counter = (page) => page.locator('.presentation .step-counter').innerText();

test('the story runs with the keys a presentation clicker sends', async () => {
  const page = await newPage({ width: 1920, height: 1080 });
  await open(page, '#present');
  const dialog = page.getByRole('dialog', { name: 'La Métropole et ses partenaires pour l\'emploi' });
  await dialog.waitFor();
  assert.equal(await counter(page), '1 / 9');
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('presentation')), true);
  await page.keyboard.press('PageDown');
  await page.waitForURL(/#present=2$/);
  assert.equal(await counter(page), '2 / 9');
  assert.match(plain(await page.locator('#story-title').innerText()), /50 000 €/);
  await page.keyboard.press('ArrowRight');
  await page.waitForURL(/#present=3$/);
  await page.keyboard.press('PageUp');
  await page.waitForURL(/#present=2$/);
  await page.keyboard.press('End');
  assert.equal(await counter(page), '9 / 9');
  assert.match(plain(await page.locator('.story-body').innerText()), /1,2 million d'heures d'insertion.*356 000/);
  assert.ok(await page.getByRole('button', { name: 'Suivant ›' }).isDisabled());
  await page.getByRole('button', { name: '‹ Précédent' }).click();
  assert.equal(await counter(page), '8 / 9');
  assert.match(plain(await page.locator('.story-body').innerText()), /11 juillet 2024/);
  assert.deepEqual(await axeViolations(page), []);
  await page.keyboard.press('Escape');
  await page.locator('.presentation').waitFor({ state: 'detached' });
  assert.doesNotMatch(page.url(), /present/);
  assert.equal(await page.locator('.node-handle').count(), 14);
});

test('a button opens it; outside it, arrow keys do nothing', async () => {
  const page = await newPage();
  await open(page);
  const before = page.url();
  await page.locator('body').press('ArrowRight');
  await page.keyboard.press('PageDown');
  assert.equal(page.url(), before);
  await page.locator('nav.tabs a', { hasText: 'Présenter' }).click();
  await page.waitForURL(/#present$/);
  assert.equal(await counter(page), '1 / 9');
});

test('an export without a story presents its whole network', async () => {
  const page = await newPage();
  await open(page, '?data=fixtures/minimal.json#present');
  assert.equal(await counter(page), '1 / 1');
  assert.match(await page.locator('.story-body').innerText(), /pas de récit/);
});
