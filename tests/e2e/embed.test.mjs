// The embed end to end, in Debian's Chromium: <b12-cramp-check> in host pages we write here
// (several instances, hostile CSS, CSP, a second origin, SRI), the demo article, the event, the
// JS API, and memory over many add/remove cycles.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import {
  DIST,
  ROOT,
  serve,
  browser,
  newPage,
  cli,
  cliEval,
  screenshot,
  axeViolations,
  walk,
  shownResult,
  answersFile,
  nextUntilResult,
  serveChangedWasm,
} from './support.mjs';

const SCRIPT = '<script type="module" src="/embed/b12-cramp-check.js"></script>';
const FALLBACK = '<p class="fallback">Read the <a href="/advice">advice on leg cramps</a> instead.</p>';
const page = (body, head = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title>${head}</head><body>${body}</body></html>`;
const STRICT_CSP = "default-src 'self'; style-src 'self'; script-src 'self'";

// Host CSS of the kind real pages carry: resets, !important rules, odd fonts, content-box,
// global button and input styles, class names the widget also uses, and a right-to-left
// direction (an Arabic or Hebrew page embedding the check).
const HOSTILE_CSS = `
  html { line-height: 3; }
  body { font: italic 30px/2 "Comic Sans MS", fantasy; color: #0f0; text-align: center; letter-spacing: 3px; text-transform: uppercase; direction: rtl; }
  * { box-sizing: content-box !important; margin: 7px !important; font-family: fantasy !important; }
  button, input, [type=radio], [type=checkbox] { all: unset !important; background: hotpink !important; padding: 30px !important; }
  div, section, p, h1, h2, h3, ul, li, fieldset, label { padding: 13px !important; border: 5px dashed red !important; color: red !important; }
  .b12c, .button, .title, .option, .banner { background: yellow !important; font-size: 40px !important; display: inline !important; }
  b12-cramp-check { font-size: 8px; color: purple; line-height: 0.5; }`;

// Widget CSS class names used on plain host elements, to prove the widget's CSS stays inside.
const HOST_LOOKALIKES = `<div class="b12c" id="host-b12c"><h2 class="title" id="host-title">Host title</h2>
  <button class="button primary" id="host-button">Host button</button><p class="small" id="host-small">Host text</p></div>`;

// The README's reservation of the first screen's height (No layout shift), at a page's end.
const RESERVED = `<style>b12-cramp-check { display: block; }
  b12-cramp-check:not(:state(started)) { min-height: 51rem; }</style>`;

const pages = {
  '/reserved.html': {
    body: page(
      `<h1>Article</h1><div style="height: 1000px">Text above</div>${SCRIPT}<b12-cramp-check>${FALLBACK}</b12-cramp-check>`,
      RESERVED,
    ),
  },
  '/one.html': { body: page(`${SCRIPT}<b12-cramp-check id="w">${FALLBACK}</b12-cramp-check>`) },
  '/script-last.html': { body: page(`<b12-cramp-check id="w">${FALLBACK}</b12-cramp-check>${SCRIPT}`) },
  '/two.html': {
    body: page(`${SCRIPT}<div lang="en-GB"><b12-cramp-check id="a" region="uk"></b12-cramp-check></div>
      <b12-cramp-check id="b" lang="en-US" region="us" heading-level="3"></b12-cramp-check>`),
  },
  '/bad-attributes.html': {
    body: page(
      `${SCRIPT}<b12-cramp-check id="w" lang="xx" region="mars" theme="neon" heading-level="9"></b12-cramp-check>`,
    ),
  },
  '/hostile.html': {
    body: page(
      `${HOST_LOOKALIKES}<b12-cramp-check id="w"></b12-cramp-check>`,
      `<style>${HOSTILE_CSS}</style>${SCRIPT}`,
    ),
  },
  '/lookalikes.html': { body: page(HOST_LOOKALIKES) },
  '/lookalikes-with-widget.html': {
    body: page(`${HOST_LOOKALIKES}<b12-cramp-check id="w"></b12-cramp-check>${SCRIPT}`),
  },
  '/themed.html': {
    body: page(
      `${SCRIPT}<b12-cramp-check id="w"></b12-cramp-check>`,
      `<style>
      b12-cramp-check { --b12c-accent: rgb(128, 0, 128); --b12c-font-size: 20px; }
      b12-cramp-check::part(button-primary) { border-radius: 21px; }</style>`,
    ),
  },
  '/moves.html': {
    body: page(`${SCRIPT}<div id="left"><b12-cramp-check id="w"></b12-cramp-check></div><div id="right"></div>`),
  },
  '/empty.html': { body: page(SCRIPT) },
  // A page's keyboard shortcuts, written as pages write them: they leave form controls alone,
  // but the control is inside the checker, so the event's target is the element.
  '/shortcuts.html': {
    body: page(
      `${SCRIPT}<b12-cramp-check id="w"></b12-cramp-check>
      <script>
        window.__taken = [];
        window.__tabs = 0;
        document.addEventListener('keydown', (event) => {
          if (event.key === 'Tab') window.__tabs += 1;
          if (event.target.closest('input, textarea, select, button, a')) return;
          if (/^(Arrow| $|Enter$)/.test(event.key)) {
            event.preventDefault();
            window.__taken.push(event.key);
          }
        });
        document.addEventListener('input', () => window.__taken.push('input'));
      </script>`,
    ),
  },
  '/csp-wasm.html': {
    body: page(`${SCRIPT}<b12-cramp-check id="w">${FALLBACK}</b12-cramp-check>`),
    headers: { 'content-security-policy': `${STRICT_CSP} 'wasm-unsafe-eval'` },
  },
  '/csp-no-wasm.html': {
    body: page(`${SCRIPT}<b12-cramp-check id="w">${FALLBACK}</b12-cramp-check>`),
    headers: { 'content-security-policy': STRICT_CSP },
  },
  '/csp-no-connect.html': {
    body: page(`${SCRIPT}<b12-cramp-check id="w">${FALLBACK}</b12-cramp-check>`),
    headers: { 'content-security-policy': `${STRICT_CSP} 'wasm-unsafe-eval'; connect-src 'none'` },
  },
};

let server;
let embedOrigin;
let chrome;
before(async () => {
  server = await serve(DIST, {}, pages);
  // A second origin that serves only the embed, with the CORS header self-hosting needs.
  embedOrigin = await serve(DIST, { 'access-control-allow-origin': '*' });
  chrome = await browser();
});
after(async () => {
  await chrome?.close();
  await server?.close();
  await embedOrigin?.close();
});

/** A page at `path` with its console warnings collected in `page.warnings`. */
async function open(path, width = 1280) {
  const tab = await newPage(chrome, width);
  tab.warnings = [];
  tab.on('console', (m) => {
    if (m.type() === 'warning') tab.warnings.push(m.text());
  });
  await tab.goto(server.url + path);
  return tab;
}

/** Waits until the element `selector` has rendered its intro. */
const rendered = (tab, selector = '#w') => tab.locator(`${selector} [data-action="start"]`).waitFor();

test('one script tag and one element render the checker in a shadow root, script before or after', async () => {
  for (const path of ['/one.html', '/script-last.html']) {
    const tab = await open(path);
    await rendered(tab);
    const shadow = await tab.evaluate(() => {
      const host = document.querySelector('#w');
      return {
        asked: window.__shadowModes,
        sheets: host.shadowRoot?.adoptedStyleSheets.length,
        inLight: !!host.querySelector('.b12c'),
        // Its public methods: the custom element callbacks only (index.d.ts).
        methods: Object.getOwnPropertyNames(Object.getPrototypeOf(host)).sort(),
      };
    });
    // The checker asks for a closed root (the tests open it to look inside).
    assert.deepEqual(
      shadow,
      {
        asked: ['closed'],
        sheets: 1,
        inLight: false,
        methods: ['attributeChangedCallback', 'connectedCallback', 'constructor', 'disconnectedCallback'],
      },
      path,
    );
    assert.equal(await tab.locator('.fallback').isVisible(), false, 'the fallback gives way once the checker is ready');
    assert.deepEqual(tab.external, []);
    assert.deepEqual(tab.consoleErrors, []);
    await tab.context().close();
  }
});

test('two instances with different lang and region keep separate state', async () => {
  const tab = await open('/two.html');
  await rendered(tab, '#a');
  await rendered(tab, '#b');
  const a = tab.locator('#a');
  const b = tab.locator('#b');
  // Each shows its own region's emergency number and its own heading level.
  assert.match(await a.locator('.intro').innerText(), /999/);
  assert.match(await b.locator('.intro').innerText(), /911/);
  // A goes to an emergency result; B is untouched, then answers its own way.
  await walk(a, answersFile('emergency-early-exit.json'));
  assert.equal((await shownResult(a)).triage, 'emergency_now');
  assert.equal(await b.locator('[data-action="start"]').count(), 1, 'B is still on its intro');
  await walk(b, answersFile('self-care-exercise.json'));
  assert.equal((await shownResult(b)).triage, 'self_care');
  assert.equal((await shownResult(a)).triage, 'emergency_now', 'A keeps its result');
  assert.match(await a.locator('.banner').innerText(), /999/);
  assert.equal(await a.locator('.banner .title').evaluate((h) => h.tagName), 'H2');
  assert.equal(await b.locator('.banner .title').evaluate((h) => h.tagName), 'H3');
  assert.equal(await a.locator('.b12c').getAttribute('lang'), 'en');
  assert.deepEqual(tab.warnings, []);
  await tab.context().close();
});

test('unknown attribute values fall back to the defaults with one warning each', async () => {
  const tab = await open('/bad-attributes.html');
  await rendered(tab);
  // A change to another attribute re-reads them all, without repeating the warnings.
  await tab.evaluate(() => document.querySelector('#w').setAttribute('theme', 'dark'));
  await tab.locator('#w .b12c[data-theme="dark"]').waitFor();
  const warnings = tab.warnings.filter((w) => w.startsWith('b12-cramp-check'));
  assert.equal(warnings.length, 4, warnings.join('\n'));
  for (const value of ['lang="xx"', 'region="mars"', 'theme="neon"', 'heading-level="9"']) {
    assert.ok(
      warnings.some((w) => w.includes(value)),
      `a warning names ${value}`,
    );
  }
  assert.equal(await tab.locator('#w .title').evaluate((h) => h.tagName), 'H2', 'heading level falls back to 2');
  assert.match(await tab.locator('#w .intro').innerText(), /local emergency number/, 'region falls back to intl');
  assert.deepEqual(tab.consoleErrors, []);
  await tab.context().close();
});

/** Computed styles of the widget's own parts, keyed by part. */
async function widgetStyles(tab) {
  return tab.evaluate(() => {
    const root = document.querySelector('#w').shadowRoot;
    const props = [
      'font-family',
      'font-size',
      'font-style',
      'line-height',
      'color',
      'background-color',
      'box-sizing',
      'margin-top',
      'padding-top',
      'border-top-width',
      'border-top-style',
      'display',
      'letter-spacing',
      'text-transform',
      'text-align',
      'direction',
      'width',
      'height',
      'appearance',
    ];
    const parts = {
      panel: '.b12c',
      title: '.title',
      text: '.intro p',
      button: '.button.primary',
      callout: '.callout',
    };
    const out = {};
    for (const [name, selector] of Object.entries(parts)) {
      const element = root.querySelector(selector);
      const style = getComputedStyle(element);
      out[name] = Object.fromEntries(props.map((p) => [p, style.getPropertyValue(p)]));
    }
    return out;
  });
}

test('hostile page CSS leaves the widget unchanged, and the widget CSS leaves the page alone', async () => {
  const clean = await open('/one.html');
  await rendered(clean);
  const hostile = await open('/hostile.html');
  await rendered(hostile);
  assert.deepEqual(await widgetStyles(hostile), await widgetStyles(clean));
  await screenshot(hostile, 'embed-hostile-css');
  await clean.context().close();
  await hostile.context().close();

  // Host elements that share the widget's class names look the same with and without it.
  const lookalikeStyles = (tab) =>
    tab.evaluate(() =>
      Object.fromEntries(
        ['#host-b12c', '#host-title', '#host-button', '#host-small'].map((id) => {
          const s = getComputedStyle(document.querySelector(id));
          return [
            id,
            [s.color, s.backgroundColor, s.fontSize, s.fontFamily, s.padding, s.maxWidth, s.borderTopWidth].join(' | '),
          ];
        }),
      ),
    );
  const without = await open('/lookalikes.html');
  const withWidget = await open('/lookalikes-with-widget.html');
  await rendered(withWidget);
  assert.deepEqual(await lookalikeStyles(withWidget), await lookalikeStyles(without));
  await without.context().close();
  await withWidget.context().close();
});

test('hosts theme it on purpose through custom properties and ::part()', async () => {
  const tab = await open('/themed.html');
  await rendered(tab);
  const button = await tab.locator('#w .button.primary').evaluate((b) => {
    const s = getComputedStyle(b);
    return {
      background: s.backgroundColor,
      radius: s.borderTopLeftRadius,
      size: getComputedStyle(b.closest('.b12c')).fontSize,
    };
  });
  assert.deepEqual(button, { background: 'rgb(128, 0, 128)', radius: '21px', size: '20px' });
  await tab.context().close();
});

test("a browser without light-dark() gets the light colours, the warning's red among them", async () => {
  // Such a browser treats every light-dark( as an unknown function: so does this script's.
  const colours = async (withoutLightDark) => {
    const tab = await newPage(chrome, 1280);
    await tab.emulateMedia({ colorScheme: 'dark' });
    if (withoutLightDark) {
      await tab.route('**/embed/b12-cramp-check.js', async (route) => {
        const response = await route.fetch();
        const body = (await response.text()).replaceAll('light-dark(', 'unknown-light-dark(');
        await route.fulfill({ response, body });
      });
    }
    await tab.goto(server.url + '/one.html');
    await rendered(tab);
    const widget = tab.locator('#w');
    const start = widget.locator('[data-action="start"]');
    const button = await start.evaluate((b) => getComputedStyle(b).backgroundColor);
    await start.click();
    await widget.locator('input[data-option="face_arm_speech"]').check();
    const found = await widget.locator('.callout-emergency').evaluate((c) => ({
      text: getComputedStyle(c.closest('.b12c')).color,
      background: getComputedStyle(c.closest('.b12c')).backgroundColor,
      warning: getComputedStyle(c).borderLeftColor,
    }));
    await tab.context().close();
    return { button, ...found };
  };
  assert.deepEqual(await colours(true), {
    button: 'rgb(0, 94, 184)',
    text: 'rgb(29, 35, 41)',
    background: 'rgb(255, 255, 255)',
    warning: 'rgb(179, 38, 30)',
  });
  // With light-dark(), a reader's dark system gets the dark colours, as before.
  assert.deepEqual(await colours(false), {
    button: 'rgb(124, 184, 255)',
    text: 'rgb(232, 236, 239)',
    background: 'rgb(21, 25, 29)',
    warning: 'rgb(255, 138, 128)',
  });
});

test('the complete event carries no answers by default, and the answers when the host opts in', async () => {
  const tab = await open('/one.html');
  await rendered(tab);
  await tab.evaluate(() => {
    window.events = [];
    document.addEventListener('b12-cramp-check:complete', (e) =>
      window.events.push({
        detail: e.detail,
        json: JSON.stringify(e.detail),
        bubbles: e.bubbles,
        composed: e.composed,
        target: e.target.id,
      }),
    );
  });
  const widget = tab.locator('#w');
  const answers = answersFile('b12-metformin-tingling.json');
  const given = await walk(widget, answers);
  const evaluated = cliEval(given);
  await tab.waitForFunction(() => window.events.length >= 1, null, { polling: 50 });
  const events = await tab.evaluate(() => window.events);
  assert.equal(events.length, 1, JSON.stringify(events));
  let [event] = events;
  const detail = { triage: evaluated.triage, topFactor: evaluated.top_factor, packVersion: evaluated.pack.version };
  assert.deepEqual(event, {
    detail,
    // The fields in their declared order (src/interface.rs), no answers field at all.
    json: JSON.stringify(detail),
    bubbles: true,
    composed: true,
    target: 'w',
  });
  assert.equal(event.detail.packVersion, '1.1.9');

  /** The `n`th complete event (from 1), once it has come. */
  const eventNumber = async (n) => {
    await tab.waitForFunction((n) => window.events.length >= n, n, { polling: 50 });
    return (await tab.evaluate(() => window.events))[n - 1];
  };
  /** A checker added to the page with `attributes`, once it shows its intro. */
  const added = async (id, attributes) => {
    await tab.evaluate(
      ([id, attributes]) =>
        document.body.insertAdjacentHTML('beforeend', `<b12-cramp-check id="${id}" ${attributes}></b12-cramp-check>`),
      [id, attributes],
    );
    const checker = tab.locator(`#${id}`);
    await checker.locator('[data-action="start"]').waitFor();
    return checker;
  };
  const privacy = (checker) => checker.locator('[data-privacy]').first().getAttribute('data-privacy');
  /** Sets `share-answers` on `id`, or removes it for `null`. */
  const setSharing = (id, value) =>
    tab.evaluate(
      ([id, value]) => {
        const element = document.getElementById(id);
        if (value === null) element.removeAttribute('share-answers');
        else element.setAttribute('share-answers', value);
      },
      [id, value],
    );
  /** Asserts that a warning since the `since`th says "false" is taken as no sharing. */
  const warnedOfFalse = (since) =>
    assert.ok(
      tab.warnings.slice(since).some((w) => w.includes('share-answers="false" is taken as no sharing')),
      tab.warnings.join('\n'),
    );

  // Opting in after the reader was told that their answers stay here shares nothing: the
  // opt-in counts from the checker's start on the element.
  await setSharing('w', '');
  await widget.locator('[data-action="change"]').click();
  await nextUntilResult(widget);
  event = await eventNumber(2);
  assert.deepEqual(event.detail, detail, 'no answers');
  assert.equal(await privacy(widget), 'private');

  // Opted in from the start: the answers come in the command line's shape and give the same
  // result there.
  const opted = await added('w2', 'share-answers');
  assert.equal(await privacy(opted), 'shared');
  await walk(opted, answers);
  event = await eventNumber(3);
  assert.equal(event.target, 'w2');
  assert.deepEqual(event.detail.answers, given);
  assert.equal(cliEval(event.detail.answers).triage, event.detail.triage);
  // Written as the command line writes answers (in question order, `fhir answers`), after the
  // same three fields.
  const response = cli(['fhir', 'response', '-'], JSON.stringify(given));
  const cliAnswers = cli(['fhir', 'answers', '-'], JSON.stringify(response));
  assert.equal(event.json, JSON.stringify({ ...detail, answers: cliAnswers }));

  // Removed, then added back (a consent banner declined, then a re-render): the reader has
  // since been told that their answers stay here, so sharing does not come back.
  await setSharing('w2', null);
  await opted.locator('[data-action="restart"]').click();
  await opted.locator('[data-action="start"]').waitFor();
  assert.equal(await privacy(opted), 'private');
  await setSharing('w2', '');
  assert.equal(await privacy(opted), 'private');
  await walk(opted, answers);
  event = await eventNumber(4);
  assert.deepEqual(event.detail, detail, 'no answers');

  // "false" written out (a template's boolean) is no opt-in: nothing shared, and a warning.
  const declined = await added('w3', 'share-answers="false"');
  assert.equal(await privacy(declined), 'private');
  warnedOfFalse(0);
  await walk(declined, answers);
  event = await eventNumber(5);
  assert.equal(event.target, 'w3');
  assert.deepEqual(event.detail, detail, 'no answers');

  // Set to "false" later (a template re-rendering its boolean), not removed: that withdraws the
  // opt-in as removing does, at once and for good.
  const withdrawn = await added('w4', 'share-answers');
  assert.equal(await privacy(withdrawn), 'shared');
  const warned = tab.warnings.length;
  await setSharing('w4', 'false');
  await withdrawn.locator('[data-privacy="private"]').first().waitFor({ timeout: 5000 });
  warnedOfFalse(warned);
  await setSharing('w4', '');
  assert.equal(await privacy(withdrawn), 'private');
  await walk(withdrawn, answers);
  event = await eventNumber(6);
  assert.equal(event.target, 'w4');
  assert.deepEqual(event.detail, detail, 'no answers');
  await tab.context().close();
});

