// End-to-end tests of where data may come from (issue 13): the page and the element read exports
// from their own site only, unless the site owner lists another; any data that is not the
// site's default export is said, on screen and in the pictures; the release site runs under its
// Content-Security-Policy (every test here and elsewhere fails on a violation: harness.mjs).
//
// A second server plays "another site": the same files on another port, another origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { env, plain, newPage, open, waitReady } from './harness.mjs';
import { startServer } from './server.mjs';

const siteDir = path.resolve(process.env.SITE_DIR || 'dist');
const fixturesDir = path.resolve('tests/fixtures');
const defaultData = path.resolve('tests/fixtures/frozen-export.json');
const other = { server: null, listing: null, dir: null };

before(async () => {
  other.server = await startServer({ siteDir, fixturesDir, defaultData });
  // The release site built to list the other site (CARTE_DATA_ORIGINS), served on a third port.
  other.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carte-origins-'));
  fs.cpSync(siteDir, other.dir, { recursive: true });
  for (const file of fs.readdirSync(other.dir)) if (file.endsWith('.gz')) fs.rmSync(path.join(other.dir, file));
  execFileSync('node', ['tools/csp.mjs', other.dir], { env: { ...process.env, CARTE_DATA_ORIGINS: `${other.server.url} http://127.0.0.1:9` } });
  other.listing = await startServer({ siteDir: other.dir, fixturesDir, defaultData });
});
after(async () => {
  await other.server?.close();
  await other.listing?.close();
  if (other.dir) fs.rmSync(other.dir, { recursive: true, force: true });
});

const refusedFr = "n'est pas affiché : cette carte ne lit que les données de son site et des sites qu'il autorise";
const refusedEn = 'is not shown: this map only reads data from its own site and the sites it allows';

/** Opens `suffix`, waits for its alert; nothing of the refused file is drawn. */
async function refused(page, base, suffix, message = refusedFr) {
  await page.goto(`${base}/${suffix}`);
  const alert = page.locator('[role=alert]').first();
  await alert.waitFor({ timeout: 20000 });
  const text = plain(await alert.innerText());
  assert.ok(text.includes(message), `${suffix}:\n${text}`);
  assert.equal(await page.locator('canvas, .node-handle, table').count(), 0, `${suffix} drew something`);
  assert.equal(await page.locator('.loaded-from').count(), 0);
  return text;
}

test('?data= from another site is refused, whatever its address looks like', async () => {
  const page = await newPage();
  const port = new URL(env.server.url).port;
  const elsewhere = `${other.server.url}/fixtures/minimal.json?cors`;
  const text = await refused(page, env.server.url, `?data=${encodeURIComponent(elsewhere)}`);
  assert.ok(text.includes(`« ${elsewhere} »`), text);
  for (const address of [
    `//127.0.0.1:${new URL(other.server.url).port}/fixtures/minimal.json?cors`,
    `/\\127.0.0.1:${new URL(other.server.url).port}/fixtures/minimal.json?cors`,
    `https://127.0.0.1:${port}@evil.example/x.json`,
    `http://localhost:${port}/fixtures/minimal.json?cors`,
    `http://127.0.0.1:${port}.evil.example/x.json`,
    'data:application/json,{"schema":"carte-partenariats/1","title":"Partenariats de la Métropole"}',
    `blob:${env.server.url}/00000000-0000-0000-0000-000000000000`,
    'javascript:alert(1)//.json',
    'file:///etc/passwd',
  ]) {
    await refused(page, env.server.url, `?data=${encodeURIComponent(address)}`);
    // The footer's data link never leads to a refused address.
    assert.equal(await page.locator('footer a', { hasText: 'export JSON' }).getAttribute('href'), 'data/partenariats.json');
  }
  await refused(page, env.server.url, `?lang=en&data=${encodeURIComponent(elsewhere)}`, refusedEn);
  // One click brings the site's own data back.
  await page.goto(`${env.server.url}/?data=${encodeURIComponent(elsewhere)}`);
  await page.locator('[role=alert] a', { hasText: 'Afficher les données par défaut' }).click();
  await waitReady(page);
  assert.equal(await page.locator('.node-handle').count(), 14);
  assert.deepEqual(page.errors, []);
});

