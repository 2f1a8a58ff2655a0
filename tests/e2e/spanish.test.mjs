// The check in Spanish, in Debian's Chromium: a whole path on the standalone page through its
// language switch, the language kept or changed with the reader's answers, the browser's
// preferred language, the page's own words and fallback in that language, the single file's
// switch under its own policy, and two embedded checkers on one page in two languages and
// their languages' regions. Screenshots of a Spanish result at 360 and 1280 px go to
// test-output/screenshots/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DIST,
  NOTHING,
  ROOT,
  answersFile,
  focusedOption,
  tickByKeyboard,
  walkTo,
  assertShowsOutline,
  axeViolations,
  newPage,
  openShadowRoots,
  screenshot,
  serve,
  serveChangedWasm,
  servedDistAndBrowser,
  shownResult,
  storedOnDevice,
  walk,
} from './support.mjs';

const shared = servedDistAndBrowser();

/** `cramp-check outline` in Spanish for the standalone page's region (intl). */
function spanishOutline(answers, region = 'intl') {
  const binary = process.env.CRAMP_CHECK ?? join(ROOT, 'target/debug/cramp-check');
  const args = ['outline', '--lang', 'es', '--region', region, '-'];
  return JSON.parse(execFileSync(binary, args, { input: JSON.stringify(answers) }).toString());
}

// Words the English texts use on every kind of screen and the Spanish ones never do.
const ENGLISH = /\b(the|your|you|Next|Back|Step|Start|Why we ask|None of these|doctor|nurse|Call|Result)\b/;

/** The checker's visible text, without the sources (their titles are as published, in English). */
function shownText(scope) {
  return scope.locator('.b12c').evaluate((panel) => {
    const copy = panel.cloneNode(true);
    for (const sources of copy.querySelectorAll('[data-section="sources"]')) sources.remove();
    for (const hidden of copy.querySelectorAll('[hidden], template, style')) hidden.remove();
    return copy.textContent.replace(/\s+/g, ' ');
  });
}

async function assertSpanish(scope, where) {
  assert.equal(await scope.locator('.b12c').getAttribute('lang'), 'es', `${where}: the content's lang`);
  const text = await shownText(scope);
  const english = text.match(ENGLISH);
  assert.equal(english, null, `${where}: English left ("${english?.[0]}") in: ${text.slice(0, 400)}`);
}

