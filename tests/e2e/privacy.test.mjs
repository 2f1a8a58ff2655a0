// Privacy on publisher pages, in Debian's Chromium: what session replay (rrweb), document-level
// listeners and the host's analytics can learn of a reader's answers (nothing), the complete
// event (only on the reader's own action, only ids), share links (no query but `lang`, `region`
// and `theme`; the fragment gone after reading, incomplete codes never land on a result),
// remembering (a real opt-in that a link never overwrites unasked), the clipboard fallback, the
// three surfaces under their strict Content Security Policies with Trusted Types, the standalone
// page's pinned wasm, and the single file's missing "remember".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DIST,
  ROOT,
  servedDistAndBrowser,
  newPage,
  cliEval,
  walk,
  shownResult,
  answersFile,
  storedOnDevice,
  NOTHING,
  collectViolations,
  nextUntilResult,
  serveChangedWasm,
  focused,
} from './support.mjs';

const EMBED = '<script type="module" src="/embed/b12-cramp-check.js"></script>';
const page = (body, head = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Publisher</title>${head}</head><body>${body}</body></html>`;

// A publisher's recorder: rrweb's session replay from the start of the page, capture-phase
// listeners that read what autocapture tools read (the innermost target in composedPath()),
// and an analytics listener for the checker's event. External scripts, as real ones are.
const RECORDER = `
  window.__recording = [];
  rrweb.record({ emit: (event) => window.__recording.push(event) });
  window.__heard = [];
  for (const type of ['click', 'input', 'change', 'focusin', 'keydown']) {
    document.addEventListener(type, (event) => {
      const target = event.composedPath()[0];
      window.__heard.push({
        type, key: event.key, tag: target?.tagName, id: target?.id, name: target?.name, value: target?.value,
        className: String(target?.className ?? ''), text: (target?.textContent ?? '').slice(0, 300),
        path: event.composedPath().map((node) => node.nodeName),
      });
    }, true);
  }
  window.__events = [];
  document.addEventListener('b12-cramp-check:complete', (event) => window.__events.push(event.detail));`;

// The strictest policy a host can set around the embed: its own files, WebAssembly, no inline
// script or style, and Trusted Types with no policy at all.
const EMBED_POLICY =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; " +
  "connect-src 'self'; base-uri 'none'; form-action 'none'; require-trusted-types-for 'script'; trusted-types 'none'";

const pages = {
  '/rrweb.js': {
    body: readFileSync(join(ROOT, 'node_modules/rrweb/dist/rrweb.umd.min.cjs')),
    headers: { 'content-type': 'text/javascript' },
  },
  '/recorder.js': { body: RECORDER, headers: { 'content-type': 'text/javascript' } },
  '/publisher.html': {
    body: page(
      `<article><h1>Does vitamin B12 help with muscle cramps?</h1><p>What the evidence says.</p>
      <div id="b12-cramp-check"><p id="host-own">The publisher's own box, which happens to use the checker's name.</p></div>
      <b12-cramp-check id="w"><p>Read the advice on leg cramps instead.</p></b12-cramp-check></article>${EMBED}`,
      '<script src="/rrweb.js"></script><script src="/recorder.js"></script>',
    ),
  },
  '/shares.html': { body: page(`<b12-cramp-check id="w" share-answers></b12-cramp-check>${EMBED}`) },
  // A hash-routed page: `#/article/b12` shows the article with the checker, anything else
  // the home page.
  '/routed.html': {
    body: page(
      `<main id="app"></main>${EMBED}`,
      `<script type="module">
      const render = () => {
        const app = document.getElementById('app');
        if (location.hash.split(/[?&]/)[0] !== '#/article/b12') app.innerHTML = '<h1 id="home">Home</h1>';
        else if (!document.getElementById('w')) app.innerHTML = '<h1>Article</h1><b12-cramp-check id="w"></b12-cramp-check>';
      };
      addEventListener('hashchange', render);
      render();
    </script>`,
    ),
  },
  '/strict-embed.html': {
    body: page(`<b12-cramp-check id="w"><p>fallback</p></b12-cramp-check>${EMBED}`),
    headers: { 'content-security-policy': EMBED_POLICY },
  },
};

const shared = servedDistAndBrowser(DIST, pages);

