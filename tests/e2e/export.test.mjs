// End-to-end tests of exports: the picture as PNG (twice the screen resolution) and SVG, both
// with title, legend and source line; the table's print stylesheet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { newPage, open } from './harness.mjs';

async function download(page, name) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
  return { name: file.suggestedFilename(), bytes: fs.readFileSync(await file.path()) };
}

test('SVG export: the view with its title, legend and source line', async () => {
  const page = await newPage({ width: 1280, height: 900 });
  await open(page, '#org=ave');
  const { name, bytes } = await download(page, "Télécharger l'image en SVG");
  assert.equal(name, 'carte-des-partenariats.svg');
  const svg = bytes.toString('utf8');
  assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  for (const text of ['Partenariats de la Métropole Aix-Marseille-Provence', '>adhésion / cotisation<', '>association<', '>AVE<', 'Carte des partenariats, ']) {
    assert.ok(svg.includes(text), `SVG lacks ${text}`);
  }
});

test('PNG export: twice the resolution of the view, legend included', async () => {
  const page = await newPage({ width: 1280, height: 900 });
  await open(page);
  const canvas = await page.locator('canvas').boundingBox();
  const { name, bytes } = await download(page, "Télécharger l'image en PNG (haute définition)");
  assert.equal(name, 'carte-des-partenariats.png');
  assert.equal(bytes.subarray(1, 4).toString('ascii'), 'PNG');
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  assert.equal(width, Math.round(canvas.width) * 2);
  assert.ok(height > canvas.height * 2 + 100, `no room for title and legend: ${height}`);
});

test('printing the table leaves the tools out and keeps every row', async () => {
  const page = await newPage();
  await open(page, '#view=table');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.tools').isVisible(), false);
  assert.equal(await page.locator('.filters-bar').isVisible(), false);
  assert.equal(await page.locator('tbody tr').count(), 14);
  assert.ok(await page.locator('.table-view table').isVisible());
  const pdf = await page.pdf({ format: 'A4', landscape: true });
  assert.equal(pdf.subarray(0, 4).toString('ascii'), '%PDF');
});
