// The no-script embed in Debian's Chromium: dist/frame.html in an iframe sandboxed as the README
// recommends, on a host page of another origin, without and with the resize helper
// (dist/frame-resize.js): the query, a whole check, nothing stored, the height protocol and its
// origin checks both ways, and what each sandbox flag is for.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DIST,
  serve,
  browser,
  newPage,
  cliEval,
  walk,
  shownResult,
  answersFile,
  storedOnDevice,
  NOTHING,
  collectViolations,
  walkTo,
} from './support.mjs';

// README: Without scripts: the iframe embed.
const SANDBOX =
  'allow-scripts allow-popups allow-popups-to-escape-sandbox allow-modals allow-top-navigation-by-user-activation';
const SELECTOR = 'iframe[data-b12-cramp-check]';
const HELPER_BUDGET = 1024;
/**
 * frame.js at the default font size: the room it leaves for what an answer adds to a screen,
 * and the step its heights are rounded up to (25rem and 10rem).
 */
const ROOM = 400;
const STEP = 160;

let frameSite;
let hostSite;
let otherSite;
let chrome;
const hostPages = { '/sibling.html': { body: '<!doctype html><title>Sibling</title>' } };
before(async () => {
  // The frame's own site: a sandboxed frame has an opaque origin, so its module scripts and
  // wasm are cross-origin requests there and need the CORS header (README).
  frameSite = await serve(DIST, { 'access-control-allow-origin': '*' });
  hostSite = await serve(DIST, {}, hostPages);
  // A third origin, for windows that must not be heard.
  otherSite = await serve(DIST, {}, { '/other.html': { body: '<!doctype html><title>Other</title>' } });
  chrome = await browser();
});
after(async () => {
  await chrome?.close();
  for (const site of [frameSite, hostSite, otherSite]) await site?.close();
});

/** The iframe as the README's snippet has it, with this query, sandbox, allow and height. */
const iframe = ({ query = '', sandbox = SANDBOX, allow = 'clipboard-write', height = 600 } = {}) =>
  `<iframe data-b12-cramp-check src="${frameSite.url}/frame.html${query}" sandbox="${sandbox}" allow="${allow}"
     title="B12 and muscle cramps check" loading="lazy" referrerpolicy="no-referrer"
     style="display: block; width: 100%; height: ${height}px; border: 0"></iframe>`;
const helper = () => `<script src="${frameSite.url}/frame-resize.js" defer></script>`;
/**
 * Windows that must not be heard: a frame of another origin, a sandboxed one (origin 'null', as
 * the checker's is), and one of the host's own origin that is not the checker's parent.
 */
const OTHERS = ['other', 'sandboxed-other', 'sibling'];
const others = () =>
  `<iframe id="other" src="${otherSite.url}/other.html" title="Other"></iframe>
   <iframe id="sandboxed-other" sandbox="allow-scripts" src="${otherSite.url}/other.html" title="Other"></iframe>
   <iframe id="sibling" src="/sibling.html" title="Sibling"></iframe>`;
const otherFrame = async (tab, id) => (await tab.$(`#${id}`)).contentFrame();

/** The host page: every message its window receives, and whether the checker's frame sent it. */
function recordMessages() {
  if (window !== top) return;
  window.__messages = [];
  addEventListener(
    'message',
    (event) => {
      const checker = document.querySelector('iframe[data-b12-cramp-check]');
      window.__messages.push({
        fromChecker: event.source === checker?.contentWindow,
        origin: event.origin,
        data: event.data,
      });
    },
    true,
  );
}

let pageCount = 0;
/**
 * A host page with `body` on the host site, open in a new tab (`width` px wide) with its console
 * collected, or in `tab` again at that width; resolves once the checker in the frame shows
 * `ready` (its intro unless given; null: at once). `frame()` is the checker's frame.
 */
