// Keeping a result, in Debian's Chromium on the standalone page: the share link (round trip, and
// broken links ignored with a notice), the storage audit (nothing stored without the opt-in;
// forgetting removes everything), and the printed summary's PDF text (read with pdftotext).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  OUTPUT,
  servedDistAndBrowser,
  newPage,
  cliEval,
  walk,
  shownResult,
  answersFile,
  storedOnDevice,
  NOTHING,
  nextUntilResult,
  focused,
} from './support.mjs';

const shared = servedDistAndBrowser();

/**
 * The page at `address`, in a new tab or, for a later visit, in `tab`: through a blank page, so
 * that the visit is a new history entry (the same address again would be a reload, which keeps
 * this visit's step and answers).
 */
async function open(address = '/', tab = null) {
  if (tab) await tab.goto('about:blank');
  tab ??= await newPage(shared.chrome, 1280);
  await tab.goto(shared.server.url + address);
  await tab.locator('[data-action="start"], [data-triage]').first().waitFor();
  return tab;
}

const stored = (tab) => storedOnDevice(tab, shared.server.url);

/** The margins Chromium's print dialog gives a page that sets none; Playwright's PDF has none. */
const DIALOG_MARGIN = { top: '1cm', right: '1cm', bottom: '1cm', left: '1cm' };

/**
 * `tab` printed to test-output/print/`name` on `format` paper, as a reader's Print would: its
 * pages and its text with all white space squeezed out (pdftotext breaks lines), which `has`
 * searches.
 */
async function printed(tab, name, format = 'A4') {
  const pdf = await tab.pdf({ format, printBackground: false, margin: DIALOG_MARGIN });
  const dir = join(OUTPUT, 'print');
  await mkdir(dir, { recursive: true });
  const file = join(dir, name);
  await writeFile(file, pdf);
  const text = execFileSync('pdftotext', [file, '-']).toString();
  const pages = text.split('\f').filter((p) => p.trim());
  return {
    text,
    flat: text.replace(/\s+/g, ''),
    first: pages[0].replace(/\s+/g, ''),
    pages: pages.length,
    bytes: pdf.length,
  };
}

const has = (flat, s) => flat.includes(s.replace(/\s+/g, ''));

test('a share link carries the answers in its fragment only, and restores the result', async () => {
  const tab = await open();
  await tab.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: shared.server.url });
  const given = await walk(tab, answersFile('b12-metformin-tingling.json'));
  const shown = await shownResult(tab);
  await tab.click('[data-action="share"]');
  const link = await tab.locator('[data-share-link]').inputValue();
  assert.equal(await tab.evaluate(() => navigator.clipboard.readText()), link, 'the link is on the clipboard');
  const status = tab.locator('[data-section=keep] [role="status"]');
  assert.match(await status.innerText(), /Link copied/);
  // Pressed again, the same words are said again: a new node in the live region, which a
  // screen reader announces (unchanged text is not).
  await status.evaluate((region) => {
    window.saidAgain = 0;
    new MutationObserver((changes) => {
      window.saidAgain += changes.reduce((n, change) => n + change.addedNodes.length, 0);
    }).observe(region, { childList: true, subtree: true, characterData: true });
  });
  await tab.click('[data-action="share"]');
  await tab.waitForFunction(() => window.saidAgain > 0, null, { timeout: 5000 });
  assert.match(await status.innerText(), /Link copied/);
  const url = new URL(link);
  assert.equal(url.search, '', 'nothing in the query, which would reach the server');
  assert.match(url.hash, /^#b12c=[A-Za-z0-9_-]+$/);
  assert.ok(url.hash.length < 60, `compact: ${url.hash}`);
  assert.deepEqual(await stored(tab), NOTHING, 'sharing stores nothing');

  const opened = await newPage(shared.chrome, 1280);
  const requested = [];
  opened.on('request', (r) => requested.push(r.url()));
  await opened.goto(link);
  await opened.locator('[data-triage]').waitFor();
  assert.deepEqual(await shownResult(opened), shown);
  assert.equal(shown.triage, cliEval(given).triage);
  assert.equal(await opened.locator('[data-notice]').getAttribute('data-notice'), 'from-link');
  assert.ok(
    requested.every((r) => !r.includes(url.hash.slice(1))),
    'the answers never go to the server',
  );
  // The link as an app that passed it on may have changed its key: the same answers.
  for (const key of ['B12C=', 'b12c%3D']) {
    const changed = await newPage(shared.chrome, 1280);
    await changed.goto(link.replace('#b12c=', `#${key}`));
    await changed.locator('[data-triage]').waitFor();
    assert.deepEqual(await shownResult(changed), shown, key);
    assert.equal(new URL(changed.url()).hash, '', `${key}: the answers leave the address`);
    await changed.context().close();
  }
  // The restored answers are all there: changing them starts from the first step, kept.
  await opened.click('[data-action="change"]');
  assert.equal(await opened.isChecked('input[name="q_emergency_signs"][data-option="none"]'), true);
  assert.deepEqual(opened.consoleErrors, []);
  await tab.context().close();
  await opened.context().close();
});

