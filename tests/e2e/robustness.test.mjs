// Robustness end to end, in Debian's Chromium: a trap inside the wasm (through the loader's test
// build, and through a host script that removes the checker's nodes), a page that rewrites the
// checker's text nodes the way browser translation does, hostile hosts (the element name taken,
// a shadow root already there, throwing proxies, huge inputs, frozen and polluted prototypes,
// `window.self` replaced), and heavy use (20 instances, 1,000 fast clicks, 200 add/remove
// cycles, rapid attribute changes) with memory figures printed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DIST,
  ROOT,
  servedDistAndBrowser,
  newPage,
  cliEval,
  walk,
  answerShown,
  pressNext,
  shownResult,
  answersFile,
  focused,
} from './support.mjs';

const EMBED = '<script type="module" src="/embed/b12-cramp-check.js"></script>';
// The loader built with its test hooks (`window.__b12cTest`), next to the same wasm.
const TEST_EMBED = '<script type="module" src="/embed/b12-cramp-check.test.js"></script>';
const FALLBACK =
  '<p class="fallback">If you think you may be having a medical emergency, call your local emergency number now.</p>';
const page = (body, head = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title>${head}</head><body>${body}</body></html>`;
const script = (source) => ({ body: source, headers: { 'content-type': 'text/javascript' } });

const pages = {
  '/embed/b12-cramp-check.test.js': script(readFileSync(join(ROOT, 'target/test-embed/b12-cramp-check.test.js'))),
  '/two.html': {
    body: page(
      `<b12-cramp-check id="a">${FALLBACK}</b12-cramp-check><b12-cramp-check id="b">${FALLBACK}</b12-cramp-check>${TEST_EMBED}`,
    ),
  },
  '/taken.js': script(`customElements.define('b12-cramp-check', class extends HTMLElement {});`),
  '/taken.html': {
    body: page(`<b12-cramp-check id="w">${FALLBACK}</b12-cramp-check>${EMBED}`, '<script src="/taken.js"></script>'),
  },
  '/root-first.js': script(
    `document.addEventListener('DOMContentLoaded', () => document.querySelector('#w').attachShadow({ mode: 'open' }).innerHTML = '<p>the page\\'s own root</p>');`,
  ),
  '/root-first.html': {
    body: page(
      `<b12-cramp-check id="w">${FALLBACK}</b12-cramp-check><b12-cramp-check id="ok"></b12-cramp-check>${EMBED}`,
      '<script src="/root-first.js"></script>',
    ),
  },
  '/declarative.html': {
    body: page(
      `<b12-cramp-check id="w"><template shadowrootmode="open"><p>declared by the page</p></template>${FALLBACK}</b12-cramp-check><b12-cramp-check id="ok"></b12-cramp-check>${EMBED}`,
    ),
  },
  '/frozen.js': script(`Object.prototype.polluted = 'q_age'; Array.prototype.extra = 'none';
    Object.defineProperty(Object.prototype, 'q_neuro', { value: ['balance_problems'], enumerable: true });
    Object.freeze(Object.prototype); Object.freeze(Array.prototype); Object.freeze(Function.prototype);`),
  '/frozen.html': {
    body: page(`<b12-cramp-check id="w">${FALLBACK}</b12-cramp-check>${EMBED}`, '<script src="/frozen.js"></script>'),
  },
  '/self.js': script(`window.self = { replaced: true };`),
  '/self.html': {
    body: page(`<b12-cramp-check id="w">${FALLBACK}</b12-cramp-check>${EMBED}`, '<script src="/self.js"></script>'),
  },
  '/twenty.html': {
    body: page(
      Array.from({ length: 20 }, (_, i) => `<b12-cramp-check id="w${i}"></b12-cramp-check>`).join('') + TEST_EMBED,
    ),
  },
  '/empty.html': { body: page(TEST_EMBED) },
  '/history.html': { body: page(`<b12-cramp-check history>${FALLBACK}</b12-cramp-check>${TEST_EMBED}`) },
};

const shared = servedDistAndBrowser(DIST, pages);

