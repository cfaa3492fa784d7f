// End-to-end tests of the three screens (issue 15): the phone on the Métropole's page, the laptop,
// the projector at the Rencontres; the static first view and the widget taking its place; a
// partner with its units; sentences a French reader would write.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { env, plain, newPage, open, openTools, waitReady, detailsText, axeViolations } from './harness.mjs';

const siteDir = path.resolve(process.env.SITE_DIR || 'dist');

/** The share of the first screen (the viewport) that the map's canvas covers. */
const mapCoverage = (page) => page.evaluate(() => {
  const r = document.querySelector('canvas.graph-canvas').getBoundingClientRect();
  const w = Math.max(0, Math.min(r.right, innerWidth) - Math.max(r.left, 0));
  const h = Math.max(0, Math.min(r.bottom, innerHeight) - Math.max(r.top, 0));
  return (w * h) / (innerWidth * innerHeight);
});

/** Name of the focused control, as a screen reader would say it (roughly). */
const focusedName = (page) => page.evaluate(() => {
  const e = document.activeElement;
  if (!e || e === document.body) return '';
  return (e.getAttribute('aria-label') || e.textContent || e.id || '').trim();
});

async function tabThrough(page, presses) {
  const seen = [];
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press('Tab');
    seen.push(await focusedName(page));
  }
  return seen;
}

for (const [width, height, least] of [[360, 640, 0.6], [320, 568, 0.5], [1366, 768, 0.6]]) {
  test(`at ${width}×${height} the map covers the first screen, with no sideways scroll`, async () => {
    const phone = width < 400;
    const page = await newPage({ width, height }, { deviceScaleFactor: 2, hasTouch: phone, isMobile: phone });
    await open(page);
    const covered = await mapCoverage(page);
    console.log(`map coverage at ${width}×${height}: ${(covered * 100).toFixed(1)} % of the first screen`);
    assert.ok(covered >= least, `the map covers ${(covered * 100).toFixed(1)} % of ${width}×${height}`);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'the page scrolls sideways');
    // The compact bar: the search and one button for the tools, both on the first screen.
    for (const control of [page.getByRole('combobox', { name: 'Rechercher une organisation' }), page.getByRole('button', { name: 'Outils' })]) {
      const box = await control.boundingBox();
      assert.ok(box && box.y + box.height <= height, 'a control of the bar is below the first screen');
    }
    assert.deepEqual(page.errors, []);
  });
}

test('on a phone every control is reached by keyboard, the sheet of tools too, and Escape gives focus back', async () => {
  const page = await newPage({ width: 360, height: 640 });
  await open(page);
  const seen = await tabThrough(page, 16);
  for (const name of ['Graphe', 'Tableau', 'Présenter', 'Outils', "Télécharger l'image en PNG (haute définition)",
    "Télécharger l'image en SVG", 'Zoomer', 'Dézoomer', "Ajuster à l'écran"]) {
    assert.ok(seen.includes(name), `Tab never reached « ${name} »: ${seen.join(' | ')}`);
  }
  assert.ok(seen.some((n) => n.startsWith('Métropole Aix-Marseille-Provence (')), 'Tab never entered the graph');
  await page.locator('.tools-button').focus();
  await page.keyboard.press('Enter');
  await page.locator('#carte-tools').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'carte-tools-title');
  assert.equal(await page.locator('.tools-button').getAttribute('aria-expanded'), 'true');
  const inSheet = await tabThrough(page, 14);
  for (const name of ['▶ Lecture', 'Année suivante', 'Radiale', 'Par nature']) {
    assert.ok(inSheet.includes(name), `Tab never reached « ${name} » in the sheet: ${inSheet.join(' | ')}`);
  }
  assert.ok(inSheet.some((n) => n.startsWith('Filtres')) && inSheet.includes('Comment deux organisations sont-elles liées ?'), inSheet.join(' | '));
  // The sheet leaves the top of the map in view.
  const [sheet, map] = [await page.locator('#carte-tools').boundingBox(), await page.locator('.graph-stage').boundingBox()];
  assert.ok(sheet.y > map.y + map.height * 0.25, `the sheet covers the map from ${sheet.y} (map ${map.y}–${map.y + map.height})`);
  assert.deepEqual(await axeViolations(page), []);
  await page.keyboard.press('Escape');
  await page.locator('#carte-tools').waitFor({ state: 'detached' });
  assert.equal(await focusedName(page), 'Outils');
  assert.equal(await page.locator('.tools-button').getAttribute('aria-expanded'), 'false');
});