test('a malformed, tampered or other-version link is ignored with a visible notice', async () => {
  const tab = await open();
  // A real code to damage: the answers of the same-day path (an emergency offers no sharing).
  await walk(tab, answersFile('same-day-statin.json'));
  await tab.click('[data-action="share"]');
  const code = new URL(await tab.locator('[data-share-link]').inputValue()).hash.slice('#b12c='.length);
  await tab.context().close();

  const bytes = Buffer.from(code, 'base64url');
  const variant = (change) => {
    const b = Buffer.from(bytes);
    change(b);
    return b.toString('base64url');
  };
  const cases = {
    // The last: characters added up to a length no base64 text has (4n + 1).
    'link-damaged': ['not*a*code', code.slice(0, 3), code + 'A'.repeat((5 - (code.length % 4)) % 4 || 4)],
    // The last two: changed header bytes; then a real link made by pack 1.0.
    'link-other-version': [
      variant((b) => {
        b[0] = 9;
      }),
      variant((b) => {
        b[1] ^= 0xff;
      }),
      'ASpn7FCAAoACEAEBAgQQAgE',
    ],
    'link-invalid': [
      // Well formed, but "none" (option 12) ticked with another emergency sign (option 0), as the
      // first question's mask: 1 + 4096 in LEB128.
      Buffer.concat([bytes.subarray(0, 5), Buffer.from([0x81, 0x20])]).toString('base64url'),
      // An onset answer after mouth ulcers only, which do not show the onset question: nine
      // unanswered questions, q_neuro = mouth ulcers (option 4), q_neuro_onset = gradual.
      Buffer.concat([bytes.subarray(0, 5), Buffer.alloc(9), Buffer.from([0x10, 0x01])]).toString('base64url'),
    ],
  };
  for (const [kind, codes] of Object.entries(cases)) {
    for (const bad of codes) {
      const page = await open(`/#b12c=${bad}`);
      assert.equal(await page.locator('[data-notice]').getAttribute('data-notice'), kind, bad);
      assert.equal(await page.locator('[data-action="start"]').count(), 1, 'a fresh start');
      assert.deepEqual(page.consoleErrors, [], 'nothing panics');
      await page.context().close();
    }
  }
  // A changed key marks the answers too: its code lost, or damaged, gets the notice.
  for (const fragment of ['#b12c', '#B12C=not*a*code', '#b12c%3d' + code.slice(0, 3)]) {
    const page = await open(`/${fragment}`);
    assert.equal(await page.locator('[data-notice]').getAttribute('data-notice'), 'link-damaged', fragment);
    assert.equal(new URL(page.url()).hash, '', `${fragment}: it leaves the address`);
    await page.context().close();
  }
});