/** A page with its console errors, unhandled rejections and uncaught errors collected. */
async function open(path, width = 1280, options = {}) {
  const tab = await newPage(shared.chrome, width, options);
  tab.rejections = [];
  await tab.exposeFunction('__rejected', (reason) => tab.rejections.push(reason));
  await tab.addInitScript(() =>
    addEventListener('unhandledrejection', (e) => window.__rejected(String(e.reason?.stack ?? e.reason))),
  );
  await tab.goto(shared.server.url + path);
  return tab;
}

/** Answers the questions of the current step in `widget` with those of `file`, then Next. */
async function answerStep(widget, file) {
  await answerShown(widget, answersFile(file), {});
  await pressNext(widget);
}

const stepOf = (widget) => widget.locator('[data-step]').getAttribute('data-step');

test('a trap restarts every checker on the page with its answers, and later elements still mount', async () => {
  const tab = await open('/two.html');
  const a = tab.locator('#a');
  const b = tab.locator('#b');
  for (const widget of [a, b]) await widget.locator('[data-action="start"]').click();
  await answerStep(a, 'b12-metformin-tingling.json');
  await answerStep(a, 'b12-metformin-tingling.json');
  await answerStep(b, 'self-care-exercise.json');
  assert.deepEqual([await stepOf(a), await stepOf(b)], ['age', 'urgent']);
  // The reader is in b: focus on its new step's heading (moved there in the next frame).
  await tab.waitForFunction(() => document.activeElement?.id === 'b');

  // An attribute changed between the fault and the restart reaches the restarted checker, not
  // the stopped one.
  await tab.evaluate(() => {
    window.__b12cTest.trap();
    document.querySelector('#a').setAttribute('heading-level', '3');
  });
  for (const widget of [a, b]) await widget.locator('[data-notice="restarted"]').waitFor();
  assert.equal(await a.locator('h3.title').count(), 1, 'the restarted checker has the new heading level');
  // Each is back where its answers lead, with them kept.
  assert.deepEqual([await stepOf(a), await stepOf(b)], ['age', 'urgent']);
  // The one the reader was using has focus again, on its step's heading, not the page's body.
  await tab.waitForFunction(() => document.activeElement?.id === 'b', null, { timeout: 5000 });
  assert.equal(await focused(tab, 'className'), 'title');
  await a.locator('[data-action="back"]').click();
  assert.equal(await a.locator('input[name="q_urgent_signs"][data-option="none"]').isChecked(), true);
  assert.ok(
    tab.consoleErrors.some((e) => /the checker stopped \(a trap requested by a test\)/.test(e)),
    tab.consoleErrors.join('\n'),
  );
  assert.equal((await tab.evaluate(() => window.__b12cTest.memory())).instances, 2, 'a fresh instance');

  // The checkers go on working: one completes the check, as the command line would.
  await pressNext(a);
  const given = await walk(a, answersFile('b12-metformin-tingling.json'), undefined, { started: true });
  assert.equal((await shownResult(a)).triage, cliEval(given).triage);
  // An element added after the trap mounts.
  await tab.evaluate(() => document.body.append(Object.assign(document.createElement('b12-cramp-check'), { id: 'c' })));
  await tab.locator('#c [data-action="start"]').waitFor();
  assert.deepEqual(tab.rejections, []);
  await tab.context().close();
});

test('a checker still on its intro comes back on its intro after a trap, told of no answers', async () => {
  const tab = await open('/two.html');
  const [a, b] = [tab.locator('#a'), tab.locator('#b')];
  await a.locator('[data-action="start"]').click();
  await answerStep(a, 'b12-metformin-tingling.json');
  await b.locator('[data-action="start"]').waitFor();
  // Focus on the page, not in a checker: a restarted checker leaves it there.
  await tab.evaluate(() =>
    document.body.append(Object.assign(document.createElement('button'), { id: 'page-button' })),
  );
  await tab.locator('#page-button').focus();
  await tab.evaluate(() => window.__b12cTest.trap());
  await a.locator('[data-notice="restarted"]').waitFor();
  await b.locator('[data-action="start"]').waitFor();
  assert.equal(await b.locator('[data-step]').count(), 0, 'b shows its intro, not a step');
  assert.equal(await b.locator('[data-notice]').count(), 0, 'and no notice of answers kept');
  assert.equal(await stepOf(a), 'urgent', 'a, which had answers, is back where they lead');
  assert.equal(await tab.evaluate(() => document.activeElement?.id), 'page-button', "the page's focus stays");
  await tab.context().close();
});

