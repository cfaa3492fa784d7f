// End-to-end tests of exploring the network: search, filters, time, a partner's own network,
// paths, money, layouts and the English version.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plain, newPage, open, openTools, detailsText, nodeCentre, shownOrgs, axeViolations } from './harness.mjs';

test('search: accents, case and former names; the keyboard picks a suggestion', async () => {
  const page = await newPage();
  await open(page);
  const box = page.getByRole('combobox', { name: 'Rechercher une organisation' });
  await box.fill('pole emploi');
  const options = page.getByRole('option');
  const names = await options.allInnerTexts();
  const ft = names.findIndex((n) => n.startsWith('France Travail'));
  assert.ok(ft >= 0, `France Travail not suggested: ${names}`);
  assert.match(names[ft], /anciennement Pôle emploi/);
  for (let i = 0; i <= ft; i++) await box.press('ArrowDown');
  assert.equal(await box.getAttribute('aria-activedescendant'), `carte-search-option-${ft}`);
  await box.press('Enter');
  await page.locator('#details-title', { hasText: 'France Travail' }).waitFor();
  assert.match(page.url(), /#org=france-travail$/);
  assert.equal(await box.inputValue(), '');

  for (const [query, first] of [['euromed', 'Euroméditerranée'], ['cci', "Chambre de Commerce et d'Industrie Aix-Marseille Provence"], ['MÉTROPOLE', 'Métropole Aix-Marseille-Provence']]) {
    await box.fill(query);
    assert.ok((await options.first().innerText()).startsWith(first), `${query} → ${await options.first().innerText()}`);
  }
  // Escape closes the suggestions, not the details panel.
  await box.press('Escape');
  assert.equal(await box.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.locator('aside.details').count(), 1);
  await box.fill('zzz');
  assert.match(await page.locator('.search [role=status]').innerText(), /Aucune organisation/);
});

test('filters: kinds with counts, years, amount, organisation kinds, summary and reset', async () => {
  const page = await newPage();
  await open(page);
  await openTools(page);
  await page.locator('.filters summary').click();
  const subsidy = page.getByRole('checkbox', { name: 'subvention (1)' });
  await subsidy.check();
  await page.waitForURL(/kinds=subsidy/);
  assert.deepEqual((await shownOrgs(page)).sort(), ['ccimp', 'metropole-amp']);
  assert.match(plain(await page.locator('.filters-summary').innerText()), /2 organisations et 1 lien sur 14/);
  assert.match(plain(await page.locator('.header-total').innerText()), /50 000 €/);
  await page.getByRole('checkbox', { name: /adhésion \/ cotisation \(2\)/ }).check();
  await page.waitForURL(/kinds=subsidy,membership/);
  assert.deepEqual((await shownOrgs(page)).sort(), ['ave', 'ccimp', 'metropole-amp']);
  // The table follows the same filter.
  await page.locator('nav.tabs a', { hasText: 'Tableau' }).click();
  await page.locator('.table-view table').waitFor();
  assert.equal(await page.locator('tbody tr').count(), 3);
  await page.getByRole('button', { name: 'Réinitialiser' }).click();
  await page.waitForURL((url) => !url.hash.includes('kinds'));
  assert.equal(await page.locator('tbody tr').count(), 14);

  await open(page, '#view=table&years=2021');
  assert.equal(await page.locator('tbody tr').count(), 5);
  await open(page, '#view=table&years=2024&amount=10000-20000');
  assert.equal(await page.locator('tbody tr').count(), 1);
  assert.match(plain(await page.locator('tbody tr').innerText()), /14 205 €/);
  await open(page, '#orgkinds=association,local-authority');
  assert.deepEqual((await shownOrgs(page)).sort(), ['ave', 'departement-13', 'metropole-amp']);

  await open(page);
  await openTools(page);
  await page.locator('.filters summary').click();
  await page.locator('#carte-year-from').selectOption('2023');
  await page.waitForURL(/years=2023-2027/);
  await page.locator('#carte-year-to').selectOption('2023');
  await page.waitForURL(/years=2023$/);
  assert.ok((await shownOrgs(page)).includes('plie-martigues'));
  assert.ok((await shownOrgs(page)).includes('ave'), 'the AVE membership was decided in December 2023: it belongs to 2023');
});

test('time: play, pause and step through the years; names follow the year', async () => {
  const page = await newPage();
  await open(page);
  await openTools(page);
  const year = page.locator('.time-year');
  await page.getByRole('button', { name: '▶ Lecture' }).click();
  await page.waitForURL(/years=2018$/);
  assert.equal(plain(await year.innerText()), 'Le réseau en 2018');
  // Playing moves on by itself...
  await page.waitForURL(/years=2019$/, { timeout: 8000 });
  // ...and stops when paused.
  await page.getByRole('button', { name: /Pause/ }).click();
  assert.equal(await page.locator('.time-player .play').getAttribute('aria-pressed'), 'false');
  await page.getByRole('button', { name: 'Année suivante' }).click();
  await page.waitForURL(/years=2021$/);
  assert.deepEqual((await shownOrgs(page)).sort(), ['ccimp', 'departement-13', 'hub-du-mentorat', 'metropole-amp', 'prefecture-13']);
  await page.getByRole('button', { name: 'Année suivante' }).click();
  await page.getByRole('button', { name: 'Année suivante' }).click();
  await page.waitForURL(/years=2023$/);
  const label = (id) => page.locator(`[data-org="${id}"]`).getAttribute('aria-label');
  assert.match(await label('france-travail'), /^Pôle emploi — France Travail/);
  await page.getByRole('button', { name: 'Année suivante' }).click();
  await page.waitForURL(/years=2024$/);
  assert.match(await label('france-travail'), /^France Travail \(/);
  assert.ok(await page.getByRole('button', { name: 'Année suivante' }).isDisabled());
  await page.getByRole('button', { name: 'Année précédente' }).click();
  await page.waitForURL(/years=2023$/);
  await page.locator('.time-player').getByRole('button', { name: 'Toutes les années' }).click();
  await page.waitForURL((url) => !url.hash.includes('years'));
});

test("a partner's own network, to depth 1 and 2", async () => {
  const page = await newPage();
  await open(page, '#org=ccimp');
  await page.getByRole('button', { name: 'liens directs' }).click();
  await page.waitForURL(/focus=ccimp&depth=1/);
  assert.deepEqual((await shownOrgs(page)).sort(), ['ccimp', 'ci-hub-13', 'hub-du-mentorat', 'metropole-amp', 'prefecture-13']);
  await openTools(page);
  assert.match(plain(await page.locator('.filters-summary').innerText()), /Réseau de Chambre de Commerce/);
  await page.getByRole('button', { name: "jusqu'à 2 étapes" }).click();
  await page.waitForURL(/depth=2/);
  const two = await shownOrgs(page);
  assert.ok(two.includes('ave') && two.includes('departement-13') && !two.includes('plie-martigues'), two.join());
  await page.getByRole('button', { name: 'Tout le réseau' }).click();
  await page.waitForURL((url) => !url.hash.includes('focus'));
  assert.equal((await shownOrgs(page)).length, 14);
});

test('paths: how two organisations are tied, in the graph and in words', async () => {
  const page = await newPage();
  await open(page);
  await openTools(page);
  await page.locator('.path-finder summary').click();
  await page.locator('#carte-path-from').selectOption('prefecture-13');
  await page.locator('#carte-path-to').selectOption('ave');
  await page.waitForURL(/path=prefecture-13,ave/);
  const said = plain(await page.locator('.path-result').innerText());
  assert.ok(said.includes("La Préfecture des Bouches-du-Rhône mandate la CCIMP, qui est subventionnée par la Métropole AMP, qui adhère à l'AVE."), said);
  await open(page, '#kinds=subsidy&path=prefecture-13,ave');
  assert.match(await page.locator('.path-result').innerText(), /Aucun chemin/);
  // From an organisation's panel.
  await open(page, '#org=plie-martigues');
  await page.getByRole('button', { name: 'Chemin depuis ici…' }).click();
  await page.waitForURL(/path=plie-martigues,/);
  await page.locator('#carte-path-to').selectOption('metropole-amp');
  assert.match(await page.locator('.path-result').innerText(), /Le PLIE du Pays de Martigues .*la Métropole AMP\./);
});

test('money: totals by year in the details, the filtered total in the header', async () => {
  const page = await newPage();
  await open(page, '#org=metropole-amp');
  const money = plain(await page.locator('.money-table').innerText());
  assert.match(money, /2021\s+50 000 €\s+—/);
  assert.match(money, /2024\s+14 205 €\s+—/);
  assert.match(money, /Total\s+64 205 €\s+0 €/);
  assert.match(plain(await page.locator('.header-total').innerText()), /64 205 €/);
  await open(page, '#org=ave&years=2024');
  assert.match(plain(await page.locator('.money-table').innerText()), /2024\s+—\s+14 205 €/);
  assert.match(plain(await page.locator('.header-total').innerText()), /14 205 €/);
});

test('layouts: radial around the selection, grouped by kind; reduced motion jumps', async () => {
  const page = await newPage({ width: 1280, height: 900 }, { reducedMotion: 'reduce' });
  await open(page, '#org=ave');
  await openTools(page);
  await page.getByRole('button', { name: 'Radiale' }).click();
  await page.waitForURL(/layout=radial/);
  const stage = await page.locator('.graph-stage').boundingBox();
  const ave = await nodeCentre(page, 'ave');
  // With reduced motion the move is immediate; the centre of a radial layout is its selection.
  assert.ok(Math.abs(ave.x - (stage.x + stage.width / 2)) < 3 && Math.abs(ave.y - (stage.y + stage.height / 2)) < 3, JSON.stringify({ ave, stage }));
  await page.getByRole('button', { name: 'Par nature' }).click();
  await page.waitForURL(/layout=grouped/);
  const [a, b] = [await nodeCentre(page, 'france-travail'), await nodeCentre(page, 'pole-emploi-paca')];
  const [c] = [await nodeCentre(page, 'ave')];
  assert.ok(Math.hypot(a.x - b.x, a.y - b.y) < Math.hypot(a.x - c.x, a.y - c.y), 'operators should sit together');
  await page.getByRole('button', { name: 'Forces' }).click();
  await page.waitForURL((url) => !url.hash.includes('layout'));
});

test('English with ?lang=en: strings, numbers and dates', async () => {
  const page = await newPage();
  await open(page, '?lang=en#link=metropole-ave-cotisation-2024');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.ok(await page.locator('nav.tabs a', { hasText: 'Table' }).count());
  const text = await detailsText(page);
  for (const f of ['€14,205', '7 December 2023', 'Session', 'CHL-059-15101/23/BM']) assert.ok(text.includes(f), `«${f}» in\n${text}`);
  assert.match(await page.locator('footer a[lang=fr]').getAttribute('href'), /#link=metropole-ave-cotisation-2024$/);
  await open(page, '?lang=en#path=prefecture-13,ave');
  assert.match(await page.locator('.path-result').innerText(), /The Préfecture des Bouches-du-Rhône mandates the CCIMP, which is subsidised by the Métropole AMP, which is a member of the AVE\./);
  assert.deepEqual(page.errors, []);
});

test('a partner finds itself, sees only its ties, a path and the money of a year', async () => {
  const page = await newPage();
  await open(page);
  const box = page.getByRole('combobox', { name: 'Rechercher une organisation' });
  await box.fill('alliance');
  await box.press('Enter');
  await page.locator('#details-title', { hasText: 'Alliance Villes Emploi' }).waitFor();
  await page.getByRole('button', { name: 'liens directs' }).click();
  assert.deepEqual((await shownOrgs(page)).sort(), ['ave', 'metropole-amp']);
  await page.getByRole('button', { name: 'Chemin depuis ici…' }).click();
  await page.locator('#carte-path-to').selectOption('metropole-amp');
  assert.match(await page.locator('.path-result').innerText(), /L'AVE compte parmi ses membres la Métropole AMP\./);
  await openTools(page);
  await page.locator('.filters summary').click();
  await page.locator('#carte-year-from').selectOption('2024');
  await page.locator('#carte-year-to').selectOption('2024');
  await page.waitForURL(/years=2024/);
  assert.match(plain(await page.locator('.money-table').innerText()), /2024\s+—\s+14 205 €/);
  assert.deepEqual(await axeViolations(page), []);
});
