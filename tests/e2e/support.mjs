// Shared by the end-to-end tests: a static server for dist/, Debian's Chromium through
// playwright-core with every non-local request refused, and the command-line evaluator.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { readFile, mkdir } from 'node:fs/promises';
import assert from 'node:assert/strict';
import { extname, join, normalize, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { before, after } from 'node:test';

export const ROOT = resolve(import.meta.dirname, '../..');
export const DIST = join(ROOT, 'dist');
export const OUTPUT = join(ROOT, 'test-output');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json',
};

/**
 * Serves `dir` on 127.0.0.1 at a free port with `headers` on every response; `pages` adds
 * in-memory pages (path to { body, headers, status }, or { unanswered: true } for a request
 * left without an answer); without `folderIndexes` a folder's address is
 * 404, as on a server without directory indexes. Resolves to { url, close }.
 */
export async function serve(dir = DIST, headers = {}, pages = {}, { folderIndexes = true } = {}) {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    if (pages[path]) {
      // A server that never answers: the request stays open until the server closes.
      if (pages[path].unanswered) return;
      res.writeHead(pages[path].status ?? 200, { 'content-type': TYPES['.html'], ...headers, ...pages[path].headers });
      res.end(pages[path].body);
      return;
    }
    if (path.endsWith('/') && !folderIndexes) {
      res.writeHead(404).end('not found');
      return;
    }
    const file = join(dir, path.endsWith('/') ? path + 'index.html' : path);
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', ...headers });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    // Open sockets are cut, not awaited: a browser gone offline never closes its keep-alive ones.
    close: () =>
      new Promise((ok) => {
        server.close(ok);
        server.closeAllConnections();
      }),
  };
}

/** Chromium as the component tests run it (webdriver.json, which wasm-bindgen-test-runner reads). */
const CHROME = JSON.parse(readFileSync(join(ROOT, 'webdriver.json'), 'utf8'))['goog:chromeOptions'];

/** Debian's Chromium, with `args` added to its command line. */
export async function browser(args = []) {
  const instance = await chromium.launch({
    executablePath: CHROME.binary,
    args: [
      '--no-sandbox',
      ...CHROME.args.map((arg) => arg.replace(/^-*/, '--')),
      '--font-render-hinting=none',
      ...args,
    ],
  });
  return instance;
}

/**
 * For a test file: dist/ (or `dir`, with in-memory `pages` as `serve` takes them) served and
 * Chromium started before its tests, both closed after. The returned object's `server` and
 * `chrome` are set once the tests run.
 */
export function servedDistAndBrowser(dir = DIST, pages = {}) {
  const shared = {};
  before(async () => {
    shared.server = await serve(dir, {}, pages);
    shared.chrome = await browser();
  });
  after(async () => {
    await shared.chrome?.close();
    await shared.server?.close();
  });
  return shared;
}

/**
 * What a test of a page with the checker does to see inside it: the checker's shadow root is
 * closed (so that replay and analytics scripts cannot read the answers), and this makes every
 * shadow root open before any script runs, so that locators and axe reach inside. The modes the
 * page asked for are kept in `window.__shadowModes`. README: Testing a page with the checker.
 */
export function openShadowRoots() {
  window.__shadowModes = [];
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function attachShadow(init) {
    window.__shadowModes.push(init.mode);
    return attach.call(this, { ...init, mode: 'open' });
  };
}