test("a restarted checker that owns the page's history names its step in the title once, before the page's own", async () => {
  const tab = await open('/history.html');
  await tab.locator('[data-action="start"]').click();
  await answerStep(tab, 'b12-metformin-tingling.json');
  // One step named, then the page's title ("Host"); step titles have no dash.
  const named = /^Step 2 of \d+: [^–]+ – Host$/;
  assert.match(await tab.title(), named);
  await tab.evaluate(() => window.__b12cTest.trap());
  await tab.locator('[data-notice="restarted"]').waitFor();
  assert.equal(await stepOf(tab), 'urgent');
  assert.match(await tab.title(), named);
  await tab.locator('[data-action="back"]').click();
  await tab.locator('[data-step="emergency"]').waitFor();
  assert.match(await tab.title(), /^Step 1 of \d+: [^–]+ – Host$/);
  assert.deepEqual(tab.rejections, []);
  await tab.context().close();
});

test('a checker that keeps trapping shows its fallback and a short message in its language, and later elements still mount', async () => {
  const tab = await open('/two.html');
  await tab.locator('#a [data-action="start"]').waitFor();
  await tab.evaluate(() => document.querySelector('#b').setAttribute('lang', 'es'));
  for (let i = 0; i < 3; i++) {
    await tab.evaluate(() => window.__b12cTest.trap());
    await tab.waitForTimeout(200);
  }
  for (const [id, lang, words] of [
    ['#a', 'en', /stopped working.*emergency number/s],
    ['#b', 'es', /dejó de funcionar.*número de emergencias/s],
  ]) {
    const stopped = tab.locator(`${id} [role="alert"]`);
    await stopped.waitFor();
    assert.match(await stopped.innerText(), words);
    // Marked with its language (a screen reader speaks it in that voice), left to right.
    assert.deepEqual(await stopped.evaluate((message) => [message.lang, message.dir]), [lang, 'ltr']);
    assert.equal(await tab.locator(`${id} > .fallback`).isVisible(), true, 'the fallback shows again');
  }
  assert.ok(tab.consoleErrors.some((e) => /stopped again, so its fallback content is shown/.test(e)));
  // For good: moved in the page, it does not start a checker after its message.
  await tab.evaluate(() => document.body.append(document.querySelector('#a')));
  await tab.waitForTimeout(300);
  assert.equal(await tab.locator('#a [data-action="start"]').count(), 0, 'no new checker once stopped');
  assert.equal(await tab.locator('#a [role="alert"]').count(), 1);
  await tab.evaluate(() => document.body.append(Object.assign(document.createElement('b12-cramp-check'), { id: 'c' })));
  await tab.locator('#c [data-action="start"]').waitFor();
  assert.deepEqual(tab.rejections, []);
  await tab.context().close();
});

