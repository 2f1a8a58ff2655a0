// The result page in Debian's Chromium, at a phone's 390 px and a desktop's 1280 px: the order a
// reader acts in (the outline's, as `cramp-check outline` prints it), the numbers to call for
// emergency and same-day results in each region, no keeping controls on an emergency, changing
// one answer and coming back, forced colours, a long banner heading with WCAG 1.4.12 text
// spacing at 320 px, citation targets and the way back from a source, and the chart's name.
// Screenshots of each kind of result at 390 px: test-output/screenshots/result-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addTextSpacing,
  answersFile,
  servedDistAndBrowser,
  newPage,
  cliEval,
  screenshot,
  walk,
  shownResult,
  focused,
  assertShowsOutline,
  axeViolations,
} from './support.mjs';

const RESULTS = [
  { name: 'emergency', file: 'emergency-early-exit.json', triage: 'emergency_now' },
  { name: 'same-day', file: 'same-day-statin.json', triage: 'urgent_same_day' },
  { name: 'b12', file: 'b12-metformin-tingling.json', triage: 'provider_soon_b12' },
  { name: 'other-cause', file: 'other-cause-walking-pain.json', triage: 'provider_other_cause' },
  { name: 'self-care', file: 'self-care-exercise.json', triage: 'self_care' },
  { name: 'under-18', file: 'under-18.json', triage: 'not_applicable' },
];

const shared = servedDistAndBrowser();

/** The standalone page at `width`, with its region set, walked to the result of `file`. */
async function resultPage(width, file, region = 'intl') {
  const page = await newPage(shared.chrome, width);
  await page.goto(shared.server.url + '/');
  await page.waitForSelector('[data-action="start"]');
  await setRegion(page, region);
  const given = await walk(page, answersFile(file));
  await page.locator('[data-triage]').waitFor();
  return { page, given };
}

async function setRegion(page, region) {
  await page.evaluate((r) => document.querySelector('b12-cramp-check').setAttribute('region', r), region);
}