/** Keeps each shadow root the page attaches in `window.__roots`, leaving its mode as asked. */
function keepShadowRoots() {
  window.__roots = [];
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function attachShadow(init) {
    const root = attach.call(this, init);
    window.__roots.push(root);
    return root;
  };
}

/** The element at `selector` inside the checker's (closed) shadow root, as a handle. */
async function inChecker(tab, selector) {
  const handle = await tab.evaluateHandle((s) => window.__roots[0]?.querySelector(s) ?? null, selector);
  const element = handle.asElement();
  assert.ok(element, `the checker shows ${selector}`);
  return element;
}

/** `walk` for a checker in a closed shadow root, through real mouse clicks on its elements. */
async function walkClosed(tab, answers) {
  await tab.waitForFunction(() => window.__roots[0]?.querySelector('[data-action="start"]'));
  await (await inChecker(tab, '[data-action="start"]')).click();
  const given = {};
  for (;;) {
    await tab.waitForFunction(() => window.__roots[0].querySelector('[data-step], [data-triage]'));
    const step = await tab.evaluate(() => window.__roots[0].querySelector('[data-step]')?.dataset.step);
    if (!step) break;
    for (let changed = true; changed; ) {
      changed = false;
      const names = await tab.evaluate(() => [
        ...new Set([...window.__roots[0].querySelectorAll('input[name]')].map((i) => i.name)),
      ]);
      for (const name of names) {
        if (!(name in answers) || name in given) continue;
        for (const value of [answers[name]].flat())
          await (await inChecker(tab, `input[name="${name}"][data-option="${value}"]`)).click();
        given[name] = answers[name];
        changed = true;
      }
    }
    await (await inChecker(tab, '[data-action="next"]')).click();
    await tab.waitForFunction(
      (s) =>
        window.__roots[0].querySelector('[data-triage]') ||
        window.__roots[0].querySelector('[data-step]')?.dataset.step !== s,
      step,
    );
  }
  return given;
}

