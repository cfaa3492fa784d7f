// End-to-end tests of the release site in headless Chromium: what a visitor sees and does.
// Run by `make test` (after `make dist`) as `node --test tests/e2e/`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { env, plain, newPage, waitReady, open, detailsText, nodeCentre, expectAlert, axeViolations } from './harness.mjs';

test('the default dataset is drawn and announced', async () => {
  const page = await newPage();
  await open(page);
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  assert.match(await page.title(), /Carte des partenariats/);
  assert.match(await page.locator('h1').innerText(), /Métropole Aix-Marseille-Provence/);
  assert.equal(await page.locator('.node-handle').count(), 14);
  assert.equal(await page.evaluate(() => window.__readyEvents), 1);
  assert.match(await page.evaluate(() => window.__readyTarget), /carte/);
  // The canvas really has a drawing on it.
  const inked = await page.evaluate(() => {
    const c = document.querySelector('canvas');
    const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
    return n;
  });
  assert.ok(inked > 5000, `only ${inked} pixels drawn`);
  assert.deepEqual(page.errors, []);
});

test('with the mouse: from the Métropole to the AVE membership', async () => {
  const page = await newPage();
  await open(page);
  const m = await nodeCentre(page, 'metropole-amp');
  await page.mouse.click(m.x, m.y);
  await page.locator('#details-title', { hasText: 'Métropole Aix-Marseille-Provence' }).waitFor();
  assert.match(page.url(), /#org=metropole-amp$/);
  let text = await detailsText(page);
  assert.ok(text.includes('Alliance Villes Emploi'), text);
  assert.ok(text.includes('14 205 €'), text);
  assert.ok(text.includes('CHL-059-15101/23/BM'), text);
  await page.locator('aside.details button', { hasText: /cotisation 2024/i }).first().click();
  await page.waitForURL(/#link=metropole-ave-cotisation-2024$/);
  text = await detailsText(page);
  for (const f of ['14 205 €', 'CHL-059-15101/23/BM', '7 décembre 2023', 'Bureau de la Métropole', 'nature 6281']) {
    assert.ok(text.includes(f), `«${f}» missing:\n${text}`);
  }
});

test('with the keyboard: Tab to the Métropole, Enter, Tab to the fee, Enter', async () => {
  const page = await newPage();
  await open(page);
  let onMetropole = false;
  for (let i = 0; i < 40 && !onMetropole; i++) {
    await page.keyboard.press('Tab');
    onMetropole = await page.evaluate(() => document.activeElement?.dataset?.org === 'metropole-amp');
  }
  assert.ok(onMetropole, 'Tab never reached the Métropole');
  // The focused node is visibly outlined.
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.equal(outline, 'solid');
  await page.keyboard.press('Enter');
  await page.locator('#details-title', { hasText: 'Métropole Aix-Marseille-Provence' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'details-title');
  let onFee = false;
  for (let i = 0; i < 60 && !onFee; i++) {
    await page.keyboard.press('Tab');
    onFee = await page.evaluate(() => /cotisation 2024/i.test(document.activeElement?.textContent || ''));
  }
  assert.ok(onFee, 'Tab never reached the AVE fee');
  await page.keyboard.press('Enter');
  await page.waitForURL(/#link=metropole-ave-cotisation-2024$/);
  const text = await detailsText(page);
  assert.ok(text.includes('14 205 €') && text.includes('CHL-059-15101/23/BM'), text);
  await page.keyboard.press('Escape');
  await page.locator('aside.details').waitFor({ state: 'detached' });
  assert.match(page.url(), /#view=graph$/);
});

test('Escape closes an organisation and gives focus back to its node', async () => {
  const page = await newPage();
  await open(page, '#org=ave');
  await page.locator('#details-title', { hasText: 'Alliance Villes Emploi' }).waitFor();
  await page.keyboard.press('Escape');
  await page.locator('aside.details').waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.dataset?.org), 'ave');
});

test('a bundle of several acts opens as their list', async () => {
  const page = await newPage();
  await open(page);
  const [m, a] = [await nodeCentre(page, 'metropole-amp'), await nodeCentre(page, 'ave')];
  await page.mouse.click(m.x + (a.x - m.x) * 0.4, m.y + (a.y - m.y) * 0.4);
  await page.waitForURL(/#pair=metropole-amp,ave$/);
  const text = await detailsText(page);
  assert.ok(text.includes('2 actes · 14 205 €'), text);
  assert.equal(await page.locator('aside.details li.act').count(), 2);
});

test('the table lists, sorts and downloads the links', async () => {
  const page = await newPage();
  await open(page);
  await page.locator('nav.tabs a', { hasText: 'Tableau' }).click();
  await page.locator('.table-view table').waitFor();
  assert.match(page.url(), /#view=table$/);
  assert.equal(await page.locator('tbody tr').count(), 14);
  const amountHeader = page.locator('th', { hasText: 'Montant' });
  await amountHeader.locator('button').click();
  assert.equal(await amountHeader.getAttribute('aria-sort'), 'ascending');
  await amountHeader.locator('button').click();
  assert.equal(await amountHeader.getAttribute('aria-sort'), 'descending');
  assert.equal(plain(await page.locator('tbody tr').first().locator('td.num').innerText()), '50 000 €');
  assert.equal(plain(await page.locator('tbody tr').nth(1).locator('td.num').innerText()), '14 205 €');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('button', { hasText: 'Télécharger en CSV' }).click(),
  ]);
  const csv = fs.readFileSync(await download.path(), 'utf8');
  const lines = csv.trim().split('\r\n');
  assert.equal(lines.length, 15);
  assert.ok(lines[1].startsWith('metropole-ccimp-subvention-2021;'), lines[1]);
  assert.ok(lines[2].includes(';14205,00;CHL-059-15101/23/BM;'), lines[2]);
  // A row's decision opens its details.
  await page.locator('tbody tr').nth(1).locator('button').click();
  await page.waitForURL(/#view=table&link=metropole-ave-cotisation-2024$/);
  assert.ok((await detailsText(page)).includes('CHL-059-15101/23/BM'));
});

test('deep links open their view and the back button follows navigation', async () => {
  const page = await newPage();
  await open(page, '#view=table&org=ave');
  await page.locator('.table-view table').waitFor();
  await page.locator('#details-title', { hasText: 'Alliance Villes Emploi' }).waitFor();

  await open(page, '#link=metropole-ccimp-subvention-2021');
  let text = await detailsText(page);
  assert.ok(text.includes('50 000 €') && text.includes('MET 21/18706/BM'), text);

  await open(page, '#org=metropole-amp');
  await page.locator('aside.details').getByRole('button', { name: 'Alliance Villes Emploi', exact: true }).first().click();
  await page.locator('#details-title', { hasText: 'Alliance Villes Emploi' }).waitFor();
  assert.match(page.url(), /#org=ave$/);
  await page.goBack();
  await page.locator('#details-title', { hasText: 'Métropole Aix-Marseille-Provence' }).waitFor();
  await page.goForward();
  await page.locator('#details-title', { hasText: 'Alliance Villes Emploi' }).waitFor();

  await open(page, '#org=inexistante');
  text = plain(await page.locator('[role=alert]').innerText());
  assert.ok(text.includes('« inexistante »'), text);
});

test('?data= loads another export', async () => {
  const page = await newPage();
  await open(page, '?data=fixtures/minimal.json');
  assert.equal(await page.locator('h1').innerText(), 'Petit export de test');
  assert.equal(await page.locator('.node-handle').count(), 2);
});

test('bad exports give a French alert that says what and where', async () => {
  const page = await newPage();
  await expectAlert(page, '?data=fixtures/invalid-syntax.json', ['JSON invalide', 'ligne 5, colonne 54']);
  await expectAlert(page, '?data=fixtures/invalid-fields.json', [
    '9 problèmes trouvés', '$.organizations[0]', 'champ obligatoire manquant : name', '$.links[0].to',
    'organisation inconnue « inconnue »', 'identifiant en double « b »', 'date invalide « 2023-02-30 »',
    'ne peut pas être négatif', 'décision inconnue « d-absente »',
  ]);
  await expectAlert(page, '?data=fixtures/wrong-schema.json', ['version de format inconnue « carte-partenariats/9 »']);
  await expectAlert(page, '?data=fixtures/not-an-object.json', ['la racine doit être un objet JSON']);
  await expectAlert(page, '?data=fixtures/absent.json', ['404', 'absent.json']);
  await expectAlert(page, '?data=http://127.0.0.1:9/refused.json', ["n'est pas affiché : cette carte ne lit que les données de son site"]);
  await expectAlert(page, '?data=fixtures/generated/junk-70.json', ['trop volumineux', '64 Mo']);
  await expectAlert(page, '?data=fixtures/generated/junk-8.json', ['JSON invalide', 'ligne 1, colonne 1']);
  assert.deepEqual(page.errors, []);
  // The rest of the page keeps working: one click brings the default data back.
  await page.locator('[role=alert] a', { hasText: 'Afficher les données par défaut' }).click();
  await waitReady(page);
  assert.equal(await page.locator('.node-handle').count(), 14);
});

test('markup in an export is shown as text and never runs', async () => {
  const page = await newPage();
  await open(page, '?data=fixtures/hostile.json#org=evil');
  await page.locator('#details-title').waitFor();
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator('h1').innerText(), '<img src=x onerror="window.__pwned = 1"> Export piégé');
  assert.ok((await page.locator('#details-title').innerText()).startsWith('<script>'));
  assert.equal(await page.locator('.carte img, .carte script, .carte iframe').count(), 0);
  await expectAlert(page, '?data=fixtures/hostile-url.json', ['seules les adresses http:// ou https://']);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
});

test('wheel, drag and buttons move the view; a dragged node stays where dropped', async () => {
  const page = await newPage();
  await open(page);
  const gap = async () => {
    const [a, b] = [await nodeCentre(page, 'metropole-amp'), await nodeCentre(page, 'plie-martigues')];
    return Math.hypot(a.x - b.x, a.y - b.y);
  };
  const before = await gap();
  const m = await nodeCentre(page, 'metropole-amp');
  await page.mouse.move(m.x, m.y);
  await page.mouse.wheel(0, -400);
  assert.ok((await gap()) > before * 1.3, 'wheel did not zoom in');
  await page.locator('button[aria-label="Dézoomer"]').click();
  await page.locator('button', { hasText: 'Ajuster' }).click();
  assert.ok(Math.abs((await gap()) - before) < 2, 'fit did not restore the view');

  const canvas = await page.locator('canvas').boundingBox();
  const start = await nodeCentre(page, 'ave');
  await page.mouse.move(canvas.x + 30, canvas.y + canvas.height - 90);
  await page.mouse.down();
  await page.mouse.move(canvas.x + 130, canvas.y + canvas.height - 40, { steps: 5 });
  await page.mouse.up();
  const panned = await nodeCentre(page, 'ave');
  assert.ok(Math.abs(panned.x - start.x - 100) < 2 && Math.abs(panned.y - start.y - 50) < 2, 'pan did not follow the mouse');

  await page.mouse.move(panned.x, panned.y);
  await page.mouse.down();
  await page.mouse.move(panned.x + 80, panned.y + 60, { steps: 5 });
  await page.mouse.up();
  const dropped = await nodeCentre(page, 'ave');
  assert.ok(Math.abs(dropped.x - panned.x - 80) < 2 && Math.abs(dropped.y - panned.y - 60) < 2, 'node did not follow');
  assert.equal(await page.locator('aside.details').count(), 0, 'a drag must not select');
});

test('on a 320 px phone: no sideways scroll, one finger pans, two pinch', async () => {
  const context = await env.browser.newContext({ viewport: { width: 320, height: 640 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
  const page = await context.newPage();
  await open(page);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 320), 'the page scrolls sideways');
  await page.locator('canvas').scrollIntoViewIfNeeded();
  const cdp = await context.newCDPSession(page);
  const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y], id) => ({ x, y, id })) });
  const canvas = await page.locator('canvas').boundingBox();
  const cx = canvas.x + canvas.width / 2;
  const cy = canvas.y + canvas.height - 40;
  const gap = async () => {
    const [a, b] = [await nodeCentre(page, 'metropole-amp'), await nodeCentre(page, 'plie-martigues')];
    return Math.hypot(a.x - b.x, a.y - b.y);
  };
  const before = await gap();
  await touch('touchStart', [[cx - 20, cy], [cx + 20, cy]]);
  for (let d = 30; d <= 90; d += 10) await touch('touchMove', [[cx - d, cy], [cx + d, cy]]);
  await touch('touchEnd', []);
  const after = await gap();
  assert.ok(after > before * 1.8, `pinch did not zoom: ${before} → ${after}`);

  const start = await nodeCentre(page, 'metropole-amp');
  await touch('touchStart', [[cx, cy]]);
  for (let d = 10; d <= 60; d += 10) await touch('touchMove', [[cx + d, cy - d / 2]]);
  await touch('touchEnd', []);
  const moved = await nodeCentre(page, 'metropole-amp');
  assert.ok(Math.abs(moved.x - start.x - 60) < 3 && Math.abs(moved.y - start.y + 30) < 3, 'one finger did not pan');
  await context.close();
});

test('axe-core finds no violation in the graph, the details and the table', async () => {
  const page = await newPage();
  await open(page, '#org=metropole-amp');
  await page.locator('#details-title').waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await open(page, '#view=table&link=metropole-ave-cotisation-2024');
  await page.locator('.table-view table').waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await expectAlert(page, '?data=fixtures/invalid-fields.json', ['$.links[0].to']);
  assert.deepEqual(await axeViolations(page), []);
});

test('a trap in the wasm (a panic in the release build) is said, in French, not left frozen', async () => {
  const page = await newPage();
  await open(page);
  const trap = (kind) => page.evaluate((kind) => {
    const error = kind === 'trap' ? new WebAssembly.RuntimeError('unreachable') : new TypeError('not ours');
    dispatchEvent(new ErrorEvent('error', { error }));
  }, kind);
  await trap('other');
  assert.equal(await page.locator('.carte-crash').count(), 0, 'an ordinary script error is not a crash of the map');
  await trap('trap');
  await trap('trap');
  const alert = page.locator('.carte-crash[role=alert]');
  assert.equal(await alert.count(), 1);
  assert.match(await alert.innerText(), /Une erreur interne a interrompu la carte\. Rechargez la page/);
});