/** The numbers the banner's tel: links call, in order. */
const calls = (page) =>
  page.locator('.banner a[href^="tel:"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));

for (const width of [390, 1280]) {
  for (const result of RESULTS) {
    test(`${result.name} result at ${width}px: the outline's order, keeping after what to do`, async () => {
      const { page, given } = await resultPage(width, result.file);
      const shown = await shownResult(page);
      assert.equal(shown.triage, result.triage);
      assertShowsOutline(shown, given);
      const { sections } = shown;
      if (result.triage === 'emergency_now') {
        assert.ok(!sections.includes('keep'), 'no print, share or remember in an emergency');
        assert.equal(
          await page.locator('[data-action="print"], [data-action="share"], [data-action="remember"]').count(),
          0,
        );
      } else {
        // Keeping comes right after what to do now and when to get help, before why.
        const keep = sections.indexOf('keep');
        assert.ok(keep > 0 && keep < sections.indexOf('why'), sections.join(' '));
        assert.deepEqual(
          sections.slice(0, keep).every((s) => ['next_steps', 'self_care'].includes(s)),
          true,
          sections.join(' '),
        );
        assert.equal(await page.locator('[data-section="keep"] [data-action="print"]').count(), 1);
      }
      // The answers are collapsed, the sources last.
      assert.equal(await page.locator('[data-section="your_answers"] details:not([open])').count(), 1);
      assert.equal(sections.at(-1), 'sources');
      if (width === 390) await screenshot(page, `result-${result.name}-390`);
      if (width === 1280) {
        // Open, with a citation followed: every new control in view passes axe.
        await page.locator('[data-section="your_answers"] summary').click();
        if (await page.locator('a.cite').count()) await page.locator('a.cite').first().click();
        assert.deepEqual(await axeViolations(page), [], `${result.name} result`);
      }
      assert.deepEqual(page.consoleErrors, []);
      await page.context().close();
    });
  }
}

test('emergency and same-day results call the region’s number first', async () => {
  const expected = {
    emergency: { uk: ['tel:999'], us: ['tel:911'], eu: ['tel:112'], intl: ['tel:112', 'tel:911', 'tel:999'] },
    'same-day': { uk: ['tel:111'], us: [], eu: [], intl: [] },
    b12: { uk: [], us: [], eu: [], intl: [] },
  };
  for (const result of RESULTS.filter((r) => r.name in expected)) {
    const { page } = await resultPage(390, result.file);
    for (const [region, numbers] of Object.entries(expected[result.name])) {
      await setRegion(page, region);
      await page.waitForFunction(
        ([n]) =>
          document.querySelector('b12-cramp-check').shadowRoot.querySelectorAll('.banner a[href^="tel:"]').length === n,
        [numbers.length],
      );
      assert.deepEqual(await calls(page), numbers, `${result.name} in ${region}`);
      // Each link says what it does, and the first control of the result is the first call.
      for (const link of await page.locator('.banner a[href^="tel:"]').all()) {
        assert.equal(await link.innerText(), `Call ${(await link.getAttribute('href')).slice(4)}`);
      }
      if (numbers.length) {
        const first = await page
          .locator('[data-triage] a[href], [data-triage] button, [data-triage] input')
          .first()
          .getAttribute('href');
        assert.equal(first, numbers[0], `${result.name} in ${region}: the call comes first`);
      }
      if (numbers.length > 1) {
        assert.match(await page.locator('.banner-action').innerText(), /local emergency number/, 'use the local one');
      }
      if (result.name !== 'b12') await screenshot(page, `result-${result.name}-${region}-390`);
    }
    if (result.name === 'emergency') {
      // A distinct red card: the tone's colour fills the banner.
      const card = await page.locator('.banner').evaluate((b) => getComputedStyle(b).backgroundColor);
      assert.match(card, /^rgb\((1[5-9]\d|2\d\d), \d{1,2}, \d{1,2}\)$/, `red: ${card}`);
    }
    await page.context().close();
  }
});

test('Change on one answer opens its step and Next returns to the new result', async () => {
  const { page, given } = await resultPage(390, 'b12-metformin-tingling.json');
  await page.locator('[data-section="your_answers"] summary').click();
  const change = page.locator('[data-question="q_b12_meds"][data-action="change-answer"]');
  assert.match(await change.getAttribute('aria-label'), /^Change: /);
  await change.click();
  await page.locator('[data-step]').waitFor();
  assert.equal(await page.isChecked('input[name="q_b12_meds"][data-option="metformin_1y_plus"]'), true, 'answers kept');
  await page.check('input[name="q_b12_meds"][data-option="none"]');
  await page.click('[data-action="next"]');
  const shown = await shownResult(page);
  const changed = { ...given, q_b12_meds: ['none'] };
  assert.equal(shown.triage, cliEval(changed).triage, 'the new answers’ result');
  assertShowsOutline(shown, changed);
  assert.equal(await focused(page, 'className'), 'title', 'focus on the result heading');
  await screenshot(page, 'result-after-change-390');

  // Removing the red flag that ended the check early goes on to the next unanswered step.
  const emergency = await resultPage(390, 'emergency-early-exit.json');
  await emergency.page.locator('[data-section="your_answers"] summary').click();
  await emergency.page.locator('[data-question="q_emergency_signs"][data-action="change-answer"]').click();
  await emergency.page.locator('[data-step="emergency"]').waitFor();
  await emergency.page.check('input[name="q_emergency_signs"][data-option="none"]');
  await emergency.page.click('[data-action="next"]');
  await emergency.page.locator('[data-step="urgent"]').waitFor();
  assert.equal(await emergency.page.locator('[data-triage]').count(), 0);
  assert.deepEqual(page.consoleErrors, []);
  assert.deepEqual(emergency.page.consoleErrors, []);
  await emergency.page.context().close();
  await page.context().close();
});

test('forced colours: the chosen option and the main button stand out', async () => {
  const page = await newPage(shared.chrome, 390);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setEmulatedMedia', { features: [{ name: 'forced-colors', value: 'active' }] });
  await page.goto(shared.server.url + '/');
  await page.click('[data-action="start"]');
  await page.check('input[name="q_emergency_signs"][data-option="none"]');
  assert.equal(await page.evaluate(() => matchMedia('(forced-colors: active)').matches), true);
  const style = (selector) =>
    page
      .locator(selector)
      .first()
      .evaluate((e) => {
        const s = getComputedStyle(e);
        return [s.borderTopWidth, s.borderTopColor, s.backgroundColor, s.color, s.outlineStyle].join(' ');
      });
  const chosen = await style('label.option:has(input:checked)');
  const other = await style('label.option:has(input:not(:checked))');
  assert.notEqual(chosen, other, 'the chosen option differs from the others');
  const primary = await style('[data-action="next"]');
  const secondary = await style('[data-action="back"]');
  assert.notEqual(primary, secondary, 'the main button differs from the others');
  await screenshot(page, 'forced-colors-step-390');
  await page.click('[data-action="next"]');
  await page.check('input[name="q_urgent_signs"][data-option="one_leg_swollen"]');
  await page.click('[data-action="next"]');
  await page.locator('[data-triage]').waitFor();
  await screenshot(page, 'forced-colors-result-390');
  await page.context().close();
});

test("the chart's labels are the result's text size and wrap inside it at 320px with WCAG 1.4.12 text spacing, in both languages", async () => {
  const { page } = await resultPage(320, 'b12-metformin-tingling.json');
  const factors = cliEval(answersFile('b12-metformin-tingling.json'), 'outline').sections.find(
    (section) => section.id === 'factors',
  ).factors;
  for (const lang of ['en', 'es']) {
    await page.evaluate((l) => document.querySelector('b12-cramp-check').setAttribute('lang', l), lang);
    await page.locator(`.b12c[lang="${lang}"] .chart`).waitFor();
    await page.evaluate(addTextSpacing);
    const chart = await page.locator('.chart').evaluate((chart) => {
      const text = getComputedStyle(chart.closest('.result')).fontSize;
      const rows = [...chart.children].map((row) => {
        const [box, bar] = [row.getBoundingClientRect(), row.querySelector('svg').getBoundingClientRect()];
        return {
          factor: row.dataset.factor,
          size: getComputedStyle(row).fontSize,
          overflow: row.scrollWidth - row.clientWidth,
          right: box.right,
          bar,
        };
      });
      return { text, rows, right: chart.getBoundingClientRect().right };
    });
    assert.deepEqual(
      chart.rows.map((row) => row.factor),
      factors.causes.map((cause) => cause.factor),
      `${lang}: a row for each cause of the outline, in its order`,
    );
    for (const row of chart.rows) {
      assert.equal(row.size, chart.text, `${lang}: a label at the text's size`);
      assert.ok(row.overflow <= 0 && row.right <= chart.right, `${lang}: a label inside the chart`);
      assert.ok(row.bar.width > 200 && row.bar.height >= 10, `${lang}: a bar of ${row.bar.width}x${row.bar.height}`);
    }
    const scroll = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.equal(scroll, 0, `${lang}: no sideways scrolling`);
  }
  await screenshot(page, 'result-chart-320-es');
  await page.context().close();
});

test('a long banner heading wraps inside the banner at 320px with WCAG 1.4.12 text spacing', async () => {
  for (const file of ['b12-metformin-tingling.json', 'emergency-early-exit.json', 'self-care-exercise.json']) {
    const { page } = await resultPage(320, file);
    await page.evaluate(addTextSpacing);
    const box = await page.locator('.banner').evaluate((banner) => {
      const heading = banner.querySelector('.title');
      const [b, h] = [banner.getBoundingClientRect(), heading.getBoundingClientRect()];
      return { overflow: heading.scrollWidth - heading.clientWidth, right: b.right - h.right, bannerRight: b.right };
    });
    assert.ok(box.overflow <= 0, `${file}: the heading does not overflow (${box.overflow}px)`);
    assert.ok(box.right >= 0, `${file}: the heading stays inside the banner`);
    assert.ok(box.bannerRight <= 320, `${file}: the banner fits the screen`);
    const scroll = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.equal(scroll, 0, `${file}: no sideways scrolling`);
    await screenshot(page, `result-text-spacing-320-${file.replace('.json', '')}`);
    await page.context().close();
  }
});

test("in an article's column at 320px the banner breaks no word, in either language", async () => {
  for (const lang of ['en', 'es']) {
    for (const result of RESULTS) {
      const page = await newPage(shared.chrome, 320);
      await page.goto(`${shared.server.url}/demo/article.html`);
      const widget = page.locator('b12-cramp-check');
      await widget.evaluate((e, lang) => e.setAttribute('lang', lang), lang);
      await walk(widget, answersFile(result.file));
      await widget.locator('[data-triage]').waitFor();
      // A word is broken when its letters lie on more than one line.
      const broken = await widget.locator('.banner-text').evaluate((text) => {
        const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
        const found = [];
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (const word of node.data.matchAll(/\S+/g)) {
            const range = document.createRange();
            range.setStart(node, word.index);
            range.setEnd(node, word.index + word[0].length);
            const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
            if (lines.size > 1) found.push(word[0]);
          }
        }
        return found;
      });
      assert.deepEqual(broken, [], `${lang}, ${result.name}: words broken across lines`);
      await page.context().close();
    }
  }
});