/** Collects Content Security Policy violations (and Trusted Types refusals) in `__violations`. */
test('session replay, click and input listeners and analytics on a publisher page learn nothing of the answers', async () => {
  const tab = await newPage(shared.chrome, 1280, { closed: true });
  await tab.addInitScript(keepShadowRoots);
  await tab.goto(shared.server.url + '/publisher.html');
  const answers = answersFile('b12-metformin-tingling.json');
  const given = await walkClosed(tab, answers);
  // Keyboard use inside the checker too: keydown and focusin from within it.
  for (let i = 0; i < 6; i++) await tab.keyboard.press('Tab');
  await tab.waitForFunction(() => window.__events.length === 1);
  const cli = cliEval(given);
  assert.equal(cli.triage, 'provider_soon_b12');

  const { recording, heard, events, roots, hostBox, markers } = await tab.evaluate(() => ({
    recording: JSON.stringify(window.__recording),
    heard: JSON.stringify(window.__heard),
    events: window.__events,
    roots: window.__roots.map((r) => r.mode),
    hostBox: document.getElementById('b12-cramp-check').innerHTML.trim(),
    markers: {
      className: document.querySelector('#w').className,
      hj: document.querySelector('#w').getAttribute('data-hj-suppress'),
      clarity: document.querySelector('#w').getAttribute('data-clarity-mask'),
      logrocket: document.querySelector('#w').getAttribute('data-private'),
    },
  }));
  // The tools work: they recorded the article and heard the clicks (on the host element).
  assert.match(recording, /Does vitamin B12 help with muscle cramps/);
  assert.ok(
    JSON.parse(heard).some((h) => h.type === 'click' && h.id === 'w'),
    'clicks reach the host as clicks on the element',
  );
  assert.ok(
    JSON.parse(heard).some((h) => h.type === 'keydown'),
    'and keys',
  );
  // But nothing of the questionnaire: no question or option id, no answer or result text.
  const secrets = [
    ...Object.keys(given),
    ...Object.values(given)
      .flat()
      .filter((option) => option.includes('_')),
    'Pins and needles',
    'Metformin',
    '65 to 74',
    'None of these',
    'Emergency signs',
    'vitamin B12 test is right for you',
    'Why this result',
    'Your answers',
    'data-triage',
    cli.triage,
  ];
  for (const secret of secrets) {
    assert.ok(!recording.includes(secret), `the replay recording holds "${secret}"`);
    assert.ok(!heard.includes(secret), `the page's listeners heard "${secret}"`);
  }
  // The analytics event: exactly the three ids, once.
  assert.deepEqual(events, [{ triage: cli.triage, topFactor: cli.top_factor, packVersion: cli.pack.version }]);
  assert.deepEqual(roots, ['closed']);
  assert.equal(markers.className, 'rr-block ph-no-capture sentry-block fs-exclude');
  assert.deepEqual(
    { ...markers, className: undefined },
    { className: undefined, hj: '', clarity: 'true', logrocket: '' },
  );
  // The host's element that happens to carry the checker's id keeps its content.
  assert.match(hostBox, /The publisher's own box/);
  assert.deepEqual(await storedOnDevice(tab, shared.server.url), NOTHING);
  assert.deepEqual(tab.external, []);
  assert.deepEqual(tab.consoleErrors, []);
  await tab.context().close();
});

test('with share-answers, the intro and the result say that this site receives the answers', async () => {
  for (const [path, privacy] of [
    ['/shares.html', 'shared'],
    ['/strict-embed.html', 'private'],
  ]) {
    const tab = await newPage(shared.chrome, 1280);
    await tab.goto(shared.server.url + path);
    const intro = tab.locator('[data-privacy]');
    assert.equal(await intro.getAttribute('data-privacy'), privacy, path);
    if (privacy === 'shared') assert.match(await intro.innerText(), /This website receives your answers/);
    await walk(tab.locator('#w'), answersFile('emergency-early-exit.json'));
    assert.equal(await tab.locator('[data-triage] [data-privacy]').getAttribute('data-privacy'), privacy, path);
    await tab.context().close();
  }
});

/** The standalone page with a listener that keeps every complete event in `__events`. */
async function standalone(address, tab = null) {
  tab ??= await newPage(shared.chrome, 1280);
  await tab.addInitScript(() => {
    window.__events = [];
    document.addEventListener('b12-cramp-check:complete', (event) => window.__events.push(event.detail));
  });
  await tab.goto(shared.server.url + address);
  await tab.locator('[data-action="start"], [data-triage], [data-step]').first().waitFor();
  return tab;
}

/**
 * The reader's own action on a result that came from a link: Change my answers, then Next to
 * the result again. Resolves to the fields of the complete event it sends, the first one.
 */
async function resultAgainSends(tab) {
  await tab.click('[data-action="change"]');
  await nextUntilResult(tab);
  await tab.waitForFunction(() => window.__events.length === 1);
  return Object.keys((await tab.evaluate(() => window.__events))[0]).sort();
}

/** A share link to the answers of `file`, made on the standalone page at `address`. */
async function shareLink(file, address = '/') {
  const tab = await standalone(address);
  await walk(tab, answersFile(file));
  await tab.click('[data-action="share"]');
  const link = await tab.locator('[data-share-link]').inputValue();
  await tab.context().close();
  return link;
}

test('a share link keeps no query but the language, leaves the address once read, and tells the host nothing until the reader acts', async () => {
  const link = await shareLink(
    'b12-metformin-tingling.json',
    '/?subscriber=8841&lang=en&languages=fr&utm_source=newsletter#top',
  );
  assert.doesNotMatch(link, /subscriber|utm_source|languages/, link);
  assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/\?lang=en#b12c=[A-Za-z0-9_-]+$/);

  const tab = await standalone(new URL(link).pathname + '?ref=mail' + new URL(link).hash);
  await tab.locator('[data-triage]').waitFor();
  assert.equal(await tab.locator('[data-notice]').getAttribute('data-notice'), 'from-link');
  // The code is gone from the address bar (the page's own query stays), without a new entry.
  assert.equal(await tab.evaluate(() => location.hash), '');
  assert.equal(await tab.evaluate(() => location.search), '?ref=mail');
  await tab.waitForTimeout(300);
  assert.deepEqual(await tab.evaluate(() => window.__events), [], 'opening a link sends nothing');
  // The reader's own action: the result's ids, and nothing of the answers.
  assert.deepEqual(await resultAgainSends(tab), ['packVersion', 'topFactor', 'triage']);
  // The code was replaced, not added to: Back does not return to an address that holds it.
  await tab.goBack();
  assert.doesNotMatch(tab.url(), /b12c=/);
  await tab.context().close();
});

test('with share-answers, a visit that did not show the intro (it began from a link) sends no answers', async () => {
  const link = await shareLink('b12-metformin-tingling.json');
  const tab = await standalone(`/shares.html${new URL(link).hash}`);
  await tab.locator('[data-triage]').waitFor();
  // The reader acts, never having seen the intro, which is where they are told that this
  // website receives their answers.
  assert.deepEqual(await resultAgainSends(tab), ['packVersion', 'topFactor', 'triage']);
  // Start again shows the intro: from then on this visit's results carry the answers.
  await tab.click('[data-action="restart"]');
  await tab.locator('[data-privacy="shared"]').waitFor();
  const given = await walk(tab.locator('#w'), answersFile('emergency-early-exit.json'));
  await tab.waitForFunction(() => window.__events.length === 2);
  assert.deepEqual((await tab.evaluate(() => window.__events))[1].answers, given);
  assert.deepEqual(tab.consoleErrors, []);
  await tab.context().close();
});

test("a code without the safety screens' answers lands on the first step, never on a result", async () => {
  const link = await shareLink('same-day-statin.json');
  const code = new URL(link).hash.slice('#b12c='.length);
  const headerOnly = Buffer.from(code, 'base64url').subarray(0, 5).toString('base64url');
  const tab = await standalone(`/#b12c=${headerOnly}`);
  assert.equal(await tab.locator('[data-step]').getAttribute('data-step'), 'emergency');
  assert.equal(await tab.locator('[data-triage]').count(), 0);
  assert.equal(await tab.locator('.error-summary').count(), 0, 'no error the reader did not cause');
  await tab.context().close();
});

test('remembering is a real opt-in: a planted value is ignored, and a link never replaces remembered answers unasked', async () => {
  // A value under the key that is not a consented record (here, a bare share code): ignored,
  // said so, left alone.
  const planted = new URL(await shareLink('other-cause-walking-pain.json')).hash.slice('#b12c='.length);
  const tab = await standalone('/');
  await tab.evaluate((value) => localStorage.setItem('b12-cramp-check', value), planted);
  await tab.reload();
  await tab.locator('[data-action="start"]').waitFor();
  assert.equal(await tab.locator('[data-notice]').getAttribute('data-notice'), 'stored-ignored');
  assert.equal(await tab.locator('[data-action="start"]').count(), 1, 'a fresh start');
  const given = await walk(tab, answersFile('self-care-exercise.json'));
  assert.equal(await tab.isChecked('[data-action="remember"]'), false, 'not remembered');
  assert.equal(await tab.evaluate(() => localStorage.getItem('b12-cramp-check')), planted, 'left as it was');
  assert.match(await tab.locator('.remember .hint').innerText(), /this website \(its other pages can read them\)/);

  // The reader opts in: a versioned record that says so.
  await tab.check('[data-action="remember"]');
  const record = await tab.evaluate(() => localStorage.getItem('b12-cramp-check'));
  assert.match(record, /^v1;consented;[A-Za-z0-9_-]+$/);

  // A link with other answers, opened on this device: shown, but the remembered answers stay
  // until the reader chooses; a change and a new result by the reader does not replace them.
  const link = await shareLink('b12-metformin-tingling.json');
  await tab.goto('about:blank');
  await tab.goto(link);
  await tab.locator('[data-triage="provider_soon_b12"]').waitFor();
  assert.equal(await tab.evaluate(() => localStorage.getItem('b12-cramp-check')), record);
  assert.equal(await tab.locator('[data-notice="other-answers-remembered"]').count(), 1);
  await tab.click('[data-action="change"]');
  await nextUntilResult(tab);
  assert.equal(
    await tab.evaluate(() => localStorage.getItem('b12-cramp-check')),
    record,
    'still the remembered answers',
  );
  await tab.click('[data-action="replace-remembered"]');
  assert.equal(await focused(tab, 'type'), 'checkbox', 'focus does not fall to the page');
  const replaced = await tab.evaluate(() => localStorage.getItem('b12-cramp-check'));
  assert.notEqual(replaced, record);
  assert.match(replaced, /^v1;consented;/);
  assert.equal(await tab.locator('[data-notice="other-answers-remembered"]').count(), 0);
  assert.equal(cliEval(given).triage, 'self_care');
  assert.deepEqual(tab.consoleErrors, []);
  await tab.context().close();
});

test("a share link made on a hash-routed page keeps the page's route, and nothing else of its fragment", async () => {
  const tab = await newPage(shared.chrome, 1280);
  await tab.goto(`${shared.server.url}/routed.html#/article/b12?sub=8841&utm=mail`);
  const given = await walk(tab.locator('#w'), answersFile('same-day-statin.json'));
  const shown = await shownResult(tab.locator('#w'));
  await tab.click('[data-action="share"]');
  const link = new URL(await tab.locator('[data-share-link]').inputValue());
  assert.match(link.hash, /^#\/article\/b12&b12c=[A-Za-z0-9_-]+$/);
  // Opened elsewhere: the article, with the result; the code leaves the address, the route stays.
  const other = await newPage(shared.chrome, 1280);
  await other.goto(link.href);
  assert.deepEqual(await shownResult(other.locator('#w')), shown);
  assert.equal(shown.triage, cliEval(given).triage);
  assert.equal(new URL(other.url()).hash, '#/article/b12');
  assert.deepEqual([...tab.consoleErrors, ...other.consoleErrors], []);
  await tab.context().close();
  await other.context().close();
});

test('remembered answers are never replaced unasked: not after reloading a link, nor after a broken link', async () => {
  const tab = await standalone('/');
  await walk(tab, answersFile('self-care-exercise.json'));
  await tab.check('[data-action="remember"]');
  const record = await tab.evaluate(() => localStorage.getItem('b12-cramp-check'));
  assert.match(record, /^v1;consented;/);
  const storedNow = () => tab.evaluate(() => localStorage.getItem('b12-cramp-check'));

  // A link with other answers, its tab reloaded (the answers now come from the tab's history
  // entry), then "Change my answers" and Next to the result again: the remembered answers stay.
  const link = await shareLink('b12-metformin-tingling.json');
  await tab.goto('about:blank');
  await tab.goto(link);
  await tab.locator('[data-triage="provider_soon_b12"]').waitFor();
  await tab.reload();
  await tab.locator('[data-triage="provider_soon_b12"]').waitFor();
  await tab.click('[data-action="change"]');
  await nextUntilResult(tab);
  assert.equal(await storedNow(), record, 'after a reload of the link');
  assert.equal(await tab.locator('[data-notice="other-answers-remembered"]').count(), 1);

  // A broken link starts afresh without showing the remembered answers: completing the check
  // does not replace them either.
  await tab.goto('about:blank');
  await tab.goto(`${shared.server.url}/#b12c=*broken`);
  await tab.locator('[data-notice="link-damaged"]').waitFor();
  await walk(tab, answersFile('same-day-statin.json'));
  await tab.locator('[data-triage]').waitFor();
  assert.equal(await storedNow(), record, 'after a broken link');
  assert.equal(await tab.locator('[data-notice="other-answers-remembered"]').count(), 1);
  assert.deepEqual(tab.consoleErrors, []);
  await tab.context().close();
});

test('without a clipboard (an http page), the link is shown to copy by hand', async () => {
  const tab = await newPage(shared.chrome, 1280);
  await tab.addInitScript(() => Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined }));
  await standalone('/', tab);
  await walk(tab, answersFile('same-day-statin.json'));
  await tab.click('[data-action="share"]');
  assert.match(await tab.locator('[data-share-link]').inputValue(), /#b12c=/);
  assert.match(await tab.locator('[data-section=keep] [role="status"]').innerText(), /Copy this link/);
  assert.deepEqual(tab.consoleErrors, [], 'nothing throws');
  await tab.context().close();
});

test('the standalone page, the embed and the single file run under their strict policies with Trusted Types, with no violation', async () => {
  const policy = readFileSync(join(DIST, 'index.html'), 'utf8').match(
    /http-equiv="Content-Security-Policy" content="([^"]+)"/,
  )[1];
  assert.match(policy, /require-trusted-types-for 'script'/);
  pages['/strict-standalone/'] = {
    body: readFileSync(join(DIST, 'index.html')),
    headers: { 'content-security-policy': policy },
  };
  const surfaces = [
    { name: 'standalone page', url: `${shared.server.url}/strict-standalone/`, scope: (tab) => tab },
    { name: 'embed', url: `${shared.server.url}/strict-embed.html`, scope: (tab) => tab.locator('#w') },
    {
      name: 'single file',
      url: pathToFileURL(join(DIST, 'b12-cramp-check.html')).href,
      scope: (tab) => tab.locator('b12-cramp-check'),
    },
  ];
  // The standalone page's files are relative to it: serve them under the strict folder too.
  for (const file of [
    'register-sw.js',
    'language.js',
    'sw.js',
    'manifest.webmanifest',
    'icon.svg',
    'embed/b12-cramp-check.js',
    'embed/b12-cramp-check_bg.wasm',
  ]) {
    const type = {
      js: 'text/javascript',
      wasm: 'application/wasm',
      svg: 'image/svg+xml',
      webmanifest: 'application/manifest+json',
    }[file.split('.').pop()];
    pages[`/strict-standalone/${file}`] = {
      body: readFileSync(join(DIST, file)),
      headers: { 'content-type': type, 'content-security-policy': policy },
    };
  }
  const css = readFileSync(join(DIST, 'index.html'), 'utf8').match(/href="\.\/(page-[0-9a-f]+\.css)"/)[1];
  pages[`/strict-standalone/${css}`] = { body: readFileSync(join(DIST, css)), headers: { 'content-type': 'text/css' } };

  for (const surface of surfaces) {
    const tab = await newPage(shared.chrome, 1280);
    await tab.addInitScript(collectViolations);
    await tab.goto(surface.url);
    const given = await walk(surface.scope(tab), answersFile('b12-metformin-tingling.json'));
    const shown = await shownResult(surface.scope(tab));
    assert.equal(shown.triage, cliEval(given).triage, surface.name);
    await tab.waitForTimeout(300);
    assert.deepEqual(await tab.evaluate(() => window.__violations), [], `${surface.name}: no policy violation`);
    assert.deepEqual(tab.consoleErrors, [], surface.name);
    await tab.context().close();
  }
});