/** An init script: every Content Security Policy violation in the document, in `window.__violations`. */
export function collectViolations() {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) =>
    window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`),
  );
}

/**
 * A page at a fixed viewport (`height` 900 unless given) whose external requests are refused
 * and listed in `external`. Shadow roots are opened for the test (`openShadowRoots`) unless
 * `closed` is set.
 */
export async function newPage(instance, width, { closed = false, height = 900 } = {}) {
  const context = await instance.newContext({
    viewport: { width, height },
    deviceScaleFactor: 1,
    reducedMotion: 'reduce',
  });
  if (!closed) await context.addInitScript(openShadowRoots);
  const page = await context.newPage();
  page.external = [];
  page.consoleErrors = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1' || ['data:', 'blob:', 'file:'].includes(url.protocol)) return route.continue();
    page.external.push(url.href);
    return route.abort();
  });
  page.on('console', (m) => {
    if (m.type() === 'error') page.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => page.consoleErrors.push(String(e)));
  return page;
}

/**
 * Everything the page at `origin` could have stored: web storage, cookies and IndexedDB databases. The
 * service worker's cache may hold the page's own files only: each cached address is checked
 * to carry no query and no fragment, so no answers, and the check fails otherwise.
 */
export async function storedOnDevice(tab, origin) {
  const inPage = await tab.evaluate(async () => {
    const cached = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) cached.push(request.url);
    }
    return {
      local: Object.fromEntries(Object.entries(localStorage)),
      session: Object.fromEntries(Object.entries(sessionStorage)),
      cookie: document.cookie,
      indexedDB: (await indexedDB.databases()).map((d) => d.name),
      cached,
    };
  });
  const { cached, ...rest } = inPage;
  for (const address of cached) {
    const url = new URL(address);
    assert.equal(url.origin, origin, `only the page's own files are cached: ${address}`);
    assert.equal(url.search + url.hash, '', `a cached address carries no answers: ${address}`);
  }
  return { ...rest, cookies: (await tab.context().cookies()).map((c) => c.name) };
}
export const NOTHING = { local: {}, session: {}, cookie: '', indexedDB: [], cookies: [] };

/**
 * Resolves once the tasks queued in `page` before have run and the next frame has begun: the
 * checker draws a new screen in a task after the action's, and moves focus to it (or back to an
 * option) and scrolls to it just before the frame after that.
 */
export async function settled(page) {
  await page.evaluate(async () => {
    await new Promise((resolve) => setTimeout(resolve));
    await new Promise(requestAnimationFrame);
  });
}

/**
 * `read(element, arg)` run in the page on the focused element (looking inside open shadow
 * roots), once the page has `settled`.
 */
export async function inFocused(page, read, arg) {
  await settled(page);
  const element = await page.evaluateHandle(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    return element;
  });
  try {
    return await element.evaluate(read, arg);
  } finally {
    await element.dispose();
  }
}

/** A property of the focused element (as `inFocused`). */
export const focused = (page, property) => inFocused(page, (element, name) => element?.[name], property);

/** `cramp-check` with these arguments and `input` on standard input; its output as parsed JSON. */
export function cli(args, input = '') {
  const binary = process.env.CRAMP_CHECK ?? join(ROOT, 'target/debug/cramp-check');
  return JSON.parse(execFileSync(binary, args, { input }).toString());
}

/** `cramp-check <command>` (`eval` by default, or `outline`) on these answers, as parsed JSON. */
export function cliEval(answers, command = 'eval') {
  return cli([command, '-'], JSON.stringify(answers));
}

export async function screenshot(page, name) {
  const dir = join(OUTPUT, 'screenshots');
  await mkdir(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core on the page; resolves to its violations (WCAG 2.2 A and AA rules). Evaluated
 * through the browser's debugging protocol, not a script element, so that the page's own
 * Content Security Policy and Trusted Types stay as they are.
 */
export async function axeViolations(page) {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'],
    });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
  });
}

export const answersFile = (name) => JSON.parse(readFileSync(join(ROOT, 'tests/answers', name), 'utf8'));

/** Serves `page` the embed's wasm with its last byte changed, which its integrity check refuses. */
export function serveChangedWasm(page) {
  return page.route('**/embed/b12-cramp-check_bg.wasm', async (route) => {
    const body = Buffer.from(readFileSync(join(DIST, 'embed/b12-cramp-check_bg.wasm')));
    body[body.length - 1] ^= 1;
    await route.fulfill({ body, contentType: 'application/wasm' });
  });
}