test("on a phone a partner's details open in a bottom sheet over the map, with its units' links", async () => {
  const page = await newPage({ width: 360, height: 640 }, { hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
  await open(page, '#org=france-travail');
  await page.locator('#details-title', { hasText: 'France Travail' }).waitFor();
  const [details, map] = [await page.locator('aside.details').boundingBox(), await page.locator('.graph-stage').boundingBox()];
  assert.ok(details.y >= map.y + map.height * 0.4, `the details cover the map from ${details.y} (map ${map.y}–${map.y + map.height})`);
  assert.ok(Math.abs(details.y + details.height - (map.y + map.height)) < 3, 'the sheet is not at the bottom of the map');
  const text = await detailsText(page);
  for (const f of ['Liens de ses unités (4)', 'via France Travail Bouches-du-Rhône (1)', 'via Pôle emploi Martigues (2)', 'via Pôle emploi PACA (1)']) {
    assert.ok(text.includes(f), `«${f}» missing:\n${text}`);
  }
  assert.deepEqual(await axeViolations(page), []);
  await page.keyboard.press('Escape');
  await page.locator('aside.details').waitFor({ state: 'detached' });
});

test('a widget embedded in a narrow column behaves like a phone (its own width decides)', async () => {
  const page = await newPage({ width: 1280, height: 900 });
  await page.goto(`${env.server.url}/fixtures/embed.html`);
  await page.evaluate(() => {
    const column = document.createElement('div');
    column.style.width = '360px';
    column.innerHTML = '<carte-partenariats id="narrow" org="ave"></carte-partenariats>';
    document.querySelector('main').append(column);
  });
  await page.waitForFunction(() => ['a', 'narrow'].every((id) => window.__events.some((e) => e[0] === 'ready' && e[1] === id)), null, { timeout: 20000 });
  const position = (selector) => page.locator(selector).evaluate((el) => getComputedStyle(el).position);
  await page.locator('#narrow #details-title', { hasText: 'Alliance Villes Emploi' }).waitFor();
  assert.equal(await position('#narrow aside.details'), 'absolute', 'the narrow widget does not show its details as a sheet');
  assert.equal(await position('#a aside.details'), 'static', 'the wide widget shows its details as a sheet');
  await page.locator('#narrow .tools-button').click();
  const [sheet, map] = [await page.locator('#narrow #carte-tools').boundingBox(), await page.locator('#narrow .graph-stage').boundingBox()];
  assert.ok(Math.abs(sheet.y + sheet.height - (map.y + map.height)) < 3 && sheet.width > map.width - 3, 'the narrow sheet is not a bottom sheet');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 1280));
});

/** Records what the map's canvas draws: each text, stroke and fill with its colour and alpha. */
function recordDrawing() {
  const P = CanvasRenderingContext2D.prototype;
  window.__drawn = [];
  for (const [name, style] of [['fillText', 'fillStyle'], ['stroke', 'strokeStyle'], ['fill', 'fillStyle']]) {
    const original = P[name];
    P[name] = function (...args) {
      if (this.canvas.classList?.contains('graph-canvas')) {
        window.__drawn.push({ kind: name, style: String(this[style]), alpha: this.globalAlpha, font: this.font, text: name === 'fillText' ? args[0] : null });
      }
      return original.apply(this, args);
    };
  }
}

/** Contrast against white of a canvas colour drawn at an alpha. */
function contrastOnWhite(style, alpha) {
  const m = style.match(/^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i) || style.match(/^rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?\)$/);
  assert.ok(m, `unreadable colour ${style}`);
  const hex = style.startsWith('#');
  const a = alpha * (m[4] !== undefined && !hex ? Number(m[4]) : 1);
  const channel = (i) => {
    const c = (hex ? parseInt(m[i], 16) : Number(m[i])) * a + 255 * (1 - a);
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(2) + 0.0722 * channel(3);
  return 1.05 / (luminance + 0.05);
}

const isWhite = (style) => /^#ffffff$/i.test(style) || /^rgba?\(255, 255, 255/.test(style);
const frame = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