test('a whole path in Spanish on the standalone page, chosen with its switch, equals the CLI in Spanish', async () => {
  const page = await newPage(shared.chrome, 360, { height: 800 });
  await page.goto(shared.server.url + '/');
  await page.locator('b12-cramp-check [data-action="start"]').waitFor();
  // The browser prefers English here: the page starts in English.
  assert.equal(await page.locator('#page-language').inputValue(), 'en');
  assert.match(await page.locator('b12-cramp-check [data-action="start"]').innerText(), /Start/);
  await page.locator('label[for="page-language"]').waitFor();
  await page.locator('#page-language').selectOption('es');
  await page.locator('b12-cramp-check .b12c[lang="es"]').waitFor();
  assert.equal(await page.locator('b12-cramp-check [data-action="start"]').innerText(), 'Empezar');
  await assertSpanish(page, 'intro');
  const answers = answersFile('b12-metformin-tingling.json');
  const given = await walk(page, answers, (name) => assertSpanish(page, name));
  const shown = await shownResult(page);
  assert.equal(shown.triage, 'provider_soon_b12');
  assertShowsOutline(shown, given);
  await assertSpanish(page, 'result');
  // The same words in the same order as `cramp-check outline --lang es`.
  const outline = spanishOutline(given);
  assert.equal((await page.locator('.banner .title').innerText()).trim(), outline.banner.heading);
  const sections = page.locator('[data-section]');
  for (const [i, section] of outline.sections.entries()) {
    assert.match(await sections.nth(i).innerText(), new RegExp(escapeRegExp(section.title)), section.id);
    for (const advice of section.advice ?? []) {
      const item = (await page.locator(`[data-advice="${advice.id}"]`).innerText()).trim();
      assert.ok(item.startsWith(advice.text), `${advice.id}: ${item}`);
    }
  }
  // The sources' titles are as published, in English, and marked so (a Spanish voice would
  // mispronounce them), as the outline says.
  const marked = await page
    .locator('[data-section="sources"] a[target]')
    .evaluateAll((links) => links.map((a) => a.lang));
  assert.deepEqual(
    marked,
    outline.sections.at(-1).sources.list.map((s) => s.language),
  );
  assert.deepEqual([...new Set(marked)], ['en']);
  assert.deepEqual(await axeViolations(page), []);
  // The printed summary's date is the browser's, in Spanish ("25 de noviembre de 2026").
  await page.emulateMedia({ media: 'print' });
  const printed = await page.locator('.result .print-only').innerText();
  const today = await page.evaluate(() => new Date().toLocaleDateString('es', { dateStyle: 'long' }));
  assert.match(today, / de /);
  assert.ok(printed.includes(`Impreso el ${today}.`), printed);
  await page.emulateMedia({ media: 'screen' });
  await screenshot(page, 'spanish-result-360');
  await page.setViewportSize({ width: 1280, height: 900 });
  await screenshot(page, 'spanish-result-1280');
  // Another language keeps the result and the answers; back to Spanish, the same again.
  await page.locator('#page-language').selectOption('en');
  await page.locator('b12-cramp-check .b12c[lang="en"]').waitFor();
  assert.equal((await shownResult(page)).triage, 'provider_soon_b12');
  assert.match(await page.locator('.banner .title').innerText(), /Ask a doctor or nurse/);
  await page.locator('#page-language').selectOption('es');
  await page.locator('b12-cramp-check .b12c[lang="es"]').waitFor();
  assertShowsOutline(await shownResult(page), given);
  assert.deepEqual(page.consoleErrors, []);
  assert.deepEqual(page.external, []);
  await page.context().close();
});

test("the standalone page starts in the browser's preferred language, its own words and title too, and a switch mid-way keeps the answers", async () => {
  const context = await shared.chrome.newContext({ locale: 'es-ES', viewport: { width: 390, height: 844 } });
  await context.addInitScript(openShadowRoots);
  const page = await context.newPage();
  await page.goto(shared.server.url + '/');
  await page.locator('b12-cramp-check .b12c[lang="es"]').waitFor();
  assert.equal(await page.locator('#page-language').inputValue(), 'es');
  // The page around the checker follows: its language, its title and its footer.
  const pageLanguage = () => page.evaluate(() => document.documentElement.lang);
  const footer = () => page.locator('footer').innerText();
  assert.equal(await pageLanguage(), 'es');
  assert.equal(await page.title(), 'Cuestionario sobre B12 y calambres');
  assert.match(await footer(), /^Descargue este cuestionario en un solo archivo/);
  assert.doesNotMatch(await footer(), /Download/);
  // Start stays on a phone's first screen with the switch above it.
  const start = page.locator('b12-cramp-check [data-action="start"]');
  assert.equal(await start.innerText(), 'Empezar');
  const box = await start.boundingBox();
  assert.ok(box.y + box.height <= 844, `Empezar at ${box.y}`);
  await start.click();
  await page.locator('input[data-option="none"]').first().check();
  // The checker's title for the step ends with the page's, both in Spanish.
  assert.match(await page.title(), /^Paso 1 de \d+: .+ – Cuestionario sobre B12 y calambres$/);
  const checked = await page.locator('input:checked').evaluateAll((inputs) => inputs.map((i) => i.dataset.option));
  await page.locator('#page-language').selectOption('en');
  await page.locator('b12-cramp-check .b12c[lang="en"]').waitFor();
  assert.match(await page.locator('[data-step]').innerText(), /None of these/);
  assert.equal(await pageLanguage(), 'en');
  assert.match(await page.title(), /^Step 1 of \d+: .+ – B12 and muscle cramps check$/);
  assert.match(await footer(), /^Download this check as a single file/);
  assert.doesNotMatch(await footer(), /Descargue/);
  assert.deepEqual(
    await page.locator('input:checked').evaluateAll((inputs) => inputs.map((i) => i.dataset.option)),
    checked,
    'the ticked answers stay',
  );
  await context.close();
});