test('nothing is stored without the opt-in; remembering keeps one key; forgetting removes it', async () => {
  const tab = await open();
  const given = await walk(tab, answersFile('other-cause-walking-pain.json'));
  const shown = await shownResult(tab);
  await tab.click('[data-action="change"]');
  await tab.click('[data-action="back"]');
  await tab.click('[data-action="start"]');
  await nextUntilResult(tab);
  assert.deepEqual(await stored(tab), NOTHING, 'a whole session without the opt-in stores nothing');

  await tab.check('[data-action="remember"]');
  const afterOptIn = await stored(tab);
  assert.deepEqual(Object.keys(afterOptIn.local), ['b12-cramp-check'], 'one key');
  assert.deepEqual({ ...afterOptIn, local: {} }, NOTHING, 'and nothing else');

  // Kept up to date: a changed answer's new result replaces the record, without asking.
  await tab.locator('[data-section="your_answers"] summary').click();
  await tab.click('[data-question="q_age"][data-action="change-answer"]');
  await tab.check('input[name="q_age"][data-option="75_plus"]');
  await nextUntilResult(tab);
  const changed = (await stored(tab)).local['b12-cramp-check'];
  assert.match(changed, /^v1;consented;/);
  assert.notEqual(changed, afterOptIn.local['b12-cramp-check'], 'the latest answers are kept');
  assert.equal(await tab.locator('[data-notice="other-answers-remembered"]').count(), 0);
  // And changed back, the record is the first one again.
  await tab.locator('[data-section="your_answers"] summary').click();
  await tab.click('[data-question="q_age"][data-action="change-answer"]');
  await tab.check('input[name="q_age"][data-option="60_64"]');
  await nextUntilResult(tab);
  assert.deepEqual(await stored(tab), afterOptIn);

  // A new visit resumes with a notice; the reader can forget.
  await open('/', tab);
  assert.equal(await tab.locator('[data-notice]').getAttribute('data-notice'), 'resumed');
  assert.deepEqual(await shownResult(tab), shown);
  assert.equal(shown.triage, cliEval(given).triage);
  await tab.click('[data-action="forget"]');
  assert.match(await tab.locator('[data-section=keep] [role="status"]').innerText(), /no longer stored/);
  // The button is gone; focus stays in the checker, on the box.
  assert.equal(await focused(tab, 'type'), 'checkbox', 'focus does not fall to the page');
  assert.deepEqual(await stored(tab), NOTHING, 'forgetting removes everything');
  await open('/', tab);
  assert.equal(await tab.locator('[data-action="start"]').count(), 1);
  assert.equal(await tab.locator('[data-notice]').count(), 0);
  // Unticking the box forgets too.
  await walk(tab, answersFile('same-day-statin.json'));
  await tab.check('[data-action="remember"]');
  await tab.uncheck('[data-action="remember"]');
  assert.deepEqual(await stored(tab), NOTHING);
  assert.deepEqual(tab.consoleErrors, []);
  await tab.context().close();
});

test('answers changed in a visit that resumed them: the panel shows the new record, also where it comes first', async () => {
  // On the B12 result the keep section is the second: the panel must not read the device
  // before the checker has brought the record up to date.
  const tab = await open();
  await walk(tab, answersFile('b12-metformin-tingling.json'));
  await tab.check('[data-action="remember"]');
  await open('/', tab);
  assert.equal(await tab.locator('[data-notice]').getAttribute('data-notice'), 'resumed');
  await tab.locator('[data-section="your_answers"] summary').click();
  await tab.click('[data-question="q_age"][data-action="change-answer"]');
  await tab.check('input[name="q_age"][data-option="75_plus"]');
  await nextUntilResult(tab);
  assert.equal(await tab.locator('[data-section]').nth(1).getAttribute('data-section'), 'keep');
  const record = (await stored(tab)).local['b12-cramp-check'];
  assert.equal(await tab.locator('[data-notice="other-answers-remembered"]').count(), 0, record);
  assert.equal(await tab.locator('[data-action="remember"]').isChecked(), true);
  assert.equal(await tab.locator('[data-action="forget"]').count(), 1);
  await tab.context().close();
});

test('after Start again, the next answers are not remembered unasked: the next reader may be someone else', async () => {
  const tab = await open();
  await walk(tab, answersFile('b12-metformin-tingling.json'));
  await tab.check('[data-action="remember"]');
  const record = await stored(tab);
  await tab.click('[data-action="restart"]');
  await walk(tab, answersFile('same-day-statin.json'));
  assert.deepEqual(await stored(tab), record, "the first reader's record, untouched");
  // The device remembers other answers, and says so; asked, theirs replace them.
  await tab.locator('[data-notice="other-answers-remembered"]').waitFor();
  await tab.click('[data-action="replace-remembered"]');
  assert.notDeepEqual(await stored(tab), record);
  assert.equal(await tab.locator('[data-notice="other-answers-remembered"]').count(), 0);
  await tab.context().close();
});

