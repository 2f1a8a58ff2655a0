// The npm package as a user meets it: `npm pack` of dist/npm, installed from the tarball into a
// fresh app (offline: it has no dependencies), its declarations checked with TypeScript, and the
// app bundled with esbuild and with Vite, and a React 19 app with esbuild, each completing a
// check in Debian's Chromium. The apps' sources are in tests/e2e/npm-app/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as esbuild from 'esbuild';
import { build as viteBuild } from 'vite';
import { DIST, ROOT, answersFile, browser, cliEval, newPage, serve, shownResult, walk } from './support.mjs';

const PACKAGE = 'b12-cramp-check';
const WASM = 'b12-cramp-check_bg.wasm';
const SOURCES = join(ROOT, 'tests/e2e/npm-app');
const PACKAGE_FILES = [
  'LICENSE-APACHE',
  'LICENSE-MIT',
  'README.md',
  'b12-cramp-check.js',
  'b12-cramp-check_bg.wasm',
  'custom-elements.json',
  'index.d.ts',
  'package.json',
];

let work;
let app;
let packed;
let chrome;
before(async () => {
  work = mkdtempSync(join(tmpdir(), 'b12c-npm-'));
  [packed] = JSON.parse(
    execFileSync('npm', ['pack', join(DIST, 'npm'), '--pack-destination', work, '--json'], { cwd: work }).toString(),
  );
  app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', join(work, packed.filename)], {
    cwd: app,
    stdio: 'pipe',
  });
  // The app's own dependencies come from the project's node_modules (no network in tests).
  mkdirSync(join(app, 'node_modules/@types'));
  for (const name of ['react', 'react-dom', '@types/react']) {
    symlinkSync(join(ROOT, 'node_modules', name), join(app, 'node_modules', name), 'dir');
  }
  cpSync(SOURCES, app, { recursive: true });
  chrome = await browser();
});
after(async () => {
  await chrome?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('npm pack holds the module, its wasm, declarations, manifest, README and licences, and no dependencies', () => {
  assert.equal(packed.name, PACKAGE);
  assert.deepEqual(packed.files.map((f) => f.path).sort(), PACKAGE_FILES);
  const manifest = JSON.parse(readFileSync(join(app, 'node_modules', PACKAGE, 'package.json'), 'utf8'));
  assert.equal(manifest.version, packed.version);
  assert.equal(manifest.type, 'module');
  assert.equal(manifest.license, 'MIT OR Apache-2.0');
  assert.deepEqual(manifest.exports['.'], { types: './index.d.ts', default: './b12-cramp-check.js' });
  // Node reads conditions in order and wants `default` last; TypeScript finds `types` only before it.
  assert.deepEqual(Object.keys(manifest.exports['.']), ['types', 'default'], 'the conditions in order');
  assert.equal(manifest.customElements, 'custom-elements.json');
  assert.deepEqual(manifest.sideEffects, ['./b12-cramp-check.js']);
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies'])
    assert.equal(manifest[field], undefined);
  const elements = JSON.parse(readFileSync(join(app, 'node_modules', PACKAGE, 'custom-elements.json'), 'utf8'));
  assert.equal(elements.schemaVersion, '2.1.0');
  const [element] = elements.modules[0].declarations;
  assert.equal(element.tagName, PACKAGE);
  assert.deepEqual(
    element.attributes.map((a) => a.name),
    ['lang', 'region', 'theme', 'heading-level', 'share-answers', 'history'],
  );
});

test('the module imports where there is no DOM (server-side rendering, DOM-less test runners)', () => {
  const script = `const m = await import(${JSON.stringify(PACKAGE)});
    console.log(m.version, typeof m.evaluate, typeof m.B12CrampCheckElement, typeof customElements);`;
  const node = spawnSync(process.execPath, ['--input-type=module', '--eval', script], { cwd: app });
  assert.equal(node.status, 0, node.stderr.toString());
  assert.equal(node.stdout.toString().trim(), `${packed.version} function function undefined`);
});

/** TypeScript (the project's) on one file of `dir`/types/ (the app's), with a strict configuration. */
function typeCheck(file, dir = app) {
  const config = join(dir, 'types', `tsconfig.${file}.json`);
  const compilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    target: 'es2022',
    lib: ['es2022', 'dom'],
    module: 'esnext',
    moduleResolution: 'bundler',
    jsx: 'react-jsx',
    types: [],
  };
  writeFileSync(config, JSON.stringify({ compilerOptions, files: [file] }));
  const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', config], {
    cwd: dir,
  });
  return { status: tsc.status, output: tsc.stdout.toString() + tsc.stderr.toString() };
}

test('the declarations type a consumer that uses every declared item, and reject wrong values', () => {
  const consumer = typeCheck('consumer.tsx');
  assert.equal(consumer.status, 0, consumer.output);
  // An app with the package and nothing else (no React types).
  const plain = join(work, 'plain');
  mkdirSync(join(plain, 'node_modules'), { recursive: true });
  symlinkSync(join(app, 'node_modules', PACKAGE), join(plain, 'node_modules', PACKAGE), 'dir');
  cpSync(join(app, 'types/plain.ts'), join(plain, 'types/plain.ts'));
  const withoutReact = typeCheck('plain.ts', plain);
  assert.equal(withoutReact.status, 0, withoutReact.output);
  for (const file of ['wrong-attribute.tsx', 'wrong-detail.ts', 'wrong-answer.ts']) {
    const lines = readFileSync(join(app, 'types', file), 'utf8').split('\n');
    const line = lines.findIndex((l) => l.includes('// error:')) + 1;
    const code = lines[line - 1].split('// error: ')[1];
    const { status, output } = typeCheck(file);
    assert.notEqual(status, 0, `${file} must not type-check`);
    const errors = output.split('\n').filter((l) => l.includes('error TS'));
    assert.equal(errors.length, 1, output);
    assert.match(errors[0], new RegExp(`^types/${file}\\(${line},\\d+\\): error ${code}:`), output);
  }
});