async function openHost(body, { width = 1000, tab, ready = '[data-action="start"]' } = {}) {
  const path = `/host-${++pageCount}.html`;
  hostPages[path] = {
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Article</title></head>
      <body><h1>Does vitamin B12 help with muscle cramps?</h1>${body}<p>The rest of the article.</p></body></html>`,
  };
  if (tab) {
    await tab.setViewportSize({ width, height: 900 });
  } else {
    tab = await newPage(chrome, width);
    tab.console = [];
    tab.on('console', (m) => tab.console.push(`${m.type()}: ${m.text()}`));
    await tab.addInitScript(recordMessages);
    await tab.addInitScript(collectViolations);
  }
  await tab.goto(hostSite.url + path);
  const checker = tab.frameLocator(SELECTOR);
  if (ready) await checker.locator(ready).waitFor();
  const frame = () => tab.frames().find((f) => f.url().startsWith(`${frameSite.url}/frame.html`));
  return { tab, checker, frame };
}

const frameHeight = (tab) => tab.locator(SELECTOR).evaluate((e) => e.getBoundingClientRect().height);
const contentHeight = (frame) =>
  frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
const messagesHeard = (tab) => tab.evaluate(() => window.__messages);
/** The languages of the frame page's own words (the checker's fallback) that are not hidden. */
const fallbackLanguages = (frame) =>
  frame.evaluate(() => [...document.querySelectorAll('[data-words]')].filter((w) => !w.hidden).map((w) => w.lang));

/**
 * Waits until the iframe holds its content without scrolling inside, with less than the room
 * and a step to spare; resolves to its height.
 */
async function fitted(tab, frame) {
  for (let tries = 0; tries < 50; tries++) {
    const [outer, inner] = [await frameHeight(tab), await contentHeight(frame)];
    const scrolls = await frame.evaluate(() => document.documentElement.scrollHeight > innerHeight);
    if (outer >= inner && outer < inner + ROOM + STEP && !scrolls) return outer;
    await tab.waitForTimeout(100);
  }
  assert.fail(`the iframe (${await frameHeight(tab)} px) never fitted its content (${await contentHeight(frame)} px)`);
}

test('without the helper, the checker runs in the sandboxed frame as its query says, at the host height, storing nothing', async () => {
  const { tab, checker, frame } = await openHost(iframe({ query: '?lang=es&region=eu&theme=dark' }));
  assert.equal(await checker.locator('[data-action="start"]').innerText(), 'Empezar');
  assert.match(await checker.locator('.intro').innerText(), /\b112\b/);
  assert.equal(await checker.locator('[data-theme]').getAttribute('data-theme'), 'dark');
  assert.equal(await frame().evaluate(() => document.documentElement.lang), 'es');
  assert.deepEqual(await fallbackLanguages(frame()), ['es'], 'the fallback in the query\u2019s language');
  assert.equal(
    await checker.locator('h1').count(),
    1,
    'the checker is the frame document\u2019s content: its heading is h1',
  );

  const given = await walk(checker, answersFile('same-day-statin.json'));
  const shown = await shownResult(checker);
  assert.equal(shown.triage, cliEval(given).triage);
  assert.equal(await frameHeight(tab), 600, 'the host\u2019s height stays; the frame scrolls inside');
  assert.ok((await contentHeight(frame())) > 600, 'the result is taller than the frame');

  // An opaque origin has no storage at all: Remember says so instead of being offered.
  assert.equal(
    await frame().evaluate(() => {
      try {
        return typeof localStorage;
      } catch (error) {
        return error.name;
      }
    }),
    'SecurityError',
  );
  assert.match(
    await checker.locator('[data-notice="no-remember-without-storage"]').innerText(),
    /no puede guardar nada en este dispositivo/,
  );
  assert.equal(await checker.locator('[data-action="remember"]').count(), 0);
  assert.deepEqual(await storedOnDevice(tab, hostSite.url), NOTHING);
  assert.deepEqual(await tab.context().storageState(), { cookies: [], origins: [] }, 'no cookie, nothing stored');

  assert.deepEqual(await messagesHeard(tab), [], 'ungreeted, the frame says nothing');
  assert.deepEqual(await frame().evaluate(() => window.__violations), [], 'no policy violation in the frame');
  assert.deepEqual(tab.consoleErrors, []);
  assert.deepEqual(tab.external, []);
  await tab.context().close();
});

test('with the helper, the iframe follows the content, and the host hears only heights', async () => {
  const { tab, checker, frame } = await openHost(iframe({ query: '?lang=en&region=uk', height: 300 }) + helper());
  const intro = await fitted(tab, frame());
  const steps = [];
  await walk(checker, answersFile('b12-metformin-tingling.json'), async () => steps.push(await fitted(tab, frame())));
  await checker.locator('[data-triage]').waitFor();
  const result = await fitted(tab, frame());
  console.log(`frame heights: intro ${intro} px, steps ${steps.join(', ')} px, result ${result} px`);
  assert.ok(new Set(steps).size > 1, 'the height changes between steps');
  assert.ok(result > Math.max(intro, ...steps), 'the frame grows on the result');

  const heard = await messagesHeard(tab);
  assert.ok(heard.length >= 2 && heard.length <= steps.length + 2, `${heard.length} messages`);
  for (const message of heard) {
    assert.deepEqual(
      { ...message, data: Object.keys(message.data) },
      { fromChecker: true, origin: 'null', data: ['b12cFrameHeight'] },
      'only the frame speaks, and only of its height',
    );
    assert.ok(Number.isInteger(message.data.b12cFrameHeight / STEP), `coarse: ${JSON.stringify(message)}`);
  }
  assert.deepEqual(tab.consoleErrors, []);
  await tab.context().close();
});

/**
 * Answers that bring more onto their own step (a notice or a follow-up question), in step order;
 * two with their follow-up's answer that brings a red-flag notice too (one ticked by keyboard).
 * These pairs add more than ROOM on a narrow phone (over 500 px at 280 and 320 px wide).
 */
const GROWING = [
  [['q_emergency_signs', 'chest_pain_or_breathless']],
  [['q_urgent_signs', 'one_leg_swollen']],
  [['q_age', 'under_18']],
  [['q_neuro', 'balance_problems']],
  [
    ['q_neuro', 'vision_changes', 'keyboard'],
    ['q_neuro_onset', 'sudden_or_rapidly_worsening'],
  ],
  [
    ['q_other_meds', 'statin'],
    ['q_statin_muscle', 'yes'],
  ],
];

test('with the helper, an answer that brings in a follow-up question or a notice sends the host no new height', async () => {
  let tab;
  const outgrown = [];
  // On phones, where they add the most, in both languages.
  for (const [lang, width] of [
    ['en', 280],
    ['es', 280],
    ['en', 320],
    ['es', 320],
  ]) {
    const host = await openHost(iframe({ query: `?lang=${lang}&region=uk`, height: 300 }) + helper(), { width, tab });
    const { checker, frame } = host;
    tab = host.tab;
    /** The heights the host heard since the last call, once the frame has been quiet a while. */
    const heard = async () => {
      await tab.waitForTimeout(400);
      return tab.evaluate(() => window.__messages.splice(0).map((m) => m.data.b12cFrameHeight));
    };
    const content = () => contentHeight(frame());
    const toggle = async (input, keyboard) => {
      if (!keyboard) return (await input.isChecked()) ? input.uncheck() : input.check();
      await input.focus();
      await tab.keyboard.press('Space');
    };
    const input = (question, option) => checker.locator(`input[name="${question}"][data-option="${option}"]`);
    await checker.locator('[data-action="start"]').click();
    for (const answers of GROWING) {
      const where = `${lang} at ${width} px, ${answers.map(([question, option]) => `${question}=${option}`).join(', ')}`;
      await walkTo(checker, answersFile('b12-metformin-tingling.json'), answers[0][0]);
      const height = await fitted(tab, frame());
      await heard();
      const start = await content();
      for (const [question, option, keyboard] of answers) {
        const before = await content();
        await toggle(input(question, option), keyboard);
        await frame().waitForFunction((was) => document.documentElement.getBoundingClientRect().height > was, before);
        const added = `${lang} at ${width} px: ${question}=${option} added ${(await content()) - before} px`;
        assert.deepEqual(await heard(), [], `${added}: no new height`);
        assert.equal(await frameHeight(tab), height, added);
      }
      if ((await content()) > height) outgrown.push(`${where}: ${(await content()) - start} px`);
      // Nor does greeting the frame again, as a host asking after each answer would (tried
      // after the pairs, where a new measure would differ the most).
      if (answers.length > 1) {
        await tab.evaluate(
          (selector) => document.querySelector(selector).contentWindow.postMessage({ b12cFrameHello: 1 }, '*'),
          SELECTOR,
        );
        assert.deepEqual(await heard(), [height], `${where}: a greeting hears the height already sent`);
      }
      // Taking the first answer back (with what it brought in) sends nothing either.
      const [question, option, keyboard] = answers[0];
      if ((await input(question, option).getAttribute('type')) === 'checkbox') {
        await toggle(input(question, option), keyboard);
        await frame().waitForFunction((was) => document.documentElement.getBoundingClientRect().height <= was, start);
        assert.deepEqual(await heard(), [], `${where}, taken back: no new height`);
        assert.equal(await frameHeight(tab), height);
      }
    }
  }
  // Where the frame once sent a height, as the content no longer fitted; it now scrolls inside.
  console.log(`outgrew the room: ${outgrown.join('; ')}`);
  assert.ok(outgrown.length > 0, 'some answers outgrow the room on a narrow phone, so this tests that case');
  assert.deepEqual(tab.consoleErrors, []);
  await tab.context().close();
});

test('with the helper, a frame whose address cannot be read or has no origin stops no other frame from being sized', async () => {
  const broken = ['http://[bad', 'about:blank', 'data:text/html,x']
    .map((src) => `<iframe data-b12-cramp-check src="${src}" title="Broken"></iframe>`)
    .join('');
  const { tab } = await openHost(broken + iframe({ height: 300 }) + helper(), { ready: null });
  // The checker's frame, after the broken ones, is sized to its content (it starts at 300 px).
  await tab.waitForFunction(
    (selector) =>
      /^\d+px$/.test(document.querySelectorAll(selector)[3].style.height) &&
      document.querySelectorAll(selector)[3].style.height !== '300px',
    SELECTOR,
    { timeout: 15_000 },
  );
  await tab.context().close();
});

// Sandbox tokens are ASCII case-insensitive: the browser gives the frame its origin either way.
for (const token of ['allow-same-origin', 'Allow-Same-Origin']) {
  test(`with the helper, a frame with ${token} is sized too, heard from its own origin`, async () => {
    const { tab, checker, frame } = await openHost(iframe({ sandbox: `${SANDBOX} ${token}`, height: 300 }) + helper());
    const intro = await fitted(tab, frame());
    await checker.locator('[data-action="start"]').click();
    await checker.locator('[data-step]').waitFor();
    assert.notEqual(await fitted(tab, frame()), intro);
    const origins = new Set((await messagesHeard(tab)).map((m) => m.origin));
    assert.deepEqual([...origins], [frameSite.url]);
    // It has its own origin's storage, which Remember needs (README: the trade-off).
    assert.equal(await frame().evaluate(() => typeof localStorage), 'object');
    await tab.context().close();
  });
}

test('the helper takes no height from another window, and the frame answers no greeting but its parent\u2019s', async () => {
  const forge = (window) => window.evaluate(() => parent.postMessage({ b12cFrameHeight: 4321 }, '*'));
  // With the helper: forged heights from the other windows and the host's own are ignored.
  {
    const { tab, frame } = await openHost(iframe() + others() + helper());
    const height = await fitted(tab, frame());
    for (const id of OTHERS) await forge(await otherFrame(tab, id));
    await forge(tab);
    await tab.waitForTimeout(300);
    assert.equal(await frameHeight(tab), height, 'no forged height is applied');
    // The same message from the checker's own window is taken: what the others lacked was
    // the right window.
    await frame().evaluate(() => parent.postMessage({ b12cFrameHeight: 777 }, '*'));
    await tab.waitForFunction((selector) => document.querySelector(selector).style.height === '777px', SELECTOR);
    await tab.context().close();
  }
  // Without the helper: greetings from other windows get no height, even as the content changes.
  {
    const { tab, checker } = await openHost(iframe() + others());
    for (const id of OTHERS) {
      await (await otherFrame(tab, id)).evaluate(() => parent[0].postMessage({ b12cFrameHello: 1 }, '*'));
    }
    await checker.locator('[data-action="start"]').click();
    await checker.locator('[data-step]').waitFor();
    await tab.waitForTimeout(300);
    assert.deepEqual(await messagesHeard(tab), [], 'no reply to a greeting from another window');
    // The same greeting from the parent is answered: what the others lacked was being the parent.
    // Even just after an answer, which sends no new height: the host has none yet.
    await checker.locator('input[name="q_emergency_signs"][data-option="none"]').check();
    await tab.evaluate(
      (selector) => document.querySelector(selector).contentWindow.postMessage({ b12cFrameHello: 1 }, '*'),
      SELECTOR,
    );
    await tab.waitForFunction(() => window.__messages.length > 0);
    assert.deepEqual(Object.keys((await messagesHeard(tab))[0].data), ['b12cFrameHeight']);
    await tab.context().close();
  }
});

/** The recommended sandbox without `flags`. */
const without = (...flags) =>
  SANDBOX.split(' ')
    .filter((flag) => !flags.includes(flag))
    .join(' ');

test('each recommended sandbox flag and permission is what a feature needs in the frame', async () => {
  // Chromium's console line when the sandbox stops a feature.
  const blocked = {
    checker:
      /Blocked script execution in .* because the document's frame is sandboxed and the 'allow-scripts' permission is not set/,
    call: /Navigation to external protocol blocked by sandbox/,
    print: /Ignored call to 'print\(\)'. The document is sandboxed, and the 'allow-modals' keyword is not set/,
    source: /Blocked opening .* in a new window because the request was made in a sandboxed frame/,
  };
  // Without allow-scripts nothing runs: the frame shows its own words, the checker's fallback.
  {
    const { tab, checker } = await openHost(iframe({ query: '?region=uk', sandbox: without('allow-scripts') }), {
      ready: '.b12c-loading p[lang="en"]',
    });
    for (let tries = 0; tries < 50 && !tab.console.some((line) => blocked.checker.test(line)); tries++) {
      await tab.waitForTimeout(100);
    }
    assert.ok(
      tab.console.some((line) => blocked.checker.test(line)),
      `without allow-scripts: ${tab.console.join(' | ')}`,
    );
    assert.equal(await checker.locator('[data-action="start"]').count(), 0);
    await tab.context().close();
  }
  // Each other flag dropped in turn. In Chromium the number to call (tel:) needs allow-popups or
  // allow-top-navigation-by-user-activation, either one (README: the sandbox).
  const all = { call: true, print: true, source: true, escapes: true, clipboard: true };
  // The first run's query has a campaign tag besides the frame's keys, an odd theme and a second
  // lang; the others open the link that run gave: its query keeps only the frame's keys, so it
  // opens with the UK's numbers.
  let link = '';
  for (const [sandbox, allow, works] of [
    [SANDBOX, 'clipboard-write', all],
    [without('allow-popups'), 'clipboard-write', { ...all, source: false }],
    [without('allow-popups-to-escape-sandbox'), 'clipboard-write', { ...all, escapes: false }],
    [without('allow-modals'), 'clipboard-write', { ...all, print: false }],
    [without('allow-top-navigation-by-user-activation'), 'clipboard-write', all],
    [
      without('allow-popups', 'allow-top-navigation-by-user-activation'),
      'clipboard-write',
      { ...all, source: false, call: false },
    ],
    [SANDBOX, '', { ...all, clipboard: false }],
  ]) {
    // A whole check the first time; then its result from the link it gave, which is quicker.
    const query = link ? link.slice(link.indexOf('?')) : '?utm_source=news&region=uk&lang=en&theme=reader-8841&lang=x';
    const { tab, checker } = await openHost(iframe({ query, sandbox, allow }), {
      ready: link ? '[data-triage]' : undefined,
    });
    if (!link) await walk(checker, answersFile('same-day-statin.json'));
    await checker.locator('[data-triage]').waitFor();
    assert.equal(await checker.locator('[data-triage] a[href^="tel:"]').first().getAttribute('href'), 'tel:111');
    // The source's page, served here: sandboxed like the frame, it has an opaque origin.
    const source = checker.locator('[data-section] ol a[target="_blank"]').first();
    const href = await source.getAttribute('href');
    await tab.context().route(
      (url) => url.href === href,
      (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Source</title>' }),
    );
    const popups = [];
    tab.context().on('page', (popup) => popups.push(popup));
    // On the result: a source (a new window), Print, the link on the clipboard, and last the
    // number to call (tel:; headless Chromium then waits on a prompt no one can see).
    await source.click();
    await checker.locator('[data-action="print"]').click();
    await checker.locator('[data-action="share"]').click();
    // The link's field and the status appear together, once the clipboard has answered.
    await checker.locator('[data-share-link]').waitFor();
    const status = await checker.locator('[data-section=keep] [role="status"]').innerText();
    const given = await checker.locator('[data-share-link]').inputValue();
    await checker.locator('[data-triage] a[href^="tel:"]').first().click();
    await tab.waitForTimeout(300);
    const context = `sandbox="${sandbox}" allow="${allow}"`;
    for (const [feature, message] of Object.entries(blocked)) {
      const stopped = tab.console.some((line) => message.test(line));
      assert.equal(
        stopped,
        feature in works && !works[feature],
        `${feature} with ${context}: ${tab.console.join(' | ')}`,
      );
    }
    assert.equal(popups.length, works.source ? 1 : 0, `the source opens in a new window with ${context}`);
    if (works.source) {
      await popups[0].waitForLoadState();
      const origin = await popups[0].evaluate(() => window.origin);
      assert.equal(origin === 'null', !works.escapes, `the source\u2019s page with ${context}: origin ${origin}`);
    }
    assert.match(status, works.clipboard ? /^Link copied/ : /^Copy this link/, `the link with ${context}`);
    // Each of the frame's keys once, with the value the checker took (an unknown theme falls
    // back to auto), never the address's own text.
    assert.match(given, /\/frame\.html\?lang=en&region=uk&theme=auto#b12c=[\w-]+$/);
    link ||= given;
    await tab.context().close();
  }
});

test('a bad query value falls back with a warning; other query keys are ignored; es_ES is Spanish', async () => {
  const { tab, checker, frame } = await openHost(
    iframe({ query: '?region=mars&lang=xx-&share-answers=&history=&heading-level=6' }),
  );
  assert.ok(
    tab.console.some((line) => /^warning: b12-cramp-check: unknown region="mars"/.test(line)),
    tab.console.join(' | '),
  );
  assert.ok(tab.console.some((line) => /^warning: b12-cramp-check: no texts for lang="xx-"/.test(line)));
  const element = await frame().evaluate(() =>
    Object.fromEntries([...document.querySelector('b12-cramp-check').attributes].map((a) => [a.name, a.value])),
  );
  assert.equal(element['heading-level'], '1');
  for (const ignored of ['share-answers', 'history']) assert.ok(!(ignored in element), ignored);
  assert.equal(await frame().evaluate(() => document.documentElement.lang), 'en', 'no malformed page language');
  assert.deepEqual(await fallbackLanguages(frame()), ['en'], 'the fallback in English');
  assert.equal(await frame().evaluate(() => document.title), 'B12 and muscle cramps check');
  assert.equal(await checker.locator('[data-privacy]').getAttribute('data-privacy'), 'private');
  assert.equal(await checker.locator('[data-action="start"]').innerText(), 'Start');
  // An underscore, which the element takes, makes the page's language too.
  {
    const { checker, frame } = await openHost(iframe({ query: '?lang=es_ES' }), { tab });
    assert.equal(await checker.locator('[data-action="start"]').innerText(), 'Empezar');
    assert.equal(await frame().evaluate(() => document.documentElement.lang), 'es-ES');
    assert.deepEqual(await fallbackLanguages(frame()), ['es'], 'the fallback in Spanish');
    assert.equal(await frame().evaluate(() => document.title), 'Cuestionario sobre B12 y calambres');
  }
  await tab.context().close();
});

test('the frame page pins the element\u2019s bundle, and the helper is at most 1 KB', () => {
  const page = readFileSync(join(DIST, 'frame.html'), 'utf8');
  const integrity = page.match(/src="embed\/b12-cramp-check\.js" integrity="([^"]+)"/)?.[1];
  const bundle = readFileSync(join(DIST, 'embed/b12-cramp-check.js'));
  assert.equal(integrity, `sha384-${createHash('sha384').update(bundle).digest('base64')}`);
  const policy = page.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1] ?? '';
  assert.match(policy, /require-trusted-types-for 'script'; trusted-types 'none'/);
  assert.doesNotMatch(policy, /unsafe-inline/);
  assert.doesNotMatch(page, /<script(?![^>]*\bsrc=)/, 'no inline script');
  const size = readFileSync(join(DIST, 'frame-resize.js')).length;
  console.log(`frame-resize.js: ${size} B (budget ${HELPER_BUDGET} B)`);
  assert.ok(size <= HELPER_BUDGET, `the helper is ${size} B`);
});
