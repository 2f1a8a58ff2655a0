// The standalone page end to end, in Debian's Chromium: complete paths to each kind of result,
// each checked against `cramp-check eval` and, in order, `cramp-check outline` on exactly the
// answers the page was given, with screenshots of every step and result at 360 px and 1280 px
// (test-output/screenshots/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  answersFile,
  servedDistAndBrowser,
  newPage,
  screenshot,
  axeViolations,
  walk,
  walkTo,
  shownResult,
  focused,
  inFocused,
  settled,
  assertShowsOutline,
} from './support.mjs';

const PATHS = [
  { name: 'emergency', file: 'emergency-early-exit.json', triage: 'emergency_now' },
  { name: 'same-day', file: 'same-day-statin.json', triage: 'urgent_same_day' },
  { name: 'b12', file: 'b12-metformin-tingling.json', triage: 'provider_soon_b12' },
  { name: 'other-cause', file: 'other-cause-walking-pain.json', triage: 'provider_other_cause' },
  { name: 'self-care', file: 'self-care-exercise.json', triage: 'self_care' },
];
// Pack 1.1: every new emergency option, the nitrous oxide red flag, short-lived cramps with an
// obvious cause, and walking pain reported apart from night cramps; at a phone's width.
const PATHS_1_1 = [
  { name: 'emergency-tetanus', file: 'emergency-tetanus-signs.json', triage: 'emergency_now' },
  { name: 'emergency-palpitations', file: 'emergency-palpitations.json', triage: 'emergency_now' },
  { name: 'emergency-compartment', file: 'emergency-compartment.json', triage: 'emergency_now' },
  { name: 'emergency-heatstroke', file: 'emergency-heatstroke.json', triage: 'emergency_now' },
  { name: 'same-day-nitrous-oxide', file: 'same-day-nitrous-oxide.json', triage: 'urgent_same_day' },
  { name: 'self-care-short-lived', file: 'self-care-short-lived-heat.json', triage: 'self_care' },
  {
    name: 'other-cause-walking-pain-at-night',
    file: 'other-cause-night-cramps-walking-pain.json',
    triage: 'provider_other_cause',
  },
];

const shared = servedDistAndBrowser();

const RUNS = [360, 1280]
  .flatMap((width) => PATHS.map((path) => ({ width, path })))
  .concat(PATHS_1_1.map((path) => ({ width: 360, path })));

for (const { width, path } of RUNS) {
  test(`${path.name} path at ${width}px shows what cramp-check eval returns`, async () => {
    const page = await newPage(shared.chrome, width);
    await page.goto(shared.server.url + '/');
    await page.waitForSelector('[data-action="start"]');
    if (path.name === 'emergency') await screenshot(page, `intro-${width}`);
    const given = await walk(page, answersFile(path.file), (name) => screenshot(page, `${path.name}-${width}-${name}`));
    const shown = await shownResult(page);
    await screenshot(page, `${path.name}-${width}-result`);
    assert.equal(shown.triage, path.triage);
    // The page shows the command line's result and outline (sections, reasons, advice in order).
    assertShowsOutline(shown, given);
    const words = await page.locator('[data-triage]').innerText();
    assert.ok(!words.includes('{'), `every placeholder is filled in: ${words}`);
    assert.deepEqual(page.external, [], 'no request leaves the machine');
    assert.deepEqual(page.consoleErrors, []);
    await page.context().close();
  });
}

