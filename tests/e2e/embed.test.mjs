// End-to-end tests of embedding: <carte-partenariats> elements on a host page, the iframe,
// a sub-path, and a site that works with no network beyond its own server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { env, plain, newPage, open, axeViolations } from './harness.mjs';
import { SUB_PATH } from './server.mjs';

async function hostPage() {
  const page = await newPage({ width: 1280, height: 900 });
  await page.goto(`${env.server.url}/fixtures/embed.html`);
  await page.waitForFunction(() => window.__events.filter((e) => e[0] === 'ready').length === 2, null, { timeout: 20000 });
  return page;
}

test('two independent elements on one page, each announcing itself', async () => {
  const page = await hostPage();
  const ready = await page.evaluate(() => window.__events.filter((e) => e[0] === 'ready').map((e) => e[1]).sort());
  assert.deepEqual(ready, ['a', 'b']);
  // A: the default dataset, the AVE open; B: another export, in English, as a table.
  const a = page.locator('#a');
  assert.equal(await a.locator('.node-handle').count(), 14);
  assert.match(await a.locator('#details-title').innerText(), /Alliance Villes Emploi/);
  const b = page.locator('#b');
  assert.equal(await b.locator('.carte-title').innerText(), 'Petit export de test');
  assert.equal(await b.locator('section.carte').getAttribute('aria-label'), 'Petit export de test');
  assert.equal(await b.locator('tbody tr').count(), 2);
  assert.ok(plain(await b.locator('tbody').innerText()).includes('€1,234.50'));
  assert.ok(await b.locator('.carte.theme-contrast').count());
  // Choosing in one leaves the other alone and tells the page.
  await a.getByRole('button', { name: 'Métropole Aix-Marseille-Provence', exact: true }).first().click();
  await a.locator('#details-title', { hasText: 'Métropole Aix-Marseille-Provence' }).waitFor();
  assert.deepEqual(await page.evaluate(() => window.__events.filter((e) => e[0] === 'select')), [['select', 'a', 'org', 'metropole-amp']]);
  assert.equal(await b.locator('aside.details').count(), 0);
  // The host page's address is never touched by an embedded widget.
  assert.equal(new URL(page.url()).hash, '');
  await b.locator('nav.tabs a', { hasText: 'Graph' }).click();
  await b.locator('canvas').waitFor();
  assert.equal(new URL(page.url()).hash, '');
  assert.deepEqual(page.errors, []);
});

test("the host page's styles do not leak in, and ours do not leak out", async () => {
  const page = await hostPage();
  const a = page.locator('#a');
  assert.equal(await a.locator('.carte').evaluate((el) => getComputedStyle(el).display), 'block');
  const zoom = a.locator('button[aria-label="Zoomer"]');
  assert.notEqual(await zoom.evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(255, 0, 0)');
  assert.notEqual(await zoom.evaluate((el) => getComputedStyle(el).fontSize), '40px');
  const tab = a.locator('nav.tabs a[aria-current=page]');
  assert.equal(await tab.evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(0, 0, 145)');
  const host = page.locator('p.host');
  assert.equal(await host.evaluate((el) => getComputedStyle(el).color), 'rgb(1, 2, 3)');
  assert.match(await host.evaluate((el) => getComputedStyle(el).fontFamily), /serif/);
  // Each element follows its own box.
  const box = await page.locator('#b').boundingBox();
  const inner = await page.locator('#b .carte').boundingBox();
  assert.ok(inner.width <= box.width + 1, `${inner.width} > ${box.width}`);
});

test('the iframe snippet works and carries a title', async () => {
  const page = await hostPage();
  const frame = page.frameLocator('#frame');
  await frame.locator('#details-title', { hasText: 'Association Témoin' }).waitFor({ timeout: 20000 });
  assert.ok((await page.locator('#frame').getAttribute('title')).length > 10);
  assert.deepEqual(await axeViolations(page), []);
});

test('an attribute change redraws the element', async () => {
  const page = await hostPage();
  await page.evaluate(() => document.querySelector('#a').setAttribute('org', 'ccimp'));
  await page.locator('#a #details-title', { hasText: "Chambre de Commerce et d'Industrie Aix-Marseille Provence" }).waitFor();
  await page.evaluate(() => document.querySelector('#a').setAttribute('view', 'table'));
  await page.locator('#a .table-view table').waitFor();
});

test('served from a sub-path, and from a folder with no network at all', async () => {
  const page = await newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await open(page, `${SUB_PATH.slice(1)}#org=ave`);
  await page.locator('#details-title', { hasText: 'Alliance Villes Emploi' }).waitFor();
  const outside = requests.filter((u) => !u.startsWith(env.server.url) && !u.startsWith('data:'));
  assert.deepEqual(outside, [], 'nothing may be fetched from another server');
  assert.ok(requests.some((u) => u.startsWith(`${env.server.url}${SUB_PATH}data/partenariats.json`)), requests.join('\n'));
});

test('an export from a site the element does not list gives a clear message in it', async () => {
  const page = await newPage();
  await page.goto(`${env.server.url}/fixtures/embed.html`);
  await page.evaluate(() => {
    const el = document.createElement('carte-partenariats');
    el.id = 'c';
    el.setAttribute('src', 'http://127.0.0.1:9/elsewhere.json');
    document.body.append(el);
  });
  const alert = page.locator('#c [role=alert]');
  await alert.waitFor({ timeout: 20000 });
  assert.match(plain(await alert.innerText()), /« http:\/\/127\.0\.0\.1:9\/elsewhere\.json » n'est pas affiché/);
  assert.equal(await page.locator('#c [role=alert] a', { hasText: 'Afficher les données par défaut' }).count(), 0);
});

test('a trap in the shared wasm is said in every element, in its language', async () => {
  const page = await hostPage();
  await page.evaluate(() => {
    const error = new WebAssembly.RuntimeError('unreachable');
    dispatchEvent(new PromiseRejectionEvent('unhandledrejection', { promise: Promise.resolve(), reason: error }));
  });
  assert.match(await page.locator('#a .carte-crash[role=alert]').innerText(), /Une erreur interne a interrompu la carte/);
  assert.match(await page.locator('#b .carte-crash[role=alert]').innerText(), /An internal error stopped the map/);
});