test('attribute changes apply live and keep the answers', async () => {
  const tab = await open('/one.html');
  await rendered(tab);
  const widget = tab.locator('#w');
  await walk(widget, answersFile('emergency-early-exit.json'));
  const set = (name, value) => tab.evaluate(([n, v]) => document.querySelector('#w').setAttribute(n, v), [name, value]);
  await set('region', 'uk');
  await widget.locator('.banner', { hasText: '999' }).waitFor();
  await set('region', 'us');
  await widget.locator('.banner', { hasText: '911' }).waitFor();
  await set('heading-level', '4');
  assert.equal(await widget.locator('.banner .title').evaluate((h) => h.tagName), 'H4');
  const background = () => widget.locator('.b12c').evaluate((e) => getComputedStyle(e).backgroundColor);
  await set('theme', 'light');
  const light = await background();
  await set('theme', 'dark');
  assert.notEqual(await background(), light, 'the dark theme changes the colours');
  assert.equal((await shownResult(widget)).triage, 'emergency_now', 'the result stays');
  await tab.context().close();
});

test('moving the element keeps its state; removing it frees it; 200 cycles leave memory flat', async () => {
  const tab = await open('/moves.html');
  await rendered(tab);
  const widget = tab.locator('#w');
  await widget.locator('[data-action="start"]').click();
  await widget.locator('input[name="q_emergency_signs"][data-option="none"]').check();
  await tab.evaluate(() => document.querySelector('#right').append(document.querySelector('#w')));
  await tab.waitForTimeout(50);
  assert.equal(await tab.locator('#right #w [data-step]').getAttribute('data-step'), 'emergency');
  assert.equal(await widget.locator('input[name="q_emergency_signs"][data-option="none"]').isChecked(), true);

  const cdp = await tab.context().newCDPSession(tab);
  const cycles = (n) =>
    tab.evaluate(async (count) => {
      for (let i = 0; i < count; i++) {
        const element = document.createElement('b12-cramp-check');
        document.body.append(element);
        while (!element.shadowRoot?.querySelector('[data-action="start"]'))
          await new Promise((ok) => setTimeout(ok, 0));
        element.remove();
        await new Promise((ok) => setTimeout(ok, 0));
      }
      await new Promise((ok) => setTimeout(ok, 50));
    }, n);
  const measure = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { nodes, jsEventListeners } = await cdp.send('Memory.getDOMCounters');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    // Every WebAssembly.Memory on the page, found without any hook in the widget.
    const { result: proto } = await cdp.send('Runtime.evaluate', { expression: 'WebAssembly.Memory.prototype' });
    const { objects } = await cdp.send('Runtime.queryObjects', { prototypeObjectId: proto.objectId });
    const { result } = await cdp.send('Runtime.callFunctionOn', {
      objectId: objects.objectId,
      returnByValue: true,
      functionDeclaration: 'function () { return this.reduce((sum, m) => sum + m.buffer.byteLength, 0); }',
    });
    return { nodes, jsEventListeners, heap: usedSize, wasm: result.value };
  };
  await cycles(20);
  const before = await measure();
  await cycles(200);
  const afterCycles = await measure();
  console.log(`memory before/after 200 add-remove cycles: ${JSON.stringify(before)} / ${JSON.stringify(afterCycles)}`);
  assert.equal(await tab.evaluate(() => document.querySelectorAll('b12-cramp-check').length), 1);
  assert.ok(afterCycles.wasm <= before.wasm + 64 * 1024, `wasm memory grew from ${before.wasm} to ${afterCycles.wasm}`);
  assert.ok(afterCycles.nodes <= before.nodes + 50, `DOM nodes grew from ${before.nodes} to ${afterCycles.nodes}`);
  assert.ok(afterCycles.jsEventListeners <= before.jsEventListeners + 10, 'event listeners are released');
  assert.ok(afterCycles.heap < before.heap + 1024 * 1024, `JS heap grew from ${before.heap} to ${afterCycles.heap}`);
  assert.deepEqual(tab.consoleErrors, []);
  await tab.context().close();
});