test("data other than the site's default export is said on screen, for screen readers and in pictures", async () => {
  const page = await newPage({ width: 1280, height: 900 });
  const host = new URL(env.server.url).host;
  // The default export: nothing to say.
  await open(page);
  assert.equal(await page.locator('.loaded-from').count(), 0);
  const picture = async (name) => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
    return fs.readFileSync(await file.path());
  };
  const pngHeight = (bytes) => bytes.readUInt32BE(20);
  // The map fills the first screen under the header: a taller header makes it shorter.
  const mapHeight = () => page.locator('canvas.graph-canvas').evaluate((c) => c.getBoundingClientRect().height);
  const defaultMap = await mapHeight();
  const defaultPng = await picture("Télécharger l'image en PNG (haute définition)");
  assert.ok(!(await picture("Télécharger l'image en SVG")).toString('utf8').includes('Données chargées depuis'));

  // The same file under another address of the same site (uppercase scheme and host too).
  await open(page, `?data=${encodeURIComponent(`HTTP://${host.toUpperCase()}/data/partenariats.json?copie`)}`);
  const notice = page.locator('header .loaded-from');
  assert.equal(plain(await notice.innerText()), `Données chargées depuis ${host}`);
  // Beside the title, in the banner: screen readers reach it right after the title.
  const order = await page.evaluate(() => {
    const title = document.querySelector('h1');
    return title.compareDocumentPosition(document.querySelector('.loaded-from')) & Node.DOCUMENT_POSITION_FOLLOWING;
  });
  assert.ok(order, 'the notice follows the title');
  assert.equal(await page.getByText(`Données chargées depuis ${host}`).count(), 1);
  const svg = (await picture("Télécharger l'image en SVG")).toString('utf8');
  assert.ok(svg.includes(`>Données chargées depuis ${host}</text>`), 'the SVG lacks the notice');
  // The PNG is the same picture rasterised at twice the size: one line (24 px) taller, the map's
  // own height apart.
  const mapChange = 2 * ((await mapHeight()) - defaultMap);
  const png = pngHeight(await picture("Télécharger l'image en PNG (haute définition)"));
  assert.ok(Math.abs(png - (pngHeight(defaultPng) + 48 + mapChange)) <= 2, `${png} ≠ ${pngHeight(defaultPng)} + 48 + ${mapChange}`);
  // The presentation covers the header: it says it too.
  await page.getByRole('link', { name: 'Présenter' }).click();
  await page.locator('.presentation .loaded-from', { hasText: `Données chargées depuis ${host}` }).waitFor();

  await open(page, `?lang=en&data=${encodeURIComponent('fixtures/minimal.json')}`);
  assert.equal(plain(await page.locator('header .loaded-from').innerText()), `Data loaded from ${host}`);
});

