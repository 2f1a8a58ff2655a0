// Offline use end to end, in Debian's Chromium: the single file (dist/b12-cramp-check.html)
// opened from disk with every request refused, and the standalone page's service worker (the
// page works offline once opened; a new version replaces the cache).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DIST,
  serve,
  browser,
  newPage,
  cliEval,
  walk,
  shownResult,
  answersFile,
  axeViolations,
  screenshot,
  openShadowRoots,
  assertShowsOutline,
} from './support.mjs';

const OFFLINE_FILE = join(DIST, 'b12-cramp-check.html');
const OFFLINE_URL = pathToFileURL(OFFLINE_FILE).href;
// Each copy of the page (the worker's scope, a folder of the site) has caches of its own:
// `b12-cramp-check <scope's path> <version>`.
const CACHE_PREFIX = 'b12-cramp-check ';
const cacheName = (scope, version) => `${CACHE_PREFIX}${scope} ${version}`;
/** The worker's version in the built sw.js, and the worker with `version` in its place. */
function serviceWorker() {
  const sw = readFileSync(join(DIST, 'sw.js'), 'utf8');
  const [, version] = sw.match(/version:"([0-9a-f]+)"/);
  return {
    version,
    as: (other) => ({ body: sw.replace(`"${version}"`, `"${other}"`), headers: { 'content-type': 'text/javascript' } }),
  };
}

let chrome;
before(async () => {
  chrome = await browser();
});
after(async () => {
  await chrome?.close();
});

/**
 * A page with the network off: every request but the offline file itself is refused and listed
 * in `requests`; console errors are listed in `consoleErrors`, every console message in `console`.
 */
async function offlinePage() {
  const context = await chrome.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
  await context.addInitScript(openShadowRoots);
  await context.setOffline(true);
  const page = await context.newPage();
  page.requests = new Set();
  page.consoleErrors = [];
  page.on('request', (request) => {
    if (request.url() !== OFFLINE_URL) page.requests.add(request.url());
  });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url === OFFLINE_URL) return route.continue();
    page.requests.add(url);
    return route.abort();
  });
  page.on('console', (m) => {
    if (m.type() === 'error') page.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => page.consoleErrors.push(String(e)));
  return page;
}

/** Every element in the document and its open shadow roots with an attribute that can load something. */
function loadingAttributes(page) {
  return page.evaluate(() => {
    const names = [
      'src',
      'srcset',
      'href',
      'xlink:href',
      'action',
      'formaction',
      'poster',
      'data',
      'background',
      'ping',
      'manifest',
    ];
    const found = [];
    const visit = (root) => {
      for (const element of root.querySelectorAll('*')) {
        for (const name of names) {
          if (element.hasAttribute(name))
            found.push({ tag: element.localName, name, value: element.getAttribute(name) });
        }
        if (element.shadowRoot) visit(element.shadowRoot);
      }
    };
    visit(document);
    return found;
  });
}

/** Resolves once a service worker controls the page. */
const controlled = (page) =>
  page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
    }
  });

/**
 * Checks the server for a new service worker and resolves once it is activated (its activate
 * handler done; `controllerchange` comes earlier, before that handler runs).
 */
const updated = (page) =>
  page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    const found = new Promise((ok) => registration.addEventListener('updatefound', ok, { once: true }));
    await registration.update();
    await found;
    const worker = registration.installing;
    await new Promise((ok, fail) => {
      const check = () => {
        if (worker.state === 'activated') ok();
        if (worker.state === 'redundant') fail(new Error('the new service worker failed to install'));
      };
      worker.addEventListener('statechange', check);
      check();
    });
  });

/** The page's caches, each with the paths it holds. */
const cachedFiles = (page) =>
  page.evaluate(async () => {
    const out = {};
    for (const key of await caches.keys()) {
      out[key] = (await (await caches.open(key)).keys()).map((request) => new URL(request.url).pathname).sort();
    }
    return out;
  });