test('served from a second origin with CORS, the embed works', async () => {
  const body = page(
    `<script type="module" src="${embedOrigin.url}/embed/b12-cramp-check.js"></script><b12-cramp-check id="w">${FALLBACK}</b12-cramp-check>`,
  );
  pages['/cross-origin.html'] = { body };
  const tab = await open('/cross-origin.html');
  await rendered(tab);
  assert.deepEqual(tab.consoleErrors, []);
  await tab.context().close();
});

test("a strict CSP with 'wasm-unsafe-eval' works; without it the fallback stays and the console says why", async () => {
  const allowed = await open('/csp-wasm.html');
  await rendered(allowed);
  const button = await allowed.locator('#w .button.primary').evaluate((b) => getComputedStyle(b).backgroundColor);
  assert.equal(button, 'rgb(0, 94, 184)', 'the widget is styled under style-src self');
  assert.deepEqual(allowed.consoleErrors, []);
  await allowed.context().close();

  const blocked = await open('/csp-no-wasm.html');
  await blocked.waitForFunction(() => true);
  await blocked.waitForTimeout(500);
  assert.equal(await blocked.locator('.fallback').isVisible(), true, 'the fallback content stays');
  assert.ok(
    blocked.consoleErrors.some((e) => e.includes("add 'wasm-unsafe-eval' to script-src")),
    blocked.consoleErrors.join('\n'),
  );
  await blocked.context().close();

  // The wasm's fetch refused by connect-src: the message names it.
  const unfetched = await open('/csp-no-connect.html');
  await unfetched.waitForTimeout(500);
  assert.equal(await unfetched.locator('.fallback').isVisible(), true, 'the fallback content stays');
  assert.ok(
    unfetched.consoleErrors.some((e) => /cannot start.*could not be fetched.*connect-src/.test(e)),
    unfetched.consoleErrors.join('\n'),
  );
  await unfetched.context().close();
});