test("a host script that removes the current step's questions, then Next: the checker restarts, the other one keeps its answers", async () => {
  const tab = await open('/two.html');
  const a = tab.locator('#a');
  const b = tab.locator('#b');
  for (const widget of [a, b]) await widget.locator('[data-action="start"]').click();
  await answerStep(b, 'self-care-exercise.json');
  // Next without an answer inserts an error summary before the questions the page removed.
  await tab.evaluate(() => {
    for (const q of document.querySelector('#a').shadowRoot.querySelectorAll('fieldset')) q.remove();
  });
  await a.locator('[data-action="next"]').click();
  await b.locator('[data-notice="restarted"]').waitFor();
  assert.ok(
    tab.consoleErrors.some((e) => /panicked: failed to insert node/.test(e)),
    tab.consoleErrors.join('\n'),
  );
  // a had no answers to keep: it works again from its intro, with no notice of kept answers.
  await a.locator('[data-action="start"]').waitFor();
  assert.equal(await a.locator('[data-notice]').count(), 0);
  assert.equal(await stepOf(b), 'urgent', 'b is back where it was, with its answers');
  const given = await walk(b, answersFile('self-care-exercise.json'), undefined, { started: true });
  assert.equal((await shownResult(b)).triage, cliEval(given).triage);
  const fromA = await walk(a, answersFile('emergency-early-exit.json'));
  assert.equal((await shownResult(a)).triage, cliEval(fromA).triage);
  assert.deepEqual(tab.rejections, []);
  await tab.context().close();
});

/** Rewrites every text node in the checker the way browser translation does: each becomes a
 * <font> with a new text node, the original gone. */
function translateTextNodes() {
  const wrap = (root) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const texts = [];
    while (walker.nextNode())
      if (walker.currentNode.data.trim() && walker.currentNode.parentNode?.localName !== 'font')
        texts.push(walker.currentNode);
    for (const text of texts) {
      const font = document.createElement('font');
      font.textContent = text.data;
      text.replaceWith(font);
      window.__wrapped += 1;
    }
  };
  window.__wrapped = 0;
  const observe = () => {
    for (const root of [...document.querySelectorAll('b12-cramp-check')].map((e) => e.shadowRoot).filter(Boolean)) {
      if (root.__translated) continue;
      root.__translated = true;
      new MutationObserver(() => wrap(root)).observe(root, { childList: true, subtree: true, characterData: true });
      wrap(root);
    }
  };
  setInterval(observe, 20);
}

test("a page that rewrites the checker's text nodes (browser translation): the check completes correctly", async () => {
  const tab = await open('/');
  await tab.evaluate(translateTextNodes);
  const given = await walk(tab, answersFile('b12-metformin-tingling.json'));
  const shown = await shownResult(tab);
  const cli = cliEval(given);
  assert.equal(shown.triage, cli.triage);
  assert.deepEqual(
    shown.reasons,
    cli.reasons.map((r) => `${r.kind}:${r.id}`),
  );
  assert.ok((await tab.evaluate(() => window.__wrapped)) > 100, 'text nodes were rewritten');
  // The result's heading is the result's, not a stale one.
  assert.match(await tab.locator('[data-triage] .title').innerText(), /vitamin B12 test/);
  assert.equal(await tab.locator('[data-notice="restarted"]').count(), 0, 'it kept working, without a restart');
  // A citation clicked on its translated text moves focus to its source inside the checker,
  // without changing the page's address.
  const address = tab.url();
  await tab.locator('a.cite font').first().click();
  await tab.waitForTimeout(100);
  assert.equal(tab.url(), address);
  assert.match(await focused(tab, 'id'), /^source-\d+$/);
  assert.deepEqual(tab.rejections, []);
  assert.deepEqual(tab.consoleErrors, []);
  await tab.context().close();
});

