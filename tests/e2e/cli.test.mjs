// The widget shows what the command-line tool produces: a SCDL subsidies file merged into an
// export in one command, then opened with ?data=. Builds the tool itself.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { newPage, open } from './harness.mjs';

before(() => execFileSync('cargo', ['build', '--locked', '--quiet', '--bin', 'carte'], { stdio: 'inherit' }));

test('an export updated by `carte import-scdl --into` opens in the widget', async () => {
  fs.mkdirSync('tests/fixtures/cli-output', { recursive: true });
  execFileSync('target/debug/carte', [
    'import-scdl', 'tests/fixtures/scdl/subventions-2x-fictif.csv',
    '--into', 'tests/fixtures/frozen-export.json', '-o', 'tests/fixtures/cli-output/partenariats-a-jour.json',
  ]);
  const page = await newPage();
  await open(page, '?data=fixtures/cli-output/partenariats-a-jour.json');
  assert.equal(await page.locator('.node-handle').count(), 19);
  const box = page.getByRole('combobox', { name: 'Rechercher une organisation' });
  await box.fill('jardins du lavoir');
  await box.press('Enter');
  await page.locator('#details-title', { hasText: 'Association Les Jardins du Lavoir' }).waitFor();
  assert.match((await page.locator('aside.details').innerText()).replace(/[\u202f\u00a0]/g, ' '), /4 500 €/);
});