test('without WebAssembly the fallback stays, with a console message', async () => {
  const tab = await newPage(chrome, 1280);
  await tab.addInitScript(() => {
    delete globalThis.WebAssembly;
  });
  await tab.goto(server.url + '/one.html');
  await tab.waitForTimeout(500);
  assert.equal(await tab.locator('.fallback').isVisible(), true);
  assert.ok(
    tab.consoleErrors.some((e) => e.includes('cannot run WebAssembly')),
    tab.consoleErrors.join('\n'),
  );
  await tab.context().close();
});

test('SRI: the right hash runs, a wrong hash on the script refuses it, a changed wasm is refused', async () => {
  const script = readFileSync(join(DIST, 'embed/b12-cramp-check.js'));
  const { createHash } = await import('node:crypto');
  const integrity = `sha384-${createHash('sha384').update(script).digest('base64')}`;
  const tag = (hash) => `<script type="module" src="/embed/b12-cramp-check.js" integrity="${hash}"></script>`;
  pages['/sri-right.html'] = { body: page(`${tag(integrity)}<b12-cramp-check id="w">${FALLBACK}</b12-cramp-check>`) };
  pages['/sri-wrong.html'] = {
    body: page(`${tag('sha384-' + 'A'.repeat(64))}<b12-cramp-check id="w">${FALLBACK}</b12-cramp-check>`),
  };

  const right = await open('/sri-right.html');
  await rendered(right);
  await right.context().close();

  const wrong = await open('/sri-wrong.html');
  await wrong.waitForTimeout(500);
  assert.equal(await wrong.locator('.fallback').isVisible(), true);
  assert.equal(await wrong.evaluate(() => !!customElements.get('b12-cramp-check')), false, 'the script did not run');
  await wrong.context().close();

  // The script pins the wasm: one changed byte and it is refused.
  const tampered = await newPage(chrome, 1280);
  await serveChangedWasm(tampered);
  await tampered.goto(server.url + '/one.html');
  await tampered.waitForTimeout(500);
  assert.equal(await tampered.locator('.fallback').isVisible(), true);
  assert.ok(
    tampered.consoleErrors.some((e) => e.includes('SRI')),
    tampered.consoleErrors.join('\n'),
  );
  await tampered.context().close();
});