/**
 * Resolves once `predicate` (run in the page, perhaps async) holds; fails after 20 s, naming
 * `what`. (Playwright's `waitForFunction` takes a promise for a true value.)
 */
async function until(page, predicate, what) {
  for (const end = Date.now() + 20_000; !(await page.evaluate(predicate).catch(() => false)); ) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

/** Resolves once the page's service worker is activated (its activate handler done). */
const activated = (page) =>
  until(
    page,
    async () => (await navigator.serviceWorker.getRegistration())?.active?.state === 'activated',
    'the service worker is activated',
  );

/** Resolves once the page has no service worker registration. */
const unregistered = (page) =>
  until(page, async () => !(await navigator.serviceWorker.getRegistration()), 'the service worker is gone');

/** Serves the kill switch (sw-retire.js) as the worker at `path`; the page reloads, unregistered. */
async function retire(page, pages, path) {
  pages[path] = {
    body: readFileSync(join(DIST, 'sw-retire.js')),
    headers: { 'content-type': 'text/javascript' },
  };
  const reloaded = page.waitForEvent('framenavigated');
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  await reloaded;
  await unregistered(page);
}

/** Runs `body` on the standalone page, served (with `pages` on top of dist/) and controlled by
 * its service worker; closes both afterwards. */
async function withControlledPage(body, pages = {}) {
  const server = await serve(DIST, {}, pages);
  const page = await newPage(chrome, 1280);
  try {
    await page.goto(server.url + '/');
    await page.waitForSelector('[data-action="start"]');
    await controlled(page);
    await body(page, server);
  } finally {
    await page.context().close();
    await server.close();
  }
}

/** The files the generated service worker precaches, as paths on the server. */
function precached() {
  const sw = readFileSync(join(DIST, 'sw.js'), 'utf8');
  return [...sw.matchAll(/url:"([^"]+)"/g)].map(([, file]) => new URL(file, 'http://x/').pathname).sort();
}

test('the single file, opened from disk with the network off, shows what cramp-check eval returns', async () => {
  const page = await offlinePage();
  await page.goto(OFFLINE_URL);
  const widget = page.locator('b12-cramp-check');
  await widget.locator('[data-action="start"]').waitFor();
  await screenshot(page, 'offline-file-intro');
  assert.deepEqual(await axeViolations(page), [], 'intro');
  const given = await walk(widget, answersFile('b12-metformin-tingling.json'));
  const shown = await shownResult(widget);
  await screenshot(page, 'offline-file-result');
  assert.deepEqual(await axeViolations(page), [], 'result');
  assert.equal(shown.triage, 'provider_soon_b12');
  assertShowsOutline(shown, given);
  assert.equal(await page.locator('.b12c-loading').isVisible(), false, 'the fallback gives way to the checker');

  // With the result showing, the only attributes that could load anything are plain links (the
  // result's sources), which load only when the reader follows one.
  const loading = await loadingAttributes(page);
  assert.ok(loading.length > 0, 'the result lists its sources as links');
  assert.deepEqual(
    loading.filter((a) => !(a.tag === 'a' && a.name === 'href')),
    [],
  );
  assert.deepEqual([...page.requests], [], 'no request leaves the page');
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

test('the single file refers to nothing the browser would load', () => {
  const html = readFileSync(OFFLINE_FILE, 'utf8');
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
  assert.equal(scripts.length, 1, 'one inline script');
  assert.equal(scripts[0][1].trim(), 'type="module"', 'inline, not loaded from a src');
  const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/gi)].map((m) => m[1]);
  assert.equal(styles.length, 1, 'one inline stylesheet');
  assert.doesNotMatch(styles[0], /url\(|@import/i, 'the stylesheet loads nothing');
  // Outside the script and the stylesheet: no element or attribute that loads anything.
  const markup = html.replace(scripts[0][0], '').replace(/<style>[\s\S]*?<\/style>/gi, '');
  assert.doesNotMatch(markup, /<(link|img|iframe|object|embed|video|audio|source|base)\b/i);
  assert.doesNotMatch(markup, /\s(src|srcset|action|poster|data|manifest)=/i);
  // Plain <a href> links are the only network-capable attributes, and the fallback has none.
  assert.deepEqual([...markup.matchAll(/\shref=/gi)].length, [...markup.matchAll(/<a\s[^>]*href=/gi)].length);
  // The script's only network call is the glue's fetch for a wasm address, which the inline
  // wasm source never gives it; the file names no address at all.
  assert.doesNotMatch(html, /https?:\/\//i);
  assert.doesNotMatch(
    scripts[0][2],
    /importScripts|new Worker|XMLHttpRequest|WebSocket|EventSource|sendBeacon|import\(/,
  );
});

test('without DecompressionStream the single file keeps its fallback, and the console says why', async () => {
  const page = await offlinePage();
  await page.addInitScript(() => {
    delete globalThis.DecompressionStream;
  });
  const message = page.waitForEvent('console', { predicate: (m) => m.type() === 'error', timeout: 10_000 });
  await page.goto(OFFLINE_URL);
  assert.match((await message).text(), /b12-cramp-check: cannot start.*DecompressionStream/);
  assert.equal(await page.locator('.b12c-loading').isVisible(), true, 'the fallback stays');
  assert.match(await page.locator('.b12c-loading').innerText(), /emergency number/);
  assert.equal(await page.locator('b12-cramp-check').evaluate((e) => e.shadowRoot), null);
  assert.deepEqual([...page.requests], []);
  await page.context().close();
});

test('the single file neither reads nor writes the storage every local file shares', async () => {
  // Another file opened from disk (any downloaded page) plants a record under the checker's key,
  // as if the reader had asked to remember answers, and can read the key back.
  const folder = mkdtempSync(join(tmpdir(), 'b12c-local-'));
  const planter = pathToFileURL(join(folder, 'other-download.html')).href;
  writeFileSync(
    join(folder, 'other-download.html'),
    `<!doctype html><title>x</title><script>
      if (location.hash) localStorage.setItem('b12-cramp-check', 'v1;consented;' + location.hash.slice(1));
    </script>`,
  );
  const page = await offlinePage();
  await page.context().route(
    (url) => url.href.startsWith(planter),
    (route) => route.continue(),
  );
  try {
    // A code for answers that lead elsewhere (the single file's own share link).
    await page.goto(OFFLINE_URL);
    const first = page.locator('b12-cramp-check');
    await walk(first, answersFile('other-cause-walking-pain.json'));
    await first.locator('[data-action="share"]').click();
    const code = new URL(await first.locator('[data-share-link]').inputValue()).hash.split('b12c=')[1];
    const other = await page.context().newPage();
    await other.goto(`${planter}#${code}`);
    const stored = () => other.evaluate(() => localStorage.getItem('b12-cramp-check'));
    const planted = await stored();
    assert.equal(planted, `v1;consented;${code}`);

    // The reader opens the single file: a fresh start, nothing "remembered".
    const reader = await page.context().newPage();
    await reader.goto(OFFLINE_URL);
    const widget = reader.locator('b12-cramp-check');
    await widget.locator('[data-action="start"]').waitFor();
    assert.equal(await widget.locator('[data-notice], [data-triage]').count(), 0, 'no resumed answers, no notice');
    const given = await walk(widget, answersFile('same-day-statin.json'));
    assert.equal((await shownResult(widget)).triage, cliEval(given).triage);
    assert.equal(await widget.locator('[data-action="remember"], [data-action="forget"]').count(), 0);
    assert.equal(await widget.locator('[data-notice="no-remember-in-file"]').count(), 1);

    // What the other file planted is there as it was: the reader's answers were not written.
    assert.equal(await stored(), planted);
  } finally {
    await page.context().close();
    rmSync(folder, { recursive: true, force: true });
  }
});

test('the standalone page, once opened, works offline through its service worker', async () => {
  await withControlledPage(async (page, server) => {
    const caches = await cachedFiles(page);
    assert.equal(Object.keys(caches).length, 1, JSON.stringify(caches));
    const [[name, files]] = Object.entries(caches);
    assert.ok(name.startsWith(CACHE_PREFIX), name);
    assert.deepEqual(files, precached());
    assert.ok(files.includes('/') && files.includes('/index.html'), files.join(' '));

    // Off the network, with the server gone too: the page and the checker come from the cache.
    await page.context().setOffline(true);
    await server.close();
    await page.reload();
    const given = await walk(page, answersFile('self-care-exercise.json'));
    const shown = await shownResult(page);
    assert.equal(shown.triage, cliEval(given).triage);
    assert.equal(shown.top_factor, cliEval(given).top_factor);
    assert.deepEqual(page.external, []);
    assert.deepEqual(page.consoleErrors, []);
  });
});

test("a new version replaces the cache: only the new version's cache stays", async () => {
  const pages = {};
  await withControlledPage(async (page) => {
    const [first] = Object.keys(await cachedFiles(page));

    // A new build: the same worker with another version.
    const sw = serviceWorker();
    assert.equal(first, cacheName('/', sw.version));
    pages['/sw.js'] = sw.as('next-version');
    await updated(page);
    const caches = await cachedFiles(page);
    assert.deepEqual(Object.keys(caches), [cacheName('/', 'next-version')]);
    assert.deepEqual(caches[cacheName('/', 'next-version')], precached(), 'the new cache holds every file');

    // Caches that are not ours are left alone: another app's, another folder's copy of the page's.
    // One named as 1.0.0 named them (`b12-cramp-check-<version>`, no folder) is shared by every
    // folder that had that build: this copy's files leave it (and it goes once empty), another
    // folder's stay.
    await page.evaluate(async () => {
      const put = async (cache, path) => (await caches.open(cache)).put(path, new Response('<p>page</p>'));
      await caches.open('someone-else');
      await put('b12-cramp-check /elsewhere/ 0123abcd', '/elsewhere/');
      await put('b12-cramp-check-0123abcd', '/elsewhere/');
      await put('b12-cramp-check-0123abcd', '/elsewhere/embed/b12-cramp-check.js');
      await put('b12-cramp-check-0123abcd', '/');
      await put('b12-cramp-check-0123abcd', '/embed/b12-cramp-check.js');
      await put('b12-cramp-check-4567cdef', '/');
    });
    pages['/sw.js'] = sw.as('third-version');
    await updated(page);
    assert.deepEqual(
      Object.keys(await cachedFiles(page)).sort(),
      [
        cacheName('/', 'third-version'),
        'b12-cramp-check /elsewhere/ 0123abcd',
        'b12-cramp-check-0123abcd',
        'someone-else',
      ].sort(),
    );
    assert.deepEqual((await cachedFiles(page))['b12-cramp-check-0123abcd'], [
      '/elsewhere/',
      '/elsewhere/embed/b12-cramp-check.js',
    ]);

    await page.reload();
    await page.waitForSelector('[data-action="start"]');
    assert.deepEqual(page.consoleErrors, []);
  }, pages);
});

test('online the page comes fresh from the network, offline from the cache; the kill switch retires the worker', async () => {
  const pages = {};
  await withControlledPage(async (page) => {
    // A fix is deployed (a new page, the worker unchanged): the next load shows it at once.
    const html = readFileSync(join(DIST, 'index.html'), 'utf8');
    const fixed = html.replace('<title>', '<meta name="x-deployed" content="fix">\n  <title>');
    pages['/'] = { body: fixed };
    await page.reload();
    assert.equal(await page.locator('meta[name="x-deployed"]').count(), 1, 'fresh from the network');
    // Offline: the cached page, which passed its build-time hash.
    await page.context().setOffline(true);
    await page.reload();
    await page.waitForSelector('[data-action="start"]');
    assert.equal(await page.locator('meta[name="x-deployed"]').count(), 0, 'the cached copy');
    await page.context().setOffline(false);

    // The kill switch: sw-retire.js served as sw.js.
    await retire(page, pages, '/sw.js');
    assert.deepEqual(
      Object.keys(await cachedFiles(page)).filter((key) => key.startsWith(CACHE_PREFIX)),
      [],
    );
    await page.reload();
    await page.waitForSelector('[data-action="start"]');
    assert.equal(await page.evaluate(() => navigator.serviceWorker.controller), null, 'no worker controls the page');
    assert.deepEqual(page.consoleErrors, []);
  }, pages);
});

test('a network that does not answer, or a server error, gets the cached page and its files in a few seconds', async () => {
  const pages = {};
  await withControlledPage(async (page, server) => {
    for (const [what, answer] of [
      ['no answer', { unanswered: true }],
      ['a server error', { status: 503, body: 'Service Unavailable' }],
    ]) {
      // The page's address misbehaves, and so does its script, which the cached page pins by hash.
      pages['/'] = answer;
      pages['/embed/b12-cramp-check.js'] = answer;
      // Without the worker's patience the page would wait for the network as long as the browser
      // does (minutes); the worker waits 4 s for each. A new visit (a reload would show the
      // screen the last one's history entry holds).
      await page.goto('about:blank');
      await page.goto(`${server.url}/`, { timeout: 15_000 });
      await page.locator('[data-action="start"]').waitFor({ timeout: 15_000 });
      const given = await walk(page, answersFile('self-care-exercise.json'));
      assert.equal((await shownResult(page)).triage, cliEval(given).triage, what);
      assert.deepEqual(page.consoleErrors, [], what);
    }
  }, pages);
});

test('a cached file that no longer matches its build-time hash is not served', async () => {
  await withControlledPage(async (page) => {
    // Another script on the origin rewrites the cached page.
    await page.evaluate(async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith('b12-cramp-check'))
          await (await caches.open(key)).put(
            './',
            new Response('<p>tampered</p>', { headers: { 'content-type': 'text/html' } }),
          );
      }
    });
    await page.context().setOffline(true);
    const response = await page.reload().catch((error) => error);
    assert.ok(
      response instanceof Error || !(await page.content()).includes('tampered'),
      'the tampered copy is refused',
    );
  });
});

test('two copies of the page in two folders of one site keep their own caches', async () => {
  // /a/ and /b/: the same page, /b/ from another build (another version in its sw.js).
  const site = mkdtempSync(join(tmpdir(), 'b12c-site-'));
  symlinkSync(DIST, join(site, 'a'));
  symlinkSync(DIST, join(site, 'b'));
  const sw = serviceWorker();
  const pages = { '/b/sw.js': sw.as('other-build') };
  const server = await serve(site, {}, pages);
  const a = await newPage(chrome, 1280);
  try {
    await a.goto(server.url + '/a/');
    await a.waitForSelector('[data-action="start"]');
    await activated(a);
    const b = await a.context().newPage();
    await b.goto(server.url + '/b/');
    await b.waitForSelector('[data-action="start"]');
    await activated(b);
    const both = await cachedFiles(a);
    assert.deepEqual(Object.keys(both).sort(), [cacheName('/a/', sw.version), cacheName('/b/', 'other-build')]);
    assert.deepEqual(
      both[cacheName('/a/', sw.version)],
      precached().map((path) => '/a' + path),
    );

    // /b/'s worker retired (its kill switch): /a/'s cache and worker stay.
    await retire(b, pages, '/b/sw.js');
    assert.deepEqual(Object.keys(await cachedFiles(a)), [cacheName('/a/', sw.version)]);
    // (A tab behind another draws no frames, and the checker moves on after a frame.)
    await b.close();

    // Off the network, /a/ still works.
    await a.context().setOffline(true);
    await server.close();
    await a.reload();
    await a.waitForSelector('[data-action="start"]');
    const given = await walk(a, answersFile('self-care-exercise.json'));
    assert.equal((await shownResult(a)).triage, cliEval(given).triage);
    assert.deepEqual(a.consoleErrors, []);
  } finally {
    await a.context().close();
    await server.close();
    rmSync(site, { recursive: true, force: true });
  }
});

test('on a server without directory indexes the page opened as index.html still works offline', async () => {
  const server = await serve(DIST, {}, {}, { folderIndexes: false });
  const page = await newPage(chrome, 1280);
  try {
    await page.goto(server.url + '/index.html');
    await page.waitForSelector('[data-action="start"]');
    await activated(page);
    const [files] = Object.values(await cachedFiles(page));
    assert.deepEqual(files, precached());

    await page.context().setOffline(true);
    await server.close();
    await page.reload();
    await page.waitForSelector('[data-action="start"]');
    // The folder's address, as an installed app opens it: the cached index.html.
    await page.goto(server.url + '/');
    const given = await walk(page, answersFile('self-care-exercise.json'));
    assert.equal((await shownResult(page)).triage, cliEval(given).triage);
    assert.deepEqual(page.consoleErrors, []);
  } finally {
    await page.context().close();
    await server.close();
  }
});

test('a worker that cannot store the page says so on the console; the page works online', async () => {
  // A file that no longer matches the build's hash (a partial deployment): installing fails.
  const icon = readFileSync(join(DIST, 'icon.svg'), 'utf8') + '<!-- changed -->';
  const server = await serve(DIST, {}, { '/icon.svg': { body: icon, headers: { 'content-type': 'image/svg+xml' } } });
  const page = await newPage(chrome, 1280);
  try {
    const warned = page.waitForEvent('console', {
      predicate: (message) => message.type() === 'warning' && message.text().startsWith('b12-cramp-check:'),
      timeout: 20_000,
    });
    await page.goto(server.url + '/');
    await page.waitForSelector('[data-action="start"]');
    assert.match((await warned).text(), /offline use is unavailable/);
    assert.equal(await page.evaluate(() => navigator.serviceWorker.controller), null);
    assert.deepEqual(page.consoleErrors, []);
  } finally {
    await page.context().close();
    await server.close();
  }
});

test('the page offers the single file as a download and links its manifest', async () => {
  const server = await serve();
  const page = await newPage(chrome, 1280);
  try {
    await page.goto(server.url + '/');
    const link = page.getByRole('link', { name: /download this check as a single file/i });
    assert.equal(await link.getAttribute('href'), 'b12-cramp-check.html');
    assert.equal(await link.getAttribute('download'), '');
    const response = await page.request.get(server.url + '/b12-cramp-check.html');
    assert.equal(response.status(), 200);
    const manifest = await (await page.request.get(server.url + '/manifest.webmanifest')).json();
    assert.equal(manifest.start_url, '.');
    assert.equal(manifest.display, 'standalone');
    assert.equal((await page.request.get(server.url + '/' + manifest.icons[0].src)).status(), 200);
  } finally {
    await page.context().close();
    await server.close();
  }
});

test('only the standalone page registers a service worker: not the embed, not the single file', () => {
  assert.match(readFileSync(join(DIST, 'register-sw.js'), 'utf8'), /serviceWorker/);
  for (const file of ['embed/b12-cramp-check.js', 'b12-cramp-check.html']) {
    assert.doesNotMatch(readFileSync(join(DIST, file), 'utf8'), /serviceWorker|register-sw/, file);
  }
});