test("the READMEs' React example type-checks as it is written", () => {
  const example = (readme) => readme.match(/\n```tsx\n([^`]*)```/)?.[1];
  const packaged = example(readFileSync(join(app, 'node_modules', PACKAGE, 'README.md'), 'utf8'));
  assert.ok(packaged, "the package's README has a tsx example");
  assert.equal(example(readFileSync(join(ROOT, 'README.md'), 'utf8')), packaged, 'the project README has the same one');
  writeFileSync(join(app, 'types/readme-react.tsx'), packaged);
  const { status, output } = typeCheck('readme-react.tsx');
  assert.equal(status, 0, output);
});

/** Bundles `entry` of the app with esbuild into `outdir`, and copies the wasm next to it (README). */
async function esbuildApp(entry, outdir) {
  await esbuild.build({
    absWorkingDir: app,
    entryPoints: [entry],
    outdir,
    bundle: true,
    format: 'esm',
    minify: true,
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  cpSync(join(app, 'node_modules', PACKAGE, WASM), join(outdir, WASM));
}

const pageWith = (script, body) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>App</title><script type="module" src="${script}"></script></head><body>${body}</body></html>`;

/**
 * Opens `path` on a server of `dir` (with `pages`), and resolves to the tab and the addresses of
 * the wasm it fetched and of its module script.
 */
async function openApp(dir, path, pages = {}) {
  const server = await serve(dir, {}, pages);
  const tab = await newPage(chrome, 1280);
  tab.wasm = [];
  tab.on('response', (response) => {
    if (response.url().endsWith('.wasm')) tab.wasm.push({ url: response.url(), status: response.status() });
  });
  await tab.goto(server.url + path);
  tab.script = await tab.evaluate(() => document.querySelector('script[type="module"]').src);
  tab.server = server;
  return tab;
}

/** Completes a check in the app's checker and asserts the result equals `cramp-check eval`'s. */
async function completeCheck(tab) {
  const given = await walk(tab, answersFile('self-care-exercise.json'));
  const shown = await shownResult(tab);
  const expected = cliEval(given);
  assert.equal(shown.triage, expected.triage);
  assert.equal(shown.top_factor, expected.top_factor);
  await tab.locator('#completed', { hasText: `${expected.triage} ${expected.top_factor}` }).waitFor();
}

async function close(tab) {
  assert.deepEqual(tab.external, []);
  assert.deepEqual(tab.consoleErrors, []);
  await tab.context().close();
  await tab.server.close();
}

/** The plain app's checks: its exports, the wasm next to its bundle, a completed check. */
async function checkPlainApp(tab) {
  assert.equal(await tab.locator('#version').innerText(), `${packed.version} true`);
  // Its attributes apply: region="uk" shows 999.
  assert.match(await tab.locator('b12-cramp-check .intro').innerText(), /999/);
  await completeCheck(tab);
  assert.deepEqual(
    tab.wasm.map((w) => [dirname(w.url), w.status]),
    [[dirname(tab.script), 200]],
    'the wasm is fetched once, from next to the bundle',
  );
}

test('an app bundled with esbuild completes a check, the wasm copied next to its bundle', async () => {
  const out = join(work, 'esbuild');
  await esbuildApp('main.mjs', out);
  const body = readFileSync(join(app, 'index.html'), 'utf8').match(/<body>([\s\S]*)<\/body>/)[1];
  const tab = await openApp(out, '/', { '/': { body: pageWith('/main.js', body) } });
  await checkPlainApp(tab);
  await close(tab);
});

test('an app bundled with Vite completes a check, Vite emitting the wasm with the bundle', async () => {
  const out = join(work, 'vite');
  await viteBuild({ root: app, configFile: false, logLevel: 'warn', build: { outDir: out, emptyOutDir: true } });
  const tab = await openApp(out, '/');
  assert.match(tab.script, /\/assets\/[^/]+\.js$/);
  await checkPlainApp(tab);
  await close(tab);
});

test('a React 19 app renders the element, changes its region through props and receives the complete event', async () => {
  const out = join(work, 'react');
  await esbuildApp('react.jsx', out);
  const tab = await openApp(out, '/', { '/': { body: pageWith('/react.js', '<div id="root"></div>') } });
  const checker = tab.locator('b12-cramp-check');
  await checker.locator('.intro').waitFor();
  assert.equal(await checker.getAttribute('region'), 'us');
  assert.match(await checker.locator('.intro').innerText(), /911/);
  await tab.locator('#uk').click();
  assert.equal(await checker.getAttribute('region'), 'uk');
  await checker.locator('.intro', { hasText: '999' }).waitFor();
  assert.doesNotMatch(await checker.locator('.intro').innerText(), /911/);
  assert.equal(await tab.locator('#completed').count(), 0);
  await completeCheck(tab);
  assert.deepEqual(
    tab.wasm.map((w) => [dirname(w.url), w.status]),
    [[dirname(tab.script), 200]],
  );
  await close(tab);
});