test('evaluate() returns what cramp-check eval returns, field for field in its order, and refuses bad answers the same way', async () => {
  const tab = await open('/empty.html');
  const files = readdirSync(join(ROOT, 'tests/answers')).filter((f) => f.endsWith('.json'));
  assert.ok(files.length >= 13, files.join());
  for (const file of files) {
    const answers = answersFile(file);
    // Written out in the page, so that the text shows the object's own key order, nulls and
    // kinds of value, then compared with the command line's JSON text as the page would write it.
    const fromPage = await tab.evaluate(
      async (a) => JSON.stringify(await (await import('/embed/b12-cramp-check.js')).evaluate(a)),
      answers,
    );
    assert.equal(fromPage, JSON.stringify(cliEval(answers)), file);
    assert.equal(JSON.parse(fromPage).pack.version, '1.1.9', `${file}: content pack 1.1.9`);
  }
  // Answers the checker would not show a result for yet (the README's example) say so, as the
  // command line does.
  const partial = { q_age: '65_74', q_neuro: ['balance_problems'], q_neuro_onset: 'gradual_weeks_to_months' };
  const fromPage = await tab.evaluate(
    async (a) => JSON.stringify(await (await import('/embed/b12-cramp-check.js')).evaluate(a)),
    partial,
  );
  assert.equal(fromPage, JSON.stringify(cliEval(partial)));
  assert.equal(JSON.parse(fromPage).complete, false);
  const cargoVersion = readFileSync(join(ROOT, 'Cargo.toml'), 'utf8').match(/^version = "(.+)"$/m)[1];
  assert.equal(await tab.evaluate(async () => (await import('/embed/b12-cramp-check.js')).version), cargoVersion);

  const refusal = (answers) =>
    tab.evaluate(async (a) => {
      try {
        await (await import('/embed/b12-cramp-check.js')).evaluate(a);
        return null;
      } catch (e) {
        return `${e.constructor.name}: ${e.message}`;
      }
    }, answers);
  // Every bad answers file that is a JSON object gets the command line's own message (not those
  // whose problem is in the JSON text itself, which a page never hands over).
  const bad = join(ROOT, 'tests/answers/bad');
  const inTheText = [
    'malformed.json',
    'answered-twice.json',
    'not-an-object.json',
    'escaped-quote.json',
    'number-out-of-range.json',
    'nested-too-deep.json',
    'quote-in-key.json',
  ];
  const objects = readdirSync(bad).filter((f) => !inTheText.includes(f));
  assert.ok(objects.length >= 8);
  for (const file of objects) {
    const refused = spawnSync(process.env.CRAMP_CHECK ?? join(ROOT, 'target/debug/cramp-check'), [
      'eval',
      join(bad, file),
    ]);
    assert.equal(refused.status, 2, file);
    const message = refused.stderr
      .toString()
      .trim()
      .replace(/^cramp-check: /, '');
    assert.equal(await refusal(JSON.parse(readFileSync(join(bad, file), 'utf8'))), `Error: ${message}`, file);
  }
  assert.match(await refusal({ q_neuro: [['balance_problems']] }), /^Error: q_neuro: .*a list inside a list/);
  // A host's sparse list with a huge length is refused at once, as any other bad value.
  const sparse = await tab.evaluate(async () => {
    const options = ['balance_problems'];
    options.length = 4e9;
    try {
      await (await import('/embed/b12-cramp-check.js')).evaluate({ q_neuro: options });
      return null;
    } catch (e) {
      return `${e.constructor.name}: ${e.message}`;
    }
  });
  assert.match(sparse, /^Error: q_neuro: /);
  assert.match(await refusal(['q_age', '65_74']), /^Error: invalid answers: expected an object/);
  assert.match(await refusal(null), /^Error: invalid answers: expected an object/);
  await tab.context().close();
});

