// The strings the wasm does not carry (core::i18n::table): the English interface is read for an
// English visitor only, the validator's messages for a broken file only, and both say what they
// should once read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, open, expectAlert } from './harness.mjs';

/** The string tables a page asked for while `run` went on. */
async function tablesAsked(page, run) {
  const asked = [];
  page.on('request', (request) => {
    const file = new URL(request.url()).pathname.match(/texts\/([\w-]+\.json)$/);
    if (file) asked.push(file[1]);
  });
  await run();
  return asked;
}

test('a French visitor of a good export reads no string table', async () => {
  const page = await newPage();
  assert.deepEqual(await tablesAsked(page, () => open(page)), []);
});

test('an English visitor reads the English interface, once, and sees it', async () => {
  const page = await newPage();
  const asked = await tablesAsked(page, () => open(page, '?lang=en'));
  assert.deepEqual(asked, ['interface-en.json']);
  assert.ok(await page.getByRole('button', { name: 'Tools', exact: true }).isVisible());
  assert.equal(await page.getByRole('button', { name: 'Outils' }).count(), 0, 'no French button left');
});

test('a broken export reads the validator messages of its language and says them', async () => {
  const fr = await newPage();
  const askedFr = await tablesAsked(fr, () =>
    expectAlert(fr, '?data=fixtures/invalid-fields.json', ['$.links[0].to', 'organisation inconnue « inconnue »']));
  assert.deepEqual(askedFr, ['validation-fr.json']);
  const en = await newPage();
  const askedEn = await tablesAsked(en, () =>
    expectAlert(en, '?lang=en&data=fixtures/invalid-fields.json', ['$.links[0].to', 'unknown organisation']));
  assert.deepEqual(askedEn, ['interface-en.json', 'validation-en.json']);
});

test('without its message file, a broken export still says where it is wrong', async () => {
  const page = await newPage();
  await page.route(/texts\/validation-fr\.json$/, (route) => route.abort());
  const text = await expectAlert(page, '?data=fixtures/invalid-fields.json', ['$.links[0].to']);
  assert.ok(!/undefined|null/.test(text), text);
  assert.equal(page.errors.length, 0, page.errors.join('\n'));
});