test('the language the reader chose is kept in the address: a reload and a share link open in it', async () => {
  const page = await newPage(shared.chrome, 390);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: shared.server.url });
  await page.goto(`${shared.server.url}/?utm_campaign=spring`);
  await page.locator('b12-cramp-check [data-action="start"]').waitFor();
  assert.equal(new URL(page.url()).search, '?utm_campaign=spring', 'nothing written before a choice');
  const entries = await page.evaluate(() => history.length);
  await page.locator('#page-language').selectOption('es');
  await page.locator('b12-cramp-check .b12c[lang="es"]').waitFor();
  assert.equal(new URL(page.url()).search, '?utm_campaign=spring&lang=es');
  assert.equal(await page.evaluate(() => history.length), entries, 'no history entry for it');
  await page.reload();
  await page.locator('b12-cramp-check .b12c[lang="es"]').waitFor();
  assert.equal(await page.locator('#page-language').inputValue(), 'es');
  assert.equal(await page.title(), 'Cuestionario sobre B12 y calambres');
  await walk(page, answersFile('same-day-statin.json'));
  await page.locator('[data-action="share"]').click();
  const link = new URL(await page.locator('[data-share-link]').inputValue());
  assert.equal(link.search, '?lang=es', 'of the query, only the language the reader chose');
  const opened = await newPage(shared.chrome, 390);
  await opened.goto(link.href);
  await opened.locator('b12-cramp-check .b12c[lang="es"] [data-triage]').waitFor();
  assert.equal((await shownResult(opened)).triage, (await shownResult(page)).triage);
  // A choice on the result, then Back to the last step (a history entry from before it): the
  // address keeps the choice there too, and only the language's pair changes.
  await page.locator('#page-language').selectOption('en');
  await page.locator('b12-cramp-check .b12c[lang="en"]').waitFor();
  await page.goBack();
  await page.locator('b12-cramp-check [data-step]').waitFor();
  assert.equal(new URL(page.url()).search, '?utm_campaign=spring&lang=en');
  await page.reload();
  await page.locator('b12-cramp-check .b12c[lang="en"] [data-step]').waitFor();
  assert.equal(await page.locator('#page-language').inputValue(), 'en');
  assert.deepEqual(await storedOnDevice(page, shared.server.url), NOTHING, 'the choice stores nothing');
  assert.deepEqual(page.consoleErrors, []);
  await opened.context().close();
  await page.context().close();
});

test("the standalone page's fallback, when the checker cannot start, is in the reader's language", async () => {
  // A new context, whose service worker has not cached the good wasm.
  const context = await shared.chrome.newContext({ locale: 'es-ES' });
  const page = await context.newPage();
  await serveChangedWasm(page);
  const refused = page.waitForEvent('console', { predicate: (m) => m.type() === 'error' });
  await page.goto(shared.server.url + '/');
  await refused;
  const fallback = page.locator('.b12c-loading');
  assert.equal(await fallback.isVisible(), true, 'the fallback stays');
  assert.match(
    await fallback.innerText(),
    /^Cargando el cuestionario.*llame ahora al número de emergencias de su zona\.$/s,
  );
  assert.doesNotMatch(await fallback.innerText(), /emergency number/);
  await context.close();
});

test('the single file switches language under its own policy', async () => {
  const page = await newPage(shared.chrome, 390);
  await page.goto(pathToFileURL(join(DIST, 'b12-cramp-check.html')).href);
  await page.locator('b12-cramp-check [data-action="start"]').waitFor();
  await page.locator('#page-language').selectOption('es');
  await page.locator('b12-cramp-check .b12c[lang="es"]').waitFor();
  await assertSpanish(page, 'single file intro');
  await page.reload();
  await page.locator('b12-cramp-check .b12c[lang="es"]').waitFor();
  assert.deepEqual(page.consoleErrors, [], 'no policy violation');
  await page.context().close();
});