test('the demo article embeds the checker mid-article, passes axe, and loads nothing from elsewhere', async () => {
  for (const width of [360, 1280]) {
    const tab = await open('/demo/article.html', width);
    const widget = tab.locator('b12-cramp-check');
    await widget.locator('[data-action="start"]').waitFor();
    await screenshot(tab, `demo-article-${width}`);
    if (width === 1280) {
      assert.deepEqual(await axeViolations(tab), [], 'article with the intro');
      const given = await walk(widget, answersFile('b12-metformin-tingling.json'));
      assert.equal((await shownResult(widget)).triage, cliEval(given).triage);
      assert.deepEqual(await axeViolations(tab), [], 'article with the result');
      await screenshot(tab, 'demo-article-result');
    }
    const overflow = await tab.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.equal(overflow, 0, `no horizontal scrolling at ${width}px`);
    assert.deepEqual(tab.external, []);
    assert.deepEqual(tab.consoleErrors, []);
    // An icon of its own, which is there: without one, browsers ask for /favicon.ico, a 404.
    const icon = await tab.evaluate(async () => {
      const link = document.querySelector('link[rel~="icon"]');
      return link && [link.href, (await fetch(link.href)).status];
    });
    assert.equal(icon?.[1], 200, `the article's icon: ${icon}`);
    await tab.context().close();
  }
});