test('hostile hosts: a clean failure with a console message, or a working checker; never an unhandled rejection', async () => {
  // The element name already taken by the page: a message; the page's own element stays.
  const taken = await open('/taken.html');
  await taken.waitForTimeout(500);
  assert.ok(
    taken.consoleErrors.some((e) => /already defined <b12-cramp-check>/.test(e)),
    taken.consoleErrors.join('\n'),
  );
  assert.equal(await taken.locator('#w .fallback').isVisible(), true);
  // evaluate() still works from the module.
  const fromTaken = await taken.evaluate(async () =>
    (await import('/embed/b12-cramp-check.js')).evaluate({ q_age: '65_74' }),
  );
  assert.equal(fromTaken.triage, 'self_care');
  assert.deepEqual(taken.rejections, []);
  await taken.context().close();

  // A shadow root attached before the script runs, by a page script or declared in the HTML
  // (here without the tests' opening of shadow roots, which would change the modes).
  for (const path of ['/root-first.html', '/declarative.html']) {
    const tab = await open(path, 1280, { closed: true });
    await tab.waitForFunction(() => document.querySelector('#ok').classList.contains('rr-block'));
    await tab.waitForTimeout(300);
    assert.ok(
      tab.consoleErrors.some((e) => /already has a shadow root/.test(e)),
      `${path}: ${tab.consoleErrors.join('\n')}`,
    );
    assert.equal(await tab.locator('#ok').evaluate((e) => e.shadowRoot), null, 'the other element mounted (closed)');
    assert.deepEqual(tab.rejections, [], path);
    await tab.context().close();
  }

  // Frozen and polluted prototypes, and `window.self` replaced: the checker works.
  for (const path of ['/frozen.html', '/self.html']) {
    const tab = await open(path);
    const widget = tab.locator('#w');
    const given = await walk(widget, answersFile('emergency-early-exit.json'));
    assert.equal((await shownResult(widget)).triage, cliEval(given).triage, path);
    const result = await tab.evaluate(async () =>
      (await import('/embed/b12-cramp-check.js')).evaluate({ q_age: '65_74' }),
    );
    assert.equal(result.triage, 'self_care', path);
    assert.deepEqual(tab.rejections, [], path);
    assert.deepEqual(tab.consoleErrors, [], path);
    await tab.context().close();
  }
});

test('evaluate() rejects hostile and huge input with an Error, 10,000 times in a row, and everything keeps working', async () => {
  const tab = await open('/empty.html');
  const outcome = await tab.evaluate(async () => {
    const { evaluate } = await import('/embed/b12-cramp-check.test.js');
    const throwing = new Proxy(
      {},
      {
        ownKeys() {
          throw new RangeError('trap');
        },
        get() {
          throw new RangeError('trap');
        },
      },
    );
    const getter = {
      get q_age() {
        throw new TypeError('getter');
      },
    };
    const kinds = new Set();
    let notErrors = 0;
    for (let i = 0; i < 10_000; i++) {
      try {
        await evaluate(i % 2 ? throwing : getter);
      } catch (e) {
        if (!(e instanceof Error)) notErrors += 1;
        kinds.add(e.message.split(' (')[0]);
      }
    }
    const huge = {};
    for (let i = 0; i < 100_000; i++) huge[`q_${i}`] = 'x';
    const messages = [];
    for (const answers of [
      huge,
      { q_age: 'y'.repeat(5_000_000) },
      { q_neuro: Array(1_000_000).fill('none') },
      42,
      null,
      [1, 2],
    ]) {
      try {
        await evaluate(answers);
        messages.push('resolved');
      } catch (e) {
        messages.push(e instanceof Error ? e.message : `not an Error: ${e}`);
      }
    }
    const after = await evaluate({
      q_age: '65_74',
      q_neuro: ['balance_problems'],
      q_neuro_onset: 'gradual_weeks_to_months',
    });
    return { notErrors, kinds: [...kinds], messages, after: after.triage, memory: await window.__b12cTest.memory() };
  });
  assert.equal(outcome.notErrors, 0);
  assert.deepEqual(outcome.kinds, ['invalid answers: they could not be read']);
  // More answers than questions: refused by the first it does not know.
  assert.equal(outcome.messages[0], 'unknown question "q_0"');
  assert.match(outcome.messages[1], /^q_age: unknown option "y{40}…"/);
  assert.ok(outcome.messages[1].length < 300, 'a short message');
  assert.match(outcome.messages[2], /^q_neuro: more options given than the question has/);
  assert.ok(
    outcome.messages.slice(3).every((m) => /^invalid answers: expected an object/.test(m)),
    outcome.messages.join('\n'),
  );
  assert.equal(outcome.after, 'provider_soon_b12');
  assert.equal(outcome.memory.instances, 1, 'no trap, no restart');
  // And an element still mounts and works after all that.
  await tab.evaluate(() => document.body.append(Object.assign(document.createElement('b12-cramp-check'), { id: 'w' })));
  const given = await walk(tab.locator('#w'), answersFile('emergency-early-exit.json'));
  assert.equal((await shownResult(tab.locator('#w'))).triage, cliEval(given).triage);
  assert.deepEqual(tab.rejections, []);
  await tab.context().close();
});

