// How long the check takes to read, measured on the standalone page at a phone's size (390 × 844):
// for four paths in each language (chosen with the page's switch), the screens (the intro, each
// step, the result), the words the reader can see on them (closed "Why we ask" texts are not
// seen) and the minutes at 200 words a minute. The table is printed; each language's intro
// promise ("about N minutes", "unos N minutos") must equal its longest path's minutes, rounded
// up, so that the promise cannot drift from the questions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answersFile, servedDistAndBrowser, newPage, walk } from './support.mjs';

const WORDS_PER_MINUTE = 200;
/** Each language, and how its intro states the minutes. */
const LANGUAGES = [
  { lang: 'en', stated: /about (\d+) minutes?/ },
  { lang: 'es', stated: /unos (\d+) minutos?/ },
];
const PATHS = [
  { name: 'emergency', file: 'emergency-early-exit.json' },
  { name: 'same-day', file: 'same-day-statin.json' },
  // `before`: what these paths must beat. This test counted 2,615 and 2,580 words on them in pack
  // 1.1.0 with 9 steps; the issue counted 2,207 and 2,096. The lower figures are the bar.
  { name: 'B12', file: 'b12-metformin-tingling.json', before: 2207 },
  { name: 'self-care', file: 'self-care-exercise.json', before: 2096 },
];

const shared = servedDistAndBrowser();

/**
 * The words the reader can see in the checker now, scrolled or not: text in rendered elements
 * only (not in a closed <details> beyond its summary, not in hidden elements). A word is a
 * whitespace-separated token with a letter or a digit in it.
 */
function visibleWords(page) {
  return page.locator('b12-cramp-check').evaluate((element) => {
    const parts = [];
    const visit = (node) => {
      for (const child of node.childNodes) {
        if (child.nodeType === Node.TEXT_NODE) {
          parts.push(child.textContent);
        } else if (child.nodeType === Node.ELEMENT_NODE) {
          if (['STYLE', 'SCRIPT', 'TEMPLATE'].includes(child.tagName)) continue;
          const details = child.parentElement?.closest('details');
          const inClosedDetails =
            details && !details.open && child.tagName !== 'SUMMARY' && child.parentElement === details;
          if (inClosedDetails) continue;
          if (!child.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true })) continue;
          parts.push(' ');
          visit(child);
          parts.push(' ');
        }
      }
    };
    visit(element.shadowRoot ?? element);
    return parts
      .join('')
      .split(/\s+/)
      .filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
  });
}

const measured = [];

/** The standalone page at a phone's size, in `lang` (through the page's switch). */
async function phonePage(lang) {
  const page = await newPage(shared.chrome, 390, { height: 844 });
  await page.goto(shared.server.url + '/');
  await page.waitForSelector('[data-action="start"]');
  await page.locator('#page-language').selectOption(lang);
  await page.locator(`b12-cramp-check .b12c[lang="${lang}"]`).waitFor();
  return page;
}

for (const { lang } of LANGUAGES)
  for (const path of PATHS) {
    test(`the ${path.name} path's screens, words and minutes (${lang})`, async () => {
      const page = await phonePage(lang);
      const screens = [{ screen: 'intro', words: await visibleWords(page) }];
      await walk(page, answersFile(path.file), async (name) => {
        screens.push({ screen: name, words: await visibleWords(page) });
      });
      await page.locator('[data-triage]').waitFor();
      screens.push({ screen: 'result', words: await visibleWords(page) });
      const words = screens.reduce((sum, s) => sum + s.words, 0);
      const result = screens.at(-1).words;
      const row = {
        lang,
        path: path.name,
        screens: screens.length,
        words,
        asking: words - result,
        result,
        minutes: words / WORDS_PER_MINUTE,
      };
      measured.push(row);
      console.log(`${path.name} (${lang}): ${screens.map((s) => `${s.screen} ${s.words}`).join(', ')}`);
      if (path.before && lang === 'en')
        assert.ok(words < path.before, `${path.name}: ${words} words, fewer than ${path.before}`);
      assert.deepEqual(page.consoleErrors, []);
      await page.context().close();
    });
  }

test("the table, and the intro states the longest path's minutes with Start on the first screen", async () => {
  assert.equal(measured.length, PATHS.length * LANGUAGES.length, 'every path was measured');
  console.table(
    measured.map((r) => ({
      lang: r.lang,
      path: r.path,
      screens: r.screens,
      words: r.words,
      'intro and steps': r.asking,
      result: r.result,
      minutes: r.minutes.toFixed(1),
    })),
  );
  for (const { lang, stated: pattern } of LANGUAGES) {
    const longest = Math.ceil(Math.max(...measured.filter((r) => r.lang === lang).map((r) => r.minutes)));
    const page = await phonePage(lang);
    const start = page.locator('[data-action="start"]');
    const intro = await page.locator('.intro').innerText();
    const stated = intro.match(pattern);
    assert.ok(stated, `${lang}: the intro states the time: ${intro}`);
    assert.equal(
      Number(stated[1]),
      longest,
      `${lang}: the intro says about ${stated[1]} minutes; the longest path takes ${longest}`,
    );
    const box = await start.boundingBox();
    assert.ok(
      box.y + box.height <= 844,
      `${lang}: Start is on the first 390 × 844 screen (its bottom at ${box.y + box.height}px)`,
    );
    await page.context().close();
  }
});
