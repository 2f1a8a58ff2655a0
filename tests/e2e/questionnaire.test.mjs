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
  cliEval,
  screenshot,
  axeViolations,
  walk,
  walkTo,
  shownResult,
  focused,
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
    const cli = cliEval(given);
    assert.equal(shown.triage, path.triage);
    assert.equal(shown.triage, cli.triage);
    assert.equal(shown.top_factor, cli.top_factor);
    assert.deepEqual(
      shown.reasons,
      cli.reasons.map((r) => `${r.kind}:${r.id}`),
    );
    // The page renders the result's outline: its sections, reasons and advice in its order.
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