test("a page's keyboard shortcuts take none of the keys the checker's controls use", async () => {
  const tab = await open('/shortcuts.html');
  await rendered(tab);
  const widget = tab.locator('#w');
  // Each new screen takes focus to its heading in the frame after it is drawn.
  const headingFocused = () =>
    tab.waitForFunction(() => /^H\d$/.test(document.querySelector('#w').shadowRoot.activeElement?.tagName));
  await widget.locator('[data-action="start"]').press('Enter');
  // Space ticks a box; Enter presses Next.
  for (const step of ['emergency', 'urgent']) {
    await widget.locator(`[data-step="${step}"]`).waitFor();
    await headingFocused();
    const none = widget.locator('input[data-option="none"]');
    await none.focus();
    await tab.keyboard.press('Space');
    assert.ok(await none.isChecked(), `Space ticks "None of these" on the ${step} step`);
    await widget.locator('[data-action="next"]').press('Enter');
  }
  // The arrows move through a radio group.
  await widget.locator('[data-step="age"]').waitFor();
  await headingFocused();
  const ages = widget.locator('input[name="q_age"]');
  await ages.first().focus();
  await tab.keyboard.press('Space');
  await tab.keyboard.press('ArrowDown');
  assert.ok(await ages.nth(1).isChecked(), 'ArrowDown chooses the next age');
  await tab.keyboard.press('ArrowUp');
  assert.ok(await ages.nth(0).isChecked(), 'ArrowUp chooses the one before');
  // Tab goes on to the page (a dialog's focus trap needs it); nothing else did.
  await tab.keyboard.press('Tab');
  const { taken, tabs } = await tab.evaluate(() => ({ taken: window.__taken, tabs: window.__tabs }));
  assert.deepEqual(taken, [], 'the page took no key and heard no tick');
  assert.equal(tabs, 1);
  await tab.context().close();
});