test('the presentation at 1920×1080 in the projector theme: no editing control, 24 px names, 3:1 at least, the camera on each step\'s organisations', async () => {
  const story = JSON.parse(fs.readFileSync(path.join(siteDir, 'data/partenariats.json'), 'utf8'));
  const page = await newPage({ width: 1920, height: 1080 }, { reducedMotion: 'reduce' });
  await page.addInitScript(recordDrawing);
  await open(page, '?theme=contrast#present');
  await page.locator('.presentation').waitFor();
  const counter = page.locator('.presentation .step-counter');
  const allowed = new Set(['‹ Précédent', 'Suivant ›', 'Plein écran (F)', 'Quitter (Échap)']);
  let before = null;
  let moves = 0;
  for (let step = 1; step <= story.story.length; step++) {
    if (step > 1) {
      await page.evaluate(() => { window.__drawn = []; });
      await page.keyboard.press('PageDown');
    }
    await page.waitForFunction((n) => document.querySelector('.presentation .step-counter')?.textContent.startsWith(`${n} /`), step);
    await frame(page);
    const buttons = await page.locator('button:visible:not(.node-handle)').allInnerTexts();
    assert.deepEqual(buttons.filter((b) => !allowed.has(b.trim())), [], `editing controls at step ${step}`);
    const drawn = await page.evaluate(() => window.__drawn);
    const names = drawn.filter((d) => d.kind === 'fillText' && !/^600 /.test(d.font));
    assert.ok(names.length > 0, `no name drawn at step ${step}`);
    for (const d of names) {
      const size = Number(d.font.match(/([\d.]+)px/)[1]);
      assert.ok(size >= 24, `« ${d.text} » drawn at ${size} px at step ${step}`);
    }
    for (const d of drawn.filter((d) => !isWhite(d.style))) {
      const ratio = contrastOnWhite(d.style, d.alpha);
      assert.ok(ratio >= 3, `${d.kind} ${d.style} at alpha ${d.alpha} (${d.text ?? ''}) is ${ratio.toFixed(2)}:1 at step ${step}`);
    }
    // The camera goes to the step's organisations: each is on the map, above the caption, and a
    // zoomed step has them in the middle of it.
    const s = story.story[step - 1];
    const ids = new Set([...(s.organizations || []), ...(s.links || []).flatMap((id) => { const l = story.links.find((x) => x.id === id); return [l.from, l.to]; })]);
    const stage = await page.locator('.presentation .graph-stage').boundingBox();
    const caption = await page.locator('.presentation .caption').boundingBox();
    const centres = [];
    for (const id of ids) {
      const b = await page.locator(`.presentation [data-org="${id}"]`).boundingBox();
      const c = { x: b.x + b.width / 2, y: b.y + b.height / 2 };
      centres.push(c);
      assert.ok(c.x > stage.x && c.x < stage.x + stage.width && c.y > stage.y && c.y < Math.min(stage.y + stage.height, caption.y),
        `${id} is off the map (or under the caption) at step ${step}`);
    }
    if (s.zoom) {
      const mid = (xs) => (Math.min(...xs) + Math.max(...xs)) / 2;
      const [x, y] = [mid(centres.map((c) => c.x)), mid(centres.map((c) => c.y))];
      assert.ok(Math.abs(x - (stage.x + stage.width / 2)) < 8 && Math.abs(y - (stage.y + stage.height / 2)) < 8,
        `step ${step}'s organisations are not in the middle of the map: ${x}, ${y} in ${JSON.stringify(stage)}`);
    }
    const now = await page.locator('.presentation .node-handle').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().x));
    if (before && now.some((x, i) => Math.abs(x - before[i]) > 10)) moves += 1;
    before = now;
  }
  assert.ok(moves >= story.story.length - 2, `the camera moved at ${moves} of ${story.story.length - 1} steps`);
  assert.match(plain(await page.locator('.presentation .next-step').innerText()), /Dernière étape/);
  // Full screen only from the user's gesture: the F key and the button; never an uncaught error.
  await page.keyboard.press('f');
  await page.getByRole('button', { name: 'Plein écran (F)' }).click();
  await frame(page);
  assert.deepEqual(page.errors, []);
  assert.deepEqual(await axeViolations(page), []);
});

test('opening a bookmarked presentation asks for no full screen by itself, and the camera glides', async () => {
  const page = await newPage({ width: 1280, height: 800 });
  await open(page, '#present=1');
  await page.locator('.presentation').waitFor();
  assert.equal(await page.evaluate(() => document.fullscreenElement), null);
  const x = () => page.locator('.presentation [data-org="ccimp"]').evaluate((e) => e.getBoundingClientRect().x);
  const start = await x();
  await page.keyboard.press('PageDown');
  // Where the CCIMP is, every 40 ms for 1.5 s: a glide passes through places between.
  const seen = [];
  for (let i = 0; i < 38; i++) {
    seen.push(await x());
    await page.waitForTimeout(40);
  }
  const end = seen.at(-1);
  assert.ok(Math.abs(end - start) > 20, 'the camera did not move');
  const between = seen.filter((v) => Math.abs(v - start) > 1 && Math.abs(v - end) > 1);
  assert.ok(between.length > 0, `no glide: ${start} → ${seen.join(', ')}`);
  assert.deepEqual(page.errors, []);
});

test('the step and the time player tell links as a French reader would', async () => {
  const page = await newPage();
  await open(page, '#years=2021');
  await openTools(page);
  assert.match(plain(await page.locator('.time-acts').innerText()), /Décidé en 2021 : .*La Métropole AMP subventionne la CCIMP\./);
  await open(page, '#present=2');
  assert.match(plain(await page.locator('.step-acts').innerText()), /La Métropole AMP subventionne la CCIMP\./);
  await open(page, '?lang=en#years=2021');
  await openTools(page);
  assert.match(plain(await page.locator('.time-acts').innerText()), /The Métropole AMP subsidises the CCIMP\./);
});