test('a browser that refuses to store: the box shows nothing is kept, and the reader is told', async () => {
  const tab = await open();
  await walk(tab, answersFile('other-cause-walking-pain.json'));
  const refuse = (refusing) =>
    tab.evaluate((refusing) => {
      window.__setItem ??= Storage.prototype.setItem;
      Storage.prototype.setItem = refusing
        ? () => {
            throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
          }
        : window.__setItem;
    }, refusing);
  const status = tab.locator('[data-section=keep] [role="status"]');
  const box = tab.locator('[data-action="remember"]');

  await refuse(true);
  await box.click();
  assert.equal(await box.isChecked(), false, 'the tick is undone');
  assert.match(await status.innerText(), /did not store your answers/);
  assert.equal(await tab.locator('[data-action="forget"]').count(), 0);
  assert.deepEqual(await stored(tab), NOTHING);

  // Remembered, then the answers change while storage is full: the device keeps the older
  // answers, the panel says so, and "Remember these instead" reports the refusal.
  await refuse(false);
  await box.check();
  const before = await stored(tab);
  assert.match(await status.innerText(), /^$/);
  await refuse(true);
  await tab.locator('[data-section="your_answers"] summary').click();
  await tab.click('[data-question="q_age"][data-action="change-answer"]');
  await tab.check('input[name="q_age"][data-option="75_plus"]');
  await nextUntilResult(tab);
  assert.deepEqual(await stored(tab), before, 'the older record stays');
  await tab.click('[data-action="replace-remembered"]');
  assert.match(await tab.locator('[data-section=keep] [role="status"]').innerText(), /did not store your answers/);
  assert.equal(await tab.locator('[data-notice="other-answers-remembered"]').count(), 1);
  assert.equal(await tab.locator('[data-action="remember"]').isChecked(), true, 'the older record is still kept');
  assert.deepEqual(await stored(tab), before);
  assert.deepEqual(tab.consoleErrors, []);
  await tab.context().close();
});

test('the printed summary has the date, version, answers in words, result, why, tests and sources', async () => {
  const tab = await open();
  await walk(tab, answersFile('b12-metformin-tingling.json'));
  await tab.locator('[data-triage]').waitFor();
  const expected = await tab.evaluate(() => {
    const checker = document.querySelector('b12-cramp-check').shadowRoot;
    return {
      title: checker.querySelector('.banner .title').textContent,
      // Each answer's words, without its Change button (a control, left off paper).
      answers: [...checker.querySelectorAll('[data-section=your_answers] :is(dt, dd)')].map((e) =>
        [...e.childNodes]
          .filter((n) => n.nodeName !== 'BUTTON')
          .map((n) => n.textContent)
          .join('')
          .trim(),
      ),
      reasons: [...checker.querySelectorAll('.reasons > li > p')].map((e) =>
        e.textContent.replace(/\s*(\[\d+\])+$/, ''),
      ),
      tests: [...checker.querySelectorAll('[data-section=clinician_tests] li')].map((e) =>
        e.textContent.replace(/\s*(\[\d+\])+$/, ''),
      ),
      sources: [...checker.querySelectorAll('[data-section=sources] li a[target]')].map((a) => a.textContent),
      today: new Date().toLocaleDateString('en', { dateStyle: 'long' }),
    };
  });
  assert.ok(expected.tests.length > 0, 'the B12 result lists tests a clinician may consider');
  for (const format of ['A4', 'Letter']) {
    const { text, flat, pages, bytes } = await printed(tab, `b12-summary-${format}.pdf`, format);
    for (const part of [
      'summary for a healthcare professional',
      `Printed on ${expected.today}`,
      'Content version 1.1.9',
      expected.title,
      'Why this result',
      'Your answers',
      // A list's "None of these" says which list: its step's title comes first.
      'Emergency signs: Have you had any of these today, even if they went away? None of these',
      'Tests a healthcare professional may consider',
      'Sources',
      ...expected.answers,
      ...expected.reasons,
      ...expected.tests,
      ...expected.sources,
    ]) {
      assert.ok(has(flat, part), `the ${format} PDF has "${part}"`);
    }
    for (const control of [
      'Print or save as PDF',
      'Copy a link',
      'Change my answers',
      'Start again',
      'Remember my answers',
      'Download this check',
      'Show your answers',
      'Back to the text',
      'Keep this result',
    ]) {
      assert.ok(!has(flat, control), `no "${control}" in print`);
    }
    // Each source with its whole number, 10 and above too (a clinician looks [10] up by it).
    const numbers = [...text.matchAll(/^\s*(\d+)\.\s/gm)].map((m) => Number(m[1]));
    assert.ok(expected.sources.length >= 10, 'a result with two-digit source numbers');
    for (let n = 1; n <= expected.sources.length; n++)
      assert.ok(numbers.includes(n), `source ${n} printed with its number`);
    assert.ok(pages <= 2, `fits on one or two ${format} pages, not ${pages}`);
    console.log(
      `printed summary: ${pages} ${format} page(s), ${bytes} bytes (test-output/print/b12-summary-${format}.pdf)`,
    );
  }
  await tab.context().close();
});