test('a site the build lists is read, and said', async () => {
  const page = await newPage({ width: 360, height: 640 });
  const elsewhere = `${other.server.url}/fixtures/minimal.json?cors`;
  await page.goto(`${other.listing.url}/?data=${encodeURIComponent(elsewhere)}`);
  await waitReady(page);
  assert.equal(await page.locator('h1').innerText(), 'Petit export de test');
  assert.equal(plain(await page.locator('header .loaded-from').innerText()), `Données chargées depuis ${new URL(other.server.url).host}`);
  // The policy written by the build lets the page fetch from there, and nowhere else.
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(policy, new RegExp(`connect-src 'self' ${other.server.url} http://127\\.0\\.0\\.1:9;`));
  // A listed site that does not answer: the network message, not a refusal.
  await page.goto(`${other.listing.url}/?data=${encodeURIComponent('http://127.0.0.1:9/refused.json')}`);
  const alert = page.locator('[role=alert]').first();
  await alert.waitFor({ timeout: 20000 });
  assert.match(plain(await alert.innerText()), /n'a pas pu être téléchargé/);
  // A site that is not listed stays refused.
  await refused(page, other.listing.url, `?data=${encodeURIComponent(`${env.server.url}/fixtures/minimal.json?cors`)}`);
});

test('the build writes one policy, again when run again, and refuses what is not an origin', () => {
  const html = () => fs.readFileSync(path.join(other.dir, 'index.html'), 'utf8');
  const before = html();
  assert.equal(before.match(/http-equiv="Content-Security-Policy"/g).length, 1);
  assert.match(before, /<div id="?carte-root"? data-origins="http:\/\/127\.0\.0\.1:\d+ http:\/\/127\.0\.0\.1:9">/);
  for (const wrong of ['opendata.example.org', 'https://example.org/donnees/', 'ftp://example.org', 'https://user@example.org']) {
    let failure = null;
    try {
      execFileSync('node', ['tools/csp.mjs', other.dir], { env: { ...process.env, CARTE_DATA_ORIGINS: wrong }, stdio: 'pipe' });
    } catch (error) {
      failure = error;
    }
    assert.ok(failure, `${wrong} was accepted`);
    assert.match(String(failure.stderr), /CARTE_DATA_ORIGINS: « .* » n'est pas une origine/);
    assert.equal(html(), before, 'a refused setting changed the page');
  }
});

/** A host page with no policy of its own, so that the widget's check is the only one. */
async function bareHost(page, elements) {
  await page.goto(`${env.server.url}/fixtures/embed-bare.html`);
  await page.evaluate((list) => {
    for (const [id, attributes] of list) {
      const element = document.createElement('carte-partenariats');
      element.id = id;
      for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
      document.body.append(element);
    }
  }, elements);
}

test('the element reads its own site, its files\' site, and the origins its `origins` attribute lists', async () => {
  const page = await newPage();
  const elsewhere = `${other.server.url}/fixtures/minimal.json?cors`;
  await bareHost(page, [
    ['refused', { src: elsewhere }],
    ['listed', { src: elsewhere, origins: `https://opendata.example.org, ${other.server.url.toUpperCase()}/` }],
    ['redirected', { src: `/fixtures/redirect?to=${encodeURIComponent(elsewhere)}` }],
    ['english', { src: elsewhere, lang: 'en' }],
  ]);
  const alertOf = async (id) => {
    const alert = page.locator(`#${id} [role=alert]`).first();
    await alert.waitFor({ timeout: 20000 });
    return plain(await alert.innerText());
  };
  assert.ok((await alertOf('refused')).includes(`« ${elsewhere} » ${refusedFr}`));
  assert.ok((await alertOf('english')).includes(refusedEn));
  // A file of the page's own site that redirects elsewhere: judged where it was answered from.
  assert.ok((await alertOf('redirected')).includes(`« ${elsewhere} » ${refusedFr}`));
  for (const id of ['refused', 'redirected', 'english']) assert.equal(await page.locator(`#${id} canvas`).count(), 0);
  const listed = page.locator('#listed');
  await listed.locator('.node-handle').first().waitFor({ timeout: 20000 });
  assert.equal(await listed.locator('.carte-title').innerText(), 'Petit export de test');
  assert.equal(plain(await listed.locator('.loaded-from').innerText()), `Données chargées depuis ${new URL(other.server.url).host}`);
  assert.deepEqual(page.errors, []);
});

test('the Content-Security-Policy is enforced: an injected script is refused and reported', async () => {
  const page = await newPage();
  await open(page);
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  for (const directive of ["default-src 'self'", "'wasm-unsafe-eval'", "connect-src 'self';", "object-src 'none'"]) {
    assert.ok(policy.includes(directive), `${directive} missing from ${policy}`);
  }
  assert.ok(!/unsafe-eval'|unsafe-inline/.test(policy.replace("'wasm-unsafe-eval'", '')), policy);
  assert.equal(fs.readFileSync(path.join(siteDir, 'content-security-policy.txt'), 'utf8').trim(), policy);
  // What an injected inline script would meet: refused, and the harness hears of it.
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__injected = 1';
    document.body.append(script);
  });
  assert.equal(await page.evaluate(() => window.__injected), undefined);
  // The report comes as an event: wait for it a frame at a time (two seconds at most).
  for (let i = 0; i < 120 && !page.csp.length; i++) await page.evaluate(() => new Promise(requestAnimationFrame));
  assert.ok(page.csp.some((text) => /script-src/.test(text)), `no violation reported: ${page.csp}`);
  page.csp.length = 0;
});