test("two embedded checkers differ in language and in their languages' default regions", async () => {
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title>
    <script type="module" src="/embed/b12-cramp-check.js"></script></head><body>
    <b12-cramp-check id="es" lang="es-ES"></b12-cramp-check>
    <b12-cramp-check id="gb" lang="en-GB"></b12-cramp-check></body></html>`;
  const server = await serve(DIST, {}, { '/two-languages.html': { body } });
  const page = await newPage(shared.chrome, 1280);
  await page.goto(server.url + '/two-languages.html');
  const es = page.locator('#es');
  const gb = page.locator('#gb');
  await es.locator('[data-action="start"]').waitFor();
  await gb.locator('[data-action="start"]').waitFor();
  const leg = { q_emergency_signs: ['cold_pale_leg'] };
  await walk(es, leg);
  await walk(gb, leg);
  assert.equal((await shownResult(es)).triage, 'emergency_now');
  assert.equal((await shownResult(gb)).triage, 'emergency_now');
  const calls = (scope) =>
    scope.locator('.banner a[href^="tel:"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  assert.deepEqual(await calls(es), ['tel:112']);
  assert.deepEqual(await calls(gb), ['tel:999']);
  assert.equal(await es.locator('.b12c').getAttribute('lang'), 'es');
  assert.equal(await gb.locator('.b12c').getAttribute('lang'), 'en');
  const esText = await shownText(es);
  assert.match(esText, /Llame al 112/);
  assert.match(esText, /urgencias del hospital más cercano/);
  await assertSpanish(es, 'embedded Spanish result');
  const gbText = await shownText(gb);
  assert.match(gbText, /Call 999/);
  assert.match(gbText, /A&E/);
  assert.doesNotMatch(gbText, /urgencias|Llame/);
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
  await server.close();
});

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A `[ui]` text of the Spanish pack, as written in es.toml (placeholders left in). */
function spanishUi(key) {
  const line = readFileSync(join(ROOT, 'packs/b12-cramps/texts/es.toml'), 'utf8').match(
    new RegExp(`^${key} = "(.*)"$`, 'm'),
  );
  assert.ok(line, `es.toml has ${key}`);
  return line[1];
}

test('in Spanish too: the error summary, the title, focus kept when a question appears, and each message at its level', async () => {
  const page = await newPage(shared.chrome, 390, { height: 844 });
  await page.goto(shared.server.url + '/');
  await page.locator('#page-language').selectOption('es');
  await page.locator('b12-cramp-check .b12c[lang="es"]').waitFor();
  await page.locator('[data-action="start"]').click();
  await page.locator('[data-action="next"]').click();
  const summary = page.locator('.error-summary[role="alert"]');
  assert.match(await summary.innerText(), new RegExp(`^${spanishUi('there_is_a_problem')}`));
  assert.match(
    await page.title(),
    new RegExp(
      `^${spanishUi('error_prefix')} ${spanishUi('step_of').replace('{step}', '1').replace('{total}', '\\d+')}: `,
    ),
  );
  // An emergency sign: the alert region says so, in Spanish.
  await page.locator('input[data-option="cold_pale_leg"]').check();
  assert.equal((await page.locator('[data-step] [role="alert"]').innerText()).trim(), spanishUi('decided_emergency'));
  await page.locator('input[data-option="none"]').check();
  // A follow-up question appears: focus stays on the option, and the status region says so.
  await walkTo(page, answersFile('b12-metformin-tingling.json'), 'q_neuro');
  await tickByKeyboard(page, 'q_neuro', 'balance_problems');
  await page.locator('fieldset#q_neuro_onset').waitFor();
  assert.equal(await focusedOption(page), 'q_neuro=balance_problems');
  const asked = (await page.locator('fieldset#q_neuro_onset .question-text').innerText()).trim();
  const announced = spanishUi('question_appeared').replace('{question}', asked);
  assert.equal((await page.locator('[data-step] [role="status"]').innerText()).trim(), announced);
  await screenshot(page, 'spanish-step-390');
  await page.context().close();
});
