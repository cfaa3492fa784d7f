// Shared set-up of the end-to-end tests: one static server and one Chromium per test file,
// and the helpers that read the page as a visitor would.
import { before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { startServer, CHROMIUM, CHROMIUM_ARGS } from './server.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const siteDir = path.resolve(process.env.SITE_DIR || 'dist');
export const env = { server: null, browser: null, pages: [] };

before(async () => {
  // The page's default export is the frozen copy in tests/fixtures: tests about the live export are
  // native (tests/dataset.rs), the others must not break when it is brought up to date.
  const defaultData = path.resolve('tests/fixtures/frozen-export.json');
  env.server = await startServer({ siteDir, fixturesDir: path.resolve('tests/fixtures'), defaultData });
  env.browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});
after(async () => {
  await env.browser?.close();
  await env.server?.close();
});

// The release site runs under its Content-Security-Policy (tools/csp.mjs), and so does the
// host page of tests/fixtures/embed.html: any violation, in any page or frame of a test, fails
// it. Chromium reports them twice, as `securitypolicyviolation` events and console errors;
// both are collected. A test that provokes one on purpose empties `page.csp` itself.
afterEach(() => {
  const pages = env.pages.splice(0);
  const violations = pages.flatMap((page) => page.csp);
  assert.deepEqual(violations, [], 'Content-Security-Policy violations');
});

/** French no-break spaces made plain, as a reader quotes the text. */
export const plain = (s) => (s || '').replace(/[\u202f\u00a0]/g, ' ');

export async function newPage(viewport = { width: 1280, height: 900 }, options = {}) {
  const page = await env.browser.newPage({ viewport, ...options });
  page.errors = [];
  page.csp = [];
  env.pages.push(page);
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('console', (message) => {
    if (/Content Security Policy|CSP violation/i.test(message.text())) page.csp.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} in ${e.documentURI}`);
    });
    document.addEventListener('carte-ready', (e) => { window.__readyEvents = (window.__readyEvents || 0) + 1; window.__readyTarget = e.target.className; });
  });
  return page;
}

export async function waitReady(page) {
  await page.waitForFunction(() => performance.getEntriesByName('carte-ready').length > 0, null, { timeout: 20000 });
}

export async function open(page, suffix = '') {
  await page.goto(`${env.server.url}/${suffix}`);
  await waitReady(page);
}

/** Opens the sheet of tools (time, filters, paths, layouts) from the bar's button, if closed. */
export async function openTools(page) {
  const button = page.locator('.tools-button');
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  await page.locator('#carte-tools').waitFor();
}

export async function detailsText(page) {
  return plain(await page.locator('aside.details').innerText());
}

/** Centre of an organisation's node on screen, read from its focusable handle. */
export async function nodeCentre(page, id) {
  const box = await page.locator(`[data-org="${id}"]`).boundingBox();
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Ids of the organisations the graph shows (their handles are not hidden). */
export async function shownOrgs(page) {
  return page.locator('.node-handle:not([hidden])').evaluateAll((els) => els.map((e) => e.dataset.org));
}

export async function expectAlert(page, suffix, fragments) {
  await page.goto(`${env.server.url}/${suffix}`);
  const alert = page.locator('[role=alert]').first();
  await alert.waitFor({ timeout: 20000 });
  const text = plain(await alert.innerText());
  for (const f of fragments) assert.ok(text.includes(f), `«${f}» missing from the alert:\n${text}`);
  return text;
}

export async function axeViolations(page) {
  // Evaluated by the debugger protocol: a <script> added to the page would break its policy.
  // axe itself adds <style> elements while it runs, which the policy refuses: those reports,
  // and only those, are axe's, not the page's.
  await page.evaluate(AXE_SOURCE);
  const before = page.csp.length;
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  const during = page.csp.splice(before);
  page.csp.push(...during.filter((text) => !/style-src-(elem|attr) blocked inline|[Aa]pply(ing)? inline style/.test(text)));
  return violations;
}