test('a reader who ticked many things, in Spanish (the longer language), prints on one or two pages with every answer', async () => {
  const tab = await open();
  await tab.locator('#page-language').selectOption('es');
  await tab.locator('b12-cramp-check .b12c[lang="es"]').waitFor();
  const given = answersFile('b12-many-ticked.json');
  assert.ok(Object.values(given).flat().length >= 45, 'most lists have several ticks');
  await walk(tab, given);
  await tab.locator('[data-triage]').waitFor();
  const { record, quoted, disclaimer } = await tab.evaluate(() => {
    const root = document.querySelector('b12-cramp-check').shadowRoot;
    const texts = (selector) => [...root.querySelectorAll(selector)].map((e) => e.textContent);
    return {
      // Each question and its answer, without the Change button that paper leaves out.
      record: [...root.querySelectorAll('[data-section=your_answers] dt')].map(
        (dt) => dt.textContent + dt.nextElementSibling.firstChild.textContent,
      ),
      quoted: texts('.reasons .answers li'),
      disclaimer: root.querySelector('.disclaimer').textContent,
    };
  });
  assert.ok(record.length > 20 && quoted.length > 10, `${record.length} answers, ${quoted.length} quoted in reasons`);
  for (const format of ['A4', 'Letter']) {
    const { flat, first, pages } = await printed(tab, `b12-summary-es-${format}.pdf`, format);
    assert.ok(has(flat, 'resumen para un profesional de la salud'), `the ${format} PDF is the summary`);
    for (const answer of record) assert.ok(has(flat, answer), `the ${format} PDF has "${answer}"`);
    // Under each reason, the answers behind it run on as one line of text, each named once.
    for (const answer of quoted) assert.ok(has(flat, answer.replace(/^Usted respondió: /, '')), answer);
    assert.ok(has(first, disclaimer), `what the summary is not is on the first ${format} page`);
    assert.ok(!has(flat, 'Nada de lo que responde sale de este dispositivo'), 'no privacy line for the reader');
    assert.ok(pages <= 2, `fits on one or two ${format} pages, not ${pages}`);
    console.log(`printed summary (es, ${record.length} answers): ${pages} ${format} page(s)`);
  }
  assert.deepEqual(tab.consoleErrors, []);
  await tab.context().close();
});

test("Print on a publisher's page prints the summary alone, and then the page prints as itself", async () => {
  const tab = await open('/demo/article.html');
  const widget = tab.locator('b12-cramp-check');
  await walk(widget, answersFile('b12-metformin-tingling.json'));
  const title = await widget.locator('.banner .title').innerText();
  // The dialog cannot be driven: print() is held open while the page is printed to a PDF.
  await tab.evaluate(() => {
    window.print = () => {
      window.__printing = true;
    };
  });
  const answers = widget.locator('[data-section=your_answers] details');
  assert.equal(await answers.evaluate((details) => details.open), false, 'the answers collapsed on screen');
  await widget.locator('[data-action="print"]').click();
  assert.equal(await tab.evaluate(() => window.__printing), true);
  // Open for the print (which a browser's print() starts with `beforeprint`), also where the
  // browser has no `::details-content` to open them.
  await tab.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  assert.equal(await answers.evaluate((details) => details.open), true, 'the answers open on paper');
  const summary = await printed(tab, 'article-summary-A4.pdf');
  assert.ok(has(summary.flat, 'summary for a healthcare professional'));
  assert.ok(has(summary.flat, title), title);
  for (const article of ['Does vitamin B12 help with muscle cramps?', 'Check your own situation']) {
    assert.ok(!has(summary.flat, article), `no "${article}" around the summary`);
  }
  assert.ok(summary.pages <= 2, `one or two pages, not ${summary.pages}`);
  // The dialog closes: the page is as it was, and prints as the article.
  await tab.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  assert.equal(await widget.getAttribute('data-b12c-printing'), null);
  assert.equal(await answers.evaluate((details) => details.open), false, 'collapsed again');
  const page = await printed(tab, 'article-page-A4.pdf');
  assert.ok(has(page.flat, 'Does vitamin B12 help with muscle cramps?'));
  console.log(`printed from the article: the summary on ${summary.pages} A4 page(s); the page on ${page.pages}`);
  assert.deepEqual(tab.consoleErrors, []);
  await tab.context().close();
});