test('citations: 24px targets, one tab stop a statement, and the way back from a source', async () => {
  const { page } = await resultPage(1280, 'b12-metformin-tingling.json');
  const links = await page.locator('a.cite').all();
  for (const link of links) {
    const box = await link.boundingBox();
    assert.ok(box.width >= 24 && box.height >= 24, `a citation is ${box.width}x${box.height}`);
  }
  // Apart from the text around it.
  const margins = await page
    .locator('a.cite')
    .evaluateAll((as) => as.map((a) => parseFloat(getComputedStyle(a).marginLeft)));
  assert.ok(
    margins.every((m) => m >= 2),
    `margins ${margins}`,
  );
  // One link for a statement's sources, named with their numbers.
  const group = page.locator('a.cite', { hasText: '][' }).first();
  const label = await group.getAttribute('aria-label');
  assert.match(label, /^Sources \d+(, \d+)+$/);
  const statement = group.locator('xpath=..');
  assert.equal(await statement.locator('a.cite').count(), 1, 'one tab stop for the statement');
  // Follow it by keyboard, then go back to where you were.
  await group.focus();
  const href = await group.getAttribute('href');
  await page.keyboard.press('Enter');
  const source = href.slice(1);
  assert.equal(await focused(page, 'id'), source);
  assert.equal(await page.locator(`#${source}`).evaluate((li) => li.getAttribute('value')), label.match(/\d+/)[0]);
  const back = page.locator(`#${source} [data-action="back-to-text"]`);
  assert.equal(await back.isVisible(), true, 'the source shows the way back');
  assert.equal(await page.locator('[data-action="back-to-text"]:visible').count(), 1, 'only there');
  const backBox = await back.boundingBox();
  assert.ok(backBox.height >= 24, `the way back is ${backBox.height}px high`);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal((await focused(page, 'dataset'))?.action, 'back-to-text');
  await page.keyboard.press('Enter');
  assert.equal(await focused(page, 'id'), 'cited', 'back at the citation');
  assert.equal(await focused(page, 'hash'), href);
  assert.ok(await group.isVisible());
  // Another source, reached by Tab rather than from this citation, offers no way back to it.
  const other = page.locator(`[data-section=sources] li:not(#${source}) a[target]`).first();
  await other.focus();
  assert.equal(await page.locator('[data-action="back-to-text"]:visible').count(), 0, 'not from another source');
  // Nothing to go back to before a citation is followed.
  const fresh = await resultPage(1280, 'b12-metformin-tingling.json');
  await fresh.page.locator('#source-1 a[target]').focus();
  assert.equal(await fresh.page.locator('[data-action="back-to-text"]:visible').count(), 0);
  await fresh.page.context().close();
  // The chart is one image named by its title, its values said once in the sentence under it.
  const title = await page.locator('.chart').getAttribute('aria-label');
  assert.match(title, /\w/);
  assert.equal(await page.getByRole('img', { name: title, exact: true }).count(), 1);
  assert.equal(await page.locator('.chart :is(desc, title, [aria-label], [role])').count(), 0);
  assert.match(await page.locator('.chart-summary').innerText(), /^Best fit first: /);
  assert.doesNotMatch(await page.locator('[data-section="factors"]').innerText(), /points/);
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});