test("the README's Policies table gives each surface's policy as built and as tested", () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('## Policies'), readme.indexOf('## Robustness'));
  const built = (file) =>
    readFileSync(join(DIST, file), 'utf8').match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)[1];
  const policies = {
    embed: EMBED_POLICY,
    'standalone page': built('index.html'),
    'frame page': built('frame.html'),
    // Its hashes change with every build: the README writes them as `sha384-…`.
    'single file': built('b12-cramp-check.html').replace(/'sha384-[^']+'/g, "'sha384-…'"),
  };
  for (const [surface, policy] of Object.entries(policies))
    assert.ok(table.includes(`\`${policy}\``), `${surface}: ${policy}`);
});

test('the standalone page refuses a changed wasm, as the embed does', async () => {
  const tab = await newPage(shared.chrome, 1280);
  await serveChangedWasm(tab);
  await tab.goto(shared.server.url + '/');
  await tab.waitForTimeout(800);
  assert.equal(await tab.locator('.b12c-loading').isVisible(), true, 'the fallback stays');
  assert.match(await tab.locator('.b12c-loading').innerText(), /emergency number/);
  assert.equal(await tab.locator('[data-action="start"]').count(), 0);
  assert.ok(
    tab.consoleErrors.some((e) => /SRI|integrity/i.test(e)),
    tab.consoleErrors.join('\n'),
  );
  await tab.context().close();
});

test('the single file offers no remembering, and warns that its link shows where it is saved', async () => {
  const tab = await newPage(shared.chrome, 1280);
  await tab.goto(pathToFileURL(join(DIST, 'b12-cramp-check.html')).href);
  const widget = tab.locator('b12-cramp-check');
  await walk(widget, answersFile('same-day-statin.json'));
  await widget.locator('[data-triage]').waitFor();
  assert.equal(await widget.locator('[data-action="remember"]').count(), 0);
  assert.match(await widget.locator('[data-notice="no-remember-in-file"]').innerText(), /another file could read them/);
  assert.equal(await widget.locator('[data-action="print"]').count(), 1);
  assert.equal(await widget.locator('[data-action="share"]').count(), 1);
  assert.match(await widget.locator('[data-warning="file-link"]').innerText(), /where the file is saved/);
  assert.deepEqual(await tab.evaluate(() => Object.keys(localStorage)), []);
  await tab.context().close();
});