/** The page's JS heap after a full garbage collection, in bytes. */
async function heapAfterGc(tab) {
  const cdp = await tab.context().newCDPSession(tab);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

test('heavy use: 20 instances, 1,000 fast clicks, 200 add/remove cycles and rapid attribute changes; memory stays flat', async () => {
  const tab = await open('/twenty.html');
  const widgets = Array.from({ length: 20 }, (_, i) => tab.locator(`#w${i}`));
  await widgets[19].locator('[data-action="start"]').waitFor();
  const start = { heap: await heapAfterGc(tab), wasm: (await tab.evaluate(() => window.__b12cTest.memory())).bytes };

  // 1,000 fast clicks on one instance: start, answers, Next and Back, over and over.
  const busy = widgets[0];
  await busy.locator('[data-action="start"]').click();
  // Each round: an answer, Next (to the next step, or to the result for an emergency sign), then
  // Back or "Change my answers" to the first step again.
  let clicks = 1;
  for (let round = 0; clicks < 1000; round++) {
    const option = round % 2 ? 'face_arm_speech' : 'none';
    await busy.locator(`input[name="q_emergency_signs"][data-option="${option}"]`).check();
    await busy.locator('[data-action="next"]').click();
    await busy.locator(`[data-action="${option === 'none' ? 'back' : 'change'}"]`).click();
    clicks += 3;
  }
  // Rapid attribute changes on every instance, 50 rounds.
  await tab.evaluate(async () => {
    const regions = ['uk', 'us', 'eu', 'intl'];
    for (let round = 0; round < 50; round++) {
      for (const element of document.querySelectorAll('b12-cramp-check')) {
        element.setAttribute('region', regions[round % 4]);
        element.setAttribute('theme', round % 2 ? 'dark' : 'light');
        element.setAttribute('heading-level', String((round % 6) + 1));
      }
      await new Promise((ok) => setTimeout(ok, 0));
    }
  });
  // 200 add/remove cycles.
  await tab.evaluate(async () => {
    for (let i = 0; i < 200; i++) {
      const element = document.createElement('b12-cramp-check');
      document.body.append(element);
      await new Promise((ok) => setTimeout(ok, 0));
      element.remove();
      await new Promise((ok) => setTimeout(ok, 0));
    }
  });
  await tab.waitForTimeout(300);
  const end = { heap: await heapAfterGc(tab), wasm: (await tab.evaluate(() => window.__b12cTest.memory())).bytes };

  // Every instance still correct: each completes the emergency path as the command line does.
  for (const widget of widgets.slice(1)) {
    const given = await walk(widget, answersFile('emergency-early-exit.json'));
    assert.equal((await shownResult(widget)).triage, cliEval(given).triage);
  }
  const given = await walk(busy, answersFile('b12-metformin-tingling.json'), undefined, { started: true });
  assert.equal((await shownResult(busy)).triage, cliEval(given).triage);

  const mib = (bytes) => (bytes / 2 ** 20).toFixed(2);
  console.log(
    `heavy use: ${clicks} clicks, 200 add/remove cycles, 50 rounds of attribute changes on 20 instances; ` +
      `JS heap ${mib(start.heap)} -> ${mib(end.heap)} MiB, wasm memory ${mib(start.wasm)} -> ${mib(end.wasm)} MiB`,
  );
  assert.ok(end.heap - start.heap < 4 * 2 ** 20, 'the JS heap grows by less than 4 MiB');
  assert.ok(end.wasm - start.wasm <= 2 * 2 ** 20, 'wasm memory grows by at most 2 MiB');
  assert.equal((await tab.evaluate(() => window.__b12cTest.memory())).instances, 1, 'no trap');
  assert.deepEqual(tab.consoleErrors, []);
  assert.deepEqual(tab.rejections, []);
  await tab.context().close();
});