test("a parent's totals say that its units are included, and search brings its units", async () => {
  const page = await newPage();
  await open(page, '?data=fixtures/units-grammar.json#org=reseau');
  const text = await detailsText(page);
  for (const f of ['Argent versé et reçu (unités comprises)', 'Liens de ses unités (3)', 'via Direction territoriale des Bouches-du-Rhône (1)', "via Agence d'Aubagne (2)"]) {
    assert.ok(text.includes(f), `«${f}» missing:\n${text}`);
  }
  const box = page.getByRole('combobox', { name: 'Rechercher une organisation' });
  await box.fill('france reseau');
  const options = (await page.getByRole('option').allInnerTexts()).map(plain);
  assert.equal(options.length, 3, options.join('\n'));
  assert.match(options[1], /^Direction territoriale des Bouches-du-Rhône/);
  assert.match(options[2], /^Agence d'Aubagne/);
});

test('without JavaScript: the picture, the table of links and the sources', async () => {
  const context = await env.browser.newContext({ javaScriptEnabled: false, viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.goto(`${env.server.url}/`);
  assert.match(await page.locator('h1').innerText(), /Métropole Aix-Marseille-Provence/);
  const picture = page.locator('svg.static-map.wide');
  assert.ok(await picture.isVisible());
  assert.equal(await picture.locator('circle').count(), 14);
  assert.match(plain(await picture.getAttribute('aria-label')), /14 organisations et 14 liens/);
  assert.equal(await page.locator('.static-table tbody tr').count(), 14);
  assert.ok(plain(await page.locator('.static-table').innerText()).includes('14 205 €'));
  const sources = page.locator('.static-sources a');
  assert.equal(await sources.count(), 5);
  const response = await page.request.get(new URL(await sources.first().getAttribute('href'), `${env.server.url}/`).href);
  assert.equal(response.status(), 200);
  assert.ok(await page.locator('noscript').count());
  await context.close();
});

for (const [width, height] of [[1366, 768], [360, 640]]) {
  test(`at ${width}×${height} the static view shows before the wasm, and the widget takes its place without a shift`, async () => {
    const page = await newPage({ width, height });
    let release;
    const gate = new Promise((resolve) => { release = resolve; });
    await page.route('**/carte-partenariats_bg.wasm', async (route) => { await gate; await route.continue(); });
    await page.addInitScript(() => {
      window.__shift = 0;
      new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value; })
        .observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(`${env.server.url}/`);
    const picture = page.locator(`.carte-static svg.static-map.${width < 640 ? 'tall' : 'wide'}`);
    await picture.waitFor();
    assert.ok(await picture.isVisible());
    const box = (selector) => page.locator(selector).boundingBox();
    const before = { map: await box('.carte-static .graph-view'), title: await box('.carte-static h1'), bar: await box('.carte-static .toolbar') };
    release();
    await waitReady(page);
    await page.locator('.carte-static').waitFor({ state: 'detached' });
    const after = { map: await box('.carte-mount .graph-view'), title: await box('.carte-mount h1'), bar: await box('.carte-mount .toolbar') };
    for (const part of ['map', 'title', 'bar']) {
      for (const k of ['x', 'y', 'width', 'height']) {
        assert.ok(Math.abs(before[part][k] - after[part][k]) <= 1, `the ${part} moved: ${JSON.stringify(before[part])} → ${JSON.stringify(after[part])}`);
      }
    }
    const shift = await page.evaluate(() => window.__shift);
    assert.ok(shift < 0.01, `cumulative layout shift ${shift}`);
    assert.deepEqual(page.errors, []);
  });
}

test('the custom element shows the static view before its module loads', async () => {
  const page = await newPage({ width: 1280, height: 900 });
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  await page.route('**/carte-partenariats_bg.wasm', async (route) => { await gate; await route.continue(); });
  await page.goto(`${env.server.url}/fixtures/embed.html`);
  const still = page.locator('#a .carte-static svg.static-map.wide');
  await still.waitFor();
  assert.equal(await page.locator('#a .carte-static h2.carte-title').count(), 1);
  assert.equal(await page.locator('#b .carte-static').count(), 0, 'another export must not show the default map');
  const source = await page.locator('#a .carte-static .static-sources a').first().getAttribute('href');
  assert.ok(source.startsWith(`${env.server.url}/sources/`), source);
  release();
  await page.waitForFunction(() => window.__events.filter((e) => e[0] === 'ready').length === 2, null, { timeout: 20000 });
  await page.locator('#a .carte-static').waitFor({ state: 'detached' });
  assert.equal(await page.locator('#a .node-handle').count(), 14);
  assert.deepEqual(page.errors, []);
});