test('the demo article cites by number: each [n] links to source n, and every source is cited', async () => {
  const tab = await open('/demo/article.html', 1280);
  const { cites, sources } = await tab.evaluate(() => ({
    cites: [...document.querySelectorAll('sup.cite a')].map((a) => [a.textContent.match(/^\[(\d+)\]/)?.[1], a.href]),
    sources: [...document.querySelectorAll('.sources li[id^="source-"]')].map((li) => [
      li.id.slice('source-'.length),
      li.querySelector('a')?.href,
    ]),
  }));
  const hrefOf = new Map(sources);
  assert.ok(sources.length >= 30, `${sources.length} sources`);
  assert.deepEqual(
    sources.map(([n]) => Number(n)),
    sources.map((_, i) => i + 1),
    'numbered from 1 in order',
  );
  for (const [n, href] of cites) assert.equal(href, hrefOf.get(n), `[${n}] links to source ${n}`);
  const cited = new Set(cites.map(([n]) => n));
  assert.deepEqual(
    sources.filter(([n]) => !cited.has(n)).map(([n]) => n),
    [],
    'every source is cited',
  );
  await tab.context().close();
});

test('the demo article does not shift while the check loads, and the reservation ends with the reader’s first tap', async () => {
  for (const width of [320, 360, 390, 480, 600, 768, 1280]) {
    const tab = await open('/demo/article.html#check-heading', width);
    await tab.addInitScript(() => {
      window.__shift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shift += entry.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await tab.reload();
    const widget = tab.locator('b12-cramp-check');
    await widget.locator('[data-action="start"]').waitFor();
    await tab.waitForTimeout(300);
    assert.equal(await tab.evaluate(() => window.__shift), 0, `${width}px: no layout shift while loading`);
    for (const lang of ['en', 'es']) {
      await widget.evaluate((element, code) => element.setAttribute('lang', code), lang);
      const [reserved, firstScreen] = await widget.evaluate((element) => [
        Number.parseFloat(getComputedStyle(element).minHeight),
        element.shadowRoot.querySelector('.b12c').getBoundingClientRect().height,
      ]);
      assert.ok(
        firstScreen <= reserved,
        `${lang} at ${width}px: the first screen (${firstScreen}px) fits the reservation (${reserved}px)`,
      );
    }
    assert.equal(await widget.evaluate((element) => element.matches(':state(started)')), false);
    await widget.locator('[data-action="start"]').click();
    assert.equal(await widget.evaluate((element) => element.matches(':state(started)')), true);
    assert.equal(await widget.evaluate((element) => getComputedStyle(element).minHeight), '0px');
    await widget.locator('[data-step]').waitFor();
    await tab.context().close();
  }
});

test('at the end of a page scrolled to its end, Start still starts: the reservation ends after the click, not under it', async () => {
  const tab = await open('/reserved.html', 390);
  const widget = tab.locator('b12-cramp-check');
  await widget.locator('[data-action="start"]').waitFor();
  await tab.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await widget.locator('[data-action="start"]').click();
  await assert.doesNotReject(widget.locator('[data-step="emergency"]').waitFor({ timeout: 5000 }));
  await tab.context().close();
});