/**
 * Walks the questionnaire in `scope` (a page, or a locator for one widget): answers each shown
 * question that `answers` answers, step by step, calling `shot(name)` on each step. Starts from
 * the intro unless `started` (then from the step showing). Resolves to the answers the widget
 * was given on the way.
 */
export async function walk(scope, answers, shot, { started = false } = {}) {
  const given = {};
  if (!started) {
    await scope.locator('[data-action="start"]').click();
    // The first step renders after the click's task (at once, but not within it on a slow CPU).
    await scope.locator('[data-step]').waitFor();
  }
  for (let n = 1; ; n++) {
    const stepElement = scope.locator('[data-step]');
    if (!(await stepElement.count())) break;
    const step = await stepElement.getAttribute('data-step');
    await answerShown(scope, answers, given);
    if (shot) await shot(`${String(n).padStart(2, '0')}-${step}`);
    if (await pressNext(scope, 'the answers file misses a required answer')) break;
  }
  return given;
}

/**
 * Gives each question the step in `scope` shows its answer from `answers`, unless `given` (the
 * answers given so far, which this adds to) has it.
 */
export async function answerShown(scope, answers, given) {
  // A step is drawn in a task after the click that asks for it (Start, Next).
  await scope.locator('[data-step]').waitFor();
  // Show-if questions appear as earlier answers are given, so look again after each one.
  for (let changed = true; changed; ) {
    changed = false;
    const names = await scope.locator('input[name]').evaluateAll((inputs) => [...new Set(inputs.map((i) => i.name))]);
    for (const name of names) {
      if (!(name in answers) || name in given) continue;
      for (const value of [answers[name]].flat())
        await scope.locator(`input[name="${name}"][data-option="${value}"]`).check();
      given[name] = answers[name];
      changed = true;
    }
  }
}

/**
 * Presses Next on the step in `scope` and waits for where it leads: the next step, or the result
 * (drawn a task after the click's). Resolves to whether that is the result; fails, saying `why`,
 * when the step refuses to move on.
 */
export async function pressNext(scope, why = 'a required answer is missing') {
  const step = await scope.locator('[data-step]').getAttribute('data-step');
  await scope.locator('[data-action="next"]').click();
  await scope.locator(`[data-triage], [data-step]:not([data-step="${step}"]), .error-summary`).first().waitFor();
  if (await scope.locator('[data-triage]').count()) return true;
  const now = await scope.locator('[data-step]').getAttribute('data-step');
  assert.notEqual(now, step, `Next did not move on from ${step}: ${why}`);
  return false;
}

/** Presses Next until the result shows. */
export async function nextUntilResult(scope) {
  while (!(await pressNext(scope)));
}

/**
 * What the result in `scope` shows, in page order: the engine's ids for triage, top factor,
 * sections, reasons and advice.
 */
export async function shownResult(scope) {
  const root = scope.locator('[data-triage]');
  await root.waitFor();
  return {
    triage: await root.getAttribute('data-triage'),
    top_factor: await root.getAttribute('data-top-factor'),
    sections: await scope.locator('[data-section]').evaluateAll((els) => els.map((e) => e.dataset.section)),
    reasons: await scope.locator('[data-reason]').evaluateAll((els) => els.map((e) => e.dataset.reason)),
    advice: await scope.locator('[data-advice]').evaluateAll((els) => els.map((e) => e.dataset.advice)),
  };
}

/**
 * The result `shown` (from `shownResult`) is `cramp-check eval`'s on `given` (its triage, top
 * factor and reasons), with the sections, reasons and advice of `cramp-check outline`, in its
 * order.
 */