test('the page does not shift while it loads, and the widget fits a 320px phone', async () => {
  const page = await newPage(shared.chrome, 320);
  await page.addInitScript(() => {
    window.__shift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shift += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(shared.server.url + '/');
  await page.waitForSelector('[data-action="start"]');
  await page.waitForTimeout(300);
  const shift = await page.evaluate(() => window.__shift);
  assert.ok(shift < 0.01, `cumulative layout shift ${shift}`);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  assert.equal(overflow, 0, 'no horizontal scrolling at 320px');
  await page.context().close();
});

test('intro, a step with an error, and results pass axe (WCAG 2.2 AA)', async () => {
  const page = await newPage(shared.chrome, 1280);
  await page.goto(shared.server.url + '/');
  await page.waitForSelector('[data-action="start"]');
  assert.deepEqual(await axeViolations(page), [], 'intro');
  await page.click('[data-action="start"]');
  await page.click('[data-action="next"]');
  await page.waitForSelector('.error-summary');
  assert.deepEqual(await axeViolations(page), [], 'step with a missing answer');
  assert.match(await focused(page, 'className'), /error-summary/, 'the error summary takes focus');
  await page.check('input[name="q_emergency_signs"][data-option="chest_pain_or_breathless"]');
  await page.click('[data-action="next"]');
  await page.waitForSelector('[data-triage]');
  assert.deepEqual(await axeViolations(page), [], 'emergency result');
  await page.context().close();
});

test('the questionnaire works with the keyboard alone', async () => {
  const page = await newPage(shared.chrome, 1280);
  await page.goto(shared.server.url + '/');
  await page.waitForSelector('[data-action="start"]');
  await page.focus('[data-action="start"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-step="emergency"]');
  // Focus moved to the step heading (its one question, with the progress); Tab reaches the
  // first option, Space ticks it.
  assert.match(await focused(page, 'textContent'), /^Step 1 of \d+Have you had any of these/);
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press('Tab');
    if ((await focused(page, 'name')) === 'q_emergency_signs') break;
  }
  await page.keyboard.press('Space');
  assert.equal(await page.isChecked('input[name="q_emergency_signs"][data-option="face_arm_speech"]'), true);
  await page.context().close();
});

test('the onset question appears after weakness, not after mouth ulcers', async () => {
  const page = await newPage(shared.chrome, 360);
  await page.goto(shared.server.url + '/');
  await page.click('[data-action="start"]');
  // Calm answers up to the symptoms step.
  await walkTo(page, answersFile('self-care-exercise.json'), 'q_neuro');
  const onset = page.locator('input[name="q_neuro_onset"]');
  await page.check('input[name="q_neuro"][data-option="sore_red_tongue_mouth_ulcers"]');
  assert.equal(await onset.count(), 0, 'not after mouth ulcers');
  await page.check('input[name="q_neuro"][data-option="muscle_weakness"]');
  await onset.first().waitFor();
  assert.equal(await onset.count(), 2, 'after weakness, with its two options');
  assert.match(await page.locator('#q_neuro_onset legend').innerText(), /weakness/);
  await page.uncheck('input[name="q_neuro"][data-option="muscle_weakness"]');
  await onset.first().waitFor({ state: 'detached' });
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

/** In the page: whether `element` is inside the viewport and uncovered, its centre showing it. */
function inViewUncovered(element) {
  const box = element.getBoundingClientRect();
  const hit = element.getRootNode().elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
  return box.top >= 0 && box.bottom <= innerHeight && (hit === element || element.contains(hit));
}

/**
 * Presses `key` until focus reaches a button or `last` (`question=option`); fails if any
 * control on the way has focus under something or out of view. Resolves to the options passed.
 */
async function tabClearOf(page, key, last) {
  const passed = [];
  for (;;) {
    await page.keyboard.press(key);
    const name = await inFocused(page, (e) => (e.dataset.action ? '' : `${e.name ?? e.tagName}=${e.dataset.option}`));
    if (!name) return passed;
    assert.ok(await inFocused(page, inViewUncovered), `${name} has focus in view, not under the bar`);
    passed.push(name);
    if (name === last) return passed;
  }
}

for (const { path, surface } of [
  { path: '/', surface: 'the standalone page' },
  { path: '/demo/article.html', surface: 'an article' },
]) {
  test(`on a phone, in ${surface}, a red flag's message and "See what to do now" stay in view, and focus never goes under them`, async () => {
    const page = await newPage(shared.chrome, 390, { height: 844 });
    await page.goto(shared.server.url + path);
    await page.locator('[data-action="start"]').click();
    await page.locator('[data-step="emergency"]').waitFor();
    const inputs = page.locator('input[name="q_emergency_signs"]');
    const options = await inputs.evaluateAll((all) => all.map((i) => `${i.name}=${i.dataset.option}`));
    const signs = options.filter((o) => !o.endsWith('=none'));
    const callout = page.locator('[data-step] [role="alert"] .callout');
    const barInView = async (what) => {
      await callout.waitFor();
      await settled(page);
      for (const selector of ['[role="alert"] .callout', '[data-action="back"]', '[data-action="next"]'])
        assert.ok(
          await page.locator(`[data-step] ${selector}`).evaluate(inViewUncovered),
          `${what}: ${selector} in view`,
        );
      assert.equal(await page.locator('[data-action="next"]').innerText(), 'See what to do now');
    };
    // The first option ticked: a dozen more follow it, about 1,600 px of them.
    await inputs.first().check();
    await barInView('the first option ticked');
    await screenshot(page, `step-decided-390${path === '/' ? '' : '-article'}`);
    await inputs.first().uncheck();
    await callout.waitFor({ state: 'detached' });
    // By keyboard, each sign in turn ticked with Space (the bar comes) and again (it goes): the
    // option stays in view, above the bar.
    for (const [i, option] of signs.entries()) {
      if (i) assert.deepEqual(await tabClearOf(page, 'Tab', option), [option]);
      await page.keyboard.press('Space');
      await barInView(`${option} ticked by keyboard`);
      assert.ok(await inFocused(page, inViewUncovered), `${option}, ticked, is not under the bar`);
      await page.keyboard.press('Space');
      await callout.waitFor({ state: 'detached' });
    }
    // The last sign ticked, up through every option and down to the bar: none has focus under it.
    await page.keyboard.press('Space');
    await callout.waitFor();
    assert.deepEqual(await tabClearOf(page, 'Shift+Tab', options[0]), signs.slice(0, -1).toReversed());
    assert.deepEqual(await tabClearOf(page, 'Tab'), options.slice(1));
    assert.equal(await inFocused(page, (e) => e.dataset.action), 'back', 'then the bar');
    assert.deepEqual(page.consoleErrors, []);
    await page.context().close();
  });
}

test("the decided step's bar is opaque with a top border in light, dark and forced colours, and not on paper", async () => {
  const page = await newPage(shared.chrome, 390, { height: 844 });
  await page.goto(shared.server.url + '/');
  await page.locator('[data-action="start"]').click();
  await page.check('input[name="q_emergency_signs"][data-option="chest_pain_or_breathless"]');
  await page.locator('[data-step] [role="alert"] .callout').waitFor();
  const bar = page.locator('[data-step] .step-end');
  const look = () =>
    bar.evaluate((e) => {
      const s = getComputedStyle(e);
      return { position: s.position, background: s.backgroundColor, border: `${s.borderTopStyle} ${s.borderTopWidth}` };
    });
  const opaque = (colour) => /^rgb\(/.test(colour) || /^rgba\(.*, 1\)$/.test(colour);
  for (const theme of ['light', 'dark']) {
    await page.evaluate((t) => document.querySelector('b12-cramp-check').setAttribute('theme', t), theme);
    await page.waitForFunction(
      (t) => document.querySelector('b12-cramp-check').shadowRoot.querySelector('.b12c')?.dataset.theme === t,
      theme,
    );
    const { position, background, border } = await look();
    assert.equal(position, 'sticky', theme);
    assert.ok(opaque(background), `${theme}: the bar hides what scrolls under it (${background})`);
    assert.match(border, /^solid [1-9]/, `${theme}: the bar's edge`);
    // The buttons stand clear of the screen's bottom edge, inside the bar, not flush with it.
    const gap = await page
      .locator('[data-action="next"]')
      .evaluate((e) => window.innerHeight - e.getBoundingClientRect().bottom);
    assert.ok(gap >= 8, `${theme}: ${gap} px below the buttons`);
    await screenshot(page, `step-decided-390-${theme}`);
  }
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setEmulatedMedia', { features: [{ name: 'forced-colors', value: 'active' }] });
  const forced = await look();
  assert.equal(forced.position, 'sticky', 'forced colours');
  assert.ok(opaque(forced.background), `forced colours: opaque (${forced.background})`);
  assert.match(forced.border, /^solid [1-9]/, 'forced colours: the bar keeps its edge');
  assert.ok(await page.locator('[data-action="next"]').evaluate(inViewUncovered), 'forced colours: in view');
  await screenshot(page, 'step-decided-390-forced-colors');
  await cdp.send('Emulation.setEmulatedMedia', { media: 'print', features: [] });
  assert.equal((await look()).position, 'static', 'not on paper');
  await page.context().close();
});

test("a missing answer's red bar runs beside the whole question, its legend too", async () => {
  const page = await newPage(shared.chrome, 390, { height: 844 });
  await page.goto(shared.server.url + '/');
  await page.locator('[data-action="start"]').click();
  await page.locator('[data-action="next"]').click();
  await page.locator('.question-missing').waitFor();
  const question = page.locator('fieldset.question-missing');
  await question.evaluate((e) => e.scrollIntoView());
  const { x, top, bottom, colour } = await question.evaluate((fieldset) => {
    const legend = fieldset.querySelector('legend').getBoundingClientRect();
    return {
      x: fieldset.getBoundingClientRect().left + 1,
      top: Math.ceil(legend.top),
      bottom: Math.floor(legend.bottom),
      colour: getComputedStyle(fieldset).borderLeftColor,
    };
  });
  // Still a group named by its legend, the question.
  assert.equal(await question.evaluate((e) => e.firstElementChild.tagName), 'LEGEND');
  assert.equal(await page.getByRole('group', { name: /^Have you had any of these today/ }).count(), 1);
  // The pixels painted in the bar's column beside the legend, top to bottom.
  const png = await page.screenshot({ clip: { x, y: top, width: 1, height: bottom - top } });
  const painted = await page.evaluate(
    async (data) => {
      const image = await createImageBitmap(new Blob([new Uint8Array(data)], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(image.width, image.height);
      const context = canvas.getContext('2d');
      context.drawImage(image, 0, 0);
      const { data: pixels } = context.getImageData(0, 0, image.width, image.height);
      return Array.from(
        { length: image.height },
        (_, row) => `rgb(${pixels.slice(row * 4 * image.width, row * 4 * image.width + 3).join(', ')})`,
      );
    },
    [...png],
  );
  const off = painted.filter((p) => p !== colour).length;
  assert.equal(off, 0, `${off} of the ${painted.length} px beside the legend are not the bar's ${colour}`);
  await page.context().close();
});

test('the line for anyone very unwell lists the numbers apart, each a whole link named by its number', async () => {
  for (const { lang, path, line, numbers } of [
    { lang: 'en', path: '/', line: 'Very unwell? Call 112, 911 or 999', numbers: ['112', '911', '999'] },
    { lang: 'es', path: '/', line: '¿Está muy mal? Llame al 112, 911 o 999', numbers: ['112', '911', '999'] },
    { lang: 'en', path: '/demo/article.html', line: 'Very unwell? Call 999', numbers: ['999'] },
  ]) {
    const page = await newPage(shared.chrome, 390, { height: 844 });
    await page.goto(shared.server.url + path);
    await page.locator('[data-action="start"]').waitFor();
    await page.evaluate((l) => document.querySelector('b12-cramp-check').setAttribute('lang', l), lang);
    await page.locator(`b12-cramp-check .b12c[lang="${lang}"] [data-action="start"]`).click();
    const unwell = page.locator('[data-step] .very-unwell');
    await unwell.waitFor();
    // As seen, and as copied.
    assert.equal(await unwell.innerText(), line, `${lang} ${path}`);
    assert.equal((await unwell.textContent()).replace(/\s+/g, ' ').trim(), line, `${lang} ${path}: copied`);
    const links = await unwell
      .locator('a')
      .evaluateAll((as) =>
        as.map((a) => ({ text: a.textContent, href: a.getAttribute('href'), wrap: getComputedStyle(a).whiteSpace })),
      );
    assert.deepEqual(
      links,
      numbers.map((n) => ({ text: n, href: `tel:${n}`, wrap: 'nowrap' })),
    );
    for (const n of numbers)
      assert.equal(await unwell.getByRole('link', { name: n, exact: true }).count(), 1, `${n} is named by its number`);
    await page.context().close();
  }
});

test('the last step says Finish, as it leads to the result, and so does a step opened to change an answer; the others say Next', async () => {
  const page = await newPage(shared.chrome, 390);
  await page.goto(shared.server.url + '/');
  await page.waitForSelector('[data-action="start"]');
  const labels = [];
  await walk(page, answersFile('self-care-exercise.json'), async () =>
    labels.push(await page.locator('[data-action="next"]').innerText()),
  );
  await page.locator('[data-triage]').waitFor();
  assert.ok(labels.length > 2);
  assert.deepEqual(labels, [...Array(labels.length - 1).fill('Next'), 'Finish']);
  // Change on the age (an early step): its Next leads back to the result.
  await page.locator('[data-section=your_answers] summary').click();
  await page.click('[data-question="q_age"][data-action="change-answer"]');
  await page.locator('input[name="q_age"]').first().waitFor();
  assert.equal(await page.locator('[data-action="next"]').innerText(), 'Finish');
  await page.locator('[data-action="next"]').click();
  await page.locator('[data-triage]').waitFor();
  await page.context().close();
});