export function assertShowsOutline(shown, given) {
  const evaluated = cliEval(given);
  assert.equal(shown.triage, evaluated.triage);
  assert.equal(shown.top_factor, evaluated.top_factor);
  assert.deepEqual(
    shown.reasons,
    evaluated.reasons.map((r) => `${r.kind}:${r.id}`),
  );
  const { sections } = cliEval(given, 'outline');
  assert.deepEqual(
    shown.sections,
    sections.map((s) => s.id),
  );
  assert.deepEqual(
    shown.reasons,
    sections.flatMap((s) => s.reasons ?? []).map((r) => r.id),
  );
  assert.deepEqual(
    shown.advice,
    sections.flatMap((s) => s.advice ?? []).map((a) => a.id),
  );
}

/**
 * Ticks an option the way a keyboard user does: focus it, press Space. Once the page has
 * `settled`: a step just drawn moves focus to its heading before the next frame, which would
 * take focus from an option focused sooner than any reader could reach it.
 */
export async function tickByKeyboard(page, question, option) {
  const input = page.locator(`input[name="${question}"][data-option="${option}"]`);
  await settled(page);
  await input.focus();
  await page.keyboard.press('Space');
  return input;
}

/**
 * Answers each step from `answers` until the step that asks `question`; fails at once, naming the
 * result and the answers it was given, when a Next leads to the result instead.
 */
export async function walkTo(page, answers, question) {
  const given = {};
  // Just after Start the first step is not there yet: looking for the question then would miss
  // it, and walk past it.
  await page.locator('[data-step]').waitFor();
  while (!(await page.locator(`input[name="${question}"]`).count())) {
    await answerShown(page, answers, given);
    if (await pressNext(page)) {
      const triage = await page.locator('[data-triage]').getAttribute('data-triage');
      const answered = await page
        .locator('[data-action="change-answer"]')
        .evaluateAll((buttons) =>
          buttons.map((b) => `${b.dataset.question}: ${b.parentElement.textContent.replace(b.textContent, '').trim()}`),
        );
      assert.fail(`on the way to ${question}, Next led to the ${triage} result; its answers: ${answered.join(' | ')}`);
    }
  }
}

/** The option that has focus: `question=option` (as `inFocused`). */
export const focusedOption = (page) => inFocused(page, (element) => `${element.name}=${element.dataset.option}`);

/** WCAG 1.4.12's spacing, on the page and in the checker's shadow root. */
export function addTextSpacing() {
  const css = `* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
    p { margin-bottom: 2em !important; }`;
  for (const root of [document, document.querySelector('b12-cramp-check').shadowRoot]) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }
}

/** The questions of `cramp-check fhir questionnaire`'s Questionnaire in order (each step is a group of them). */
export const fhirQuestions = (q) => q.item.flatMap((group) => group.item);

/**
 * LHC-Forms' files as its README orders them, under `base` (its dist/lforms/ served): a page's
 * head. The FHIR support is a classic script, deferred so that it runs after the modules that
 * define `LForms`.
 */
export const lhcFormsHead = (base) =>
  `<link rel="stylesheet" href="${base}/webcomponent/styles.css">
<script src="${base}/webcomponent/assets/lib/zone.min.js"></script>
<script src="${base}/webcomponent/runtime.js" type="module"></script>
<script src="${base}/webcomponent/polyfills.js" type="module"></script>
<script src="${base}/webcomponent/main.js" type="module"></script>
<script src="${base}/fhir/R4/lformsFHIR.min.js" defer></script>`;

/** LHC-Forms' item for a linkId (its element ids are `item-<linkId>/<position>`). */
export const lhcFormsItem = (page, linkId) => page.locator(`lhc-item[id^="item-${linkId}/"]`);

/** In LHC-Forms, clicks the option with `code` of question `item` (from the Questionnaire), by the text it shows. */
export async function chooseInLhcForms(page, item, code) {
  const option = item.answerOption.find((o) => o.valueCoding.code === code);
  assert.ok(option, `${item.linkId} has ${code}`);
  await lhcFormsItem(page, item.linkId).getByText(option.valueCoding.display, { exact: true }).click();
}
