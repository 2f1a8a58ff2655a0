// `cargo xtask bench`: our embed, SurveyJS and LHC-Forms side by side, in one Chromium on
// 127.0.0.1, each asking the same questions with the same branching: SurveyJS's JSON and
// LHC-Forms' FHIR Questionnaire both come from our pack (`cramp-check fhir questionnaire`,
// converted below for SurveyJS). Every figure is the median of RUNS runs that alternate the
// three. Prints a Markdown table and writes it into docs/performance.md between its bench
// markers.
//
//   node xtask/js/bench.mjs --questionnaire FILE --answers FILE --lforms DIR --engine LINE
//
// What each figure is:
// - bytes: every file the questionnaire loads (not the host page, the same for all three),
//   raw and compressed by Node's zlib at its best levels;
// - first screen: from navigation start to the first frame where the first screen's controls
//   are in the DOM (our intro's Start, the first question's inputs for the others), as the page
//   itself reports it (the driver runs nothing in the page until then), in runs without a trace
//   (tracing slows every task, the more the more tasks); the figures from a trace come from
//   runs of their own;
// - Next: from a click on Next, once the page is idle after the step was answered, to the first
//   frame showing the next step, and the main thread's work in between (the renderer's tasks in
//   a Chromium trace); for ours also the browser's own floor for that work: the same click
//   answered by a few lines of script that put the same step's nodes, made before the click,
//   in place of the current step and move focus as the checker does (handSwap), so what is
//   left is what any renderer must do;
// - longest task: the longest task on the renderer's main thread while loading and answering
//   a whole path (trace): the questionnaire's (running its code, or rendering what it changed;
//   see mainThreadTasks), and of the whole page, with the host's loading and the test driver's;
// - memory: the JS heap plus array-buffer backing stores (a wasm instance's memory is one)
//   after garbage collection, once the path is answered (CDP Runtime.getHeapUsage);
// - host layout shift: layout shifts (without recent input) of the host page's paragraph
//   below the questionnaire while it loads.

import { cpSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import {
  ROOT,
  DIST,
  browser,
  chooseInLhcForms,
  fhirQuestions,
  lhcFormsHead,
  openShadowRoots,
  serve,
  walk,
} from '../../tests/e2e/support.mjs';

const THROTTLE = 4;
const DOC = join(ROOT, 'docs/performance.md');
const MARKERS = ['<!-- bench:start -->', '<!-- bench:end -->'];

/** The command line's options, and the Questionnaire and answers files read. */
function options() {
  const { values } = parseArgs({
    options: {
      questionnaire: { type: 'string' },
      answers: { type: 'string' },
      lforms: { type: 'string' },
      engine: { type: 'string', default: '' },
      // Fewer only to try the bench out: the recorded table takes at least 7.
      runs: { type: 'string', default: '7' },
    },
  });
  const read = (file) => JSON.parse(readFileSync(file, 'utf8'));
  return {
    ...values,
    runs: Number(values.runs),
    questionnaire: read(values.questionnaire),
    answers: read(values.answers),
  };
}

/** SurveyJS's JSON for the same questions: a page per group, its enableWhen as visibleIf. */
export function surveyFromQuestionnaire(q) {
  const repeats = new Map(fhirQuestions(q).map((item) => [item.linkId, Boolean(item.repeats)]));
  const condition = (item) => {
    if (!item.enableWhen) return undefined;
    const parts = item.enableWhen.map((when) => {
      const code = when.answerCoding?.code ?? String(when.answerBoolean ?? '');
      const name = `{${when.question}}`;
      if (when.operator === 'exists') return when.answerBoolean ? `${name} notempty` : `${name} empty`;
      const many = repeats.get(when.question);
      if (when.operator === '=') return many ? `${name} contains '${code}'` : `${name} = '${code}'`;
      if (when.operator === '!=') return many ? `${name} notcontains '${code}'` : `${name} <> '${code}'`;
      throw new Error(`enableWhen operator ${when.operator} (on ${item.linkId}) has no SurveyJS form here`);
    });
    return parts.length > 1 ? `(${parts.join(item.enableBehavior === 'any' ? ' or ' : ' and ')})` : parts[0];
  };
  const element = (item) => ({
    type: item.repeats ? 'checkbox' : 'radiogroup',
    name: item.linkId,
    title: item.text,
    isRequired: Boolean(item.required),
    visibleIf: condition(item),
    choices: item.answerOption.map((o) => ({ value: o.valueCoding.code, text: o.valueCoding.display })),
  });
  const questions = (items) => items.filter((i) => i.type === 'choice').map(element);
  return {
    title: q.title,
    showQuestionNumbers: 'off',
    pages: q.item.map((group) => ({
      name: group.linkId,
      title: group.text,
      visibleIf: condition(group),
      elements: group.type === 'group' ? questions(group.item ?? []) : [element(group)],
    })),
  };
}

/** The selector of the demo article's reservation of the first screen's height (README, No layout shift). */
const RESERVED = 'b12-cramp-check:not(:state(started))';

/**
 * The reservation as www/demo/article.css writes it, read rather than copied so that the bench
 * reserves what the article does: every top-level rule (an @media block with its rules) that
 * styles RESERVED, after `display: block`, without which an element's min-height is ignored.
 */
function reservation() {
  const css = readFileSync(join(ROOT, 'www/demo/article.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  const rules = [];
  let [depth, start] = [0, 0];
  for (let i = 0; i < css.length; i++) {
    if (css[i] === '{') depth++;
    if (css[i] === '}' && --depth === 0) {
      rules.push(css.slice(start, i + 1).trim());
      start = i + 1;
    }
  }
  const reserving = rules.filter((rule) => rule.includes(RESERVED));
  if (reserving.length === 0) throw new Error(`www/demo/article.css has no rule for ${RESERVED}`);
  return ['b12-cramp-check { display: block; }', ...reserving].join('\n');
}

/** The three questionnaires, in one host page each, written into `site`. */
function writeSite(site, { questionnaire, lforms }) {
  rmSync(site, { recursive: true, force: true });
  mkdirSync(site, { recursive: true });
  const copy = (from, to) => cpSync(from, join(site, to), { recursive: true, filter: (f) => !f.endsWith('.map') });
  copy(join(DIST, 'embed'), 'ours');
  copy(join(ROOT, 'node_modules/survey-core/survey.core.min.js'), 'surveyjs/survey.core.min.js');
  copy(join(ROOT, 'node_modules/survey-core/survey-core.fontless.min.css'), 'surveyjs/survey-core.min.css');
  copy(join(ROOT, 'node_modules/survey-js-ui/survey-js-ui.min.js'), 'surveyjs/survey-js-ui.min.js');
  writeFileSync(join(site, 'surveyjs/survey.json'), JSON.stringify(surveyFromQuestionnaire(questionnaire)));
  writeFileSync(
    join(site, 'surveyjs/start.js'),
    `fetch('surveyjs/survey.json').then((r) => r.json()).then((json) => {
      window.survey = new Survey.Model(json);
      SurveyUI.renderSurvey(window.survey, document.getElementById('questionnaire'));
    });`,
  );
  copy(join(lforms, 'dist/lforms'), 'lforms');
  writeFileSync(join(site, 'lforms/questionnaire.json'), JSON.stringify(questionnaire));
  writeFileSync(
    join(site, 'lforms/start.js'),
    `fetch('lforms/questionnaire.json').then((r) => r.json()).then((q) => {
      LForms.Util.addFormToPage(q, 'questionnaire', { fhirVersion: 'R4' });
    });`,
  );
  const host = (head, body = '<div id="questionnaire"></div>') => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Does vitamin B12 help with muscle cramps?</title>${head}</head>
<body><main><h1>Does vitamin B12 help with muscle cramps?</h1>
<p>Muscle cramps are common. This check asks a few questions and explains what may be behind them.</p>
${body}
<p id="below">The article goes on below the questionnaire.</p></main></body></html>`;
  writeFileSync(
    join(site, 'ours.html'),
    host(
      // The embed as the README documents it, with the first screen's height reserved.
      `<style>${reservation()}</style><script type="module" src="ours/b12-cramp-check.js"></script>`,
      '<b12-cramp-check region="uk"><p>The check needs JavaScript and WebAssembly.</p></b12-cramp-check>',
    ),
  );
  writeFileSync(
    join(site, 'surveyjs.html'),
    host(
      '<link rel="stylesheet" href="surveyjs/survey-core.min.css"><script src="surveyjs/survey.core.min.js"></script>' +
        '<script src="surveyjs/survey-js-ui.min.js"></script><script defer src="surveyjs/start.js"></script>',
    ),
  );
  writeFileSync(
    join(site, 'lforms.html'),
    host(`${lhcFormsHead('lforms')}<script defer src="lforms/start.js"></script>`),
  );
}

/**
 * Each questionnaire: its page, where its first screen's controls are (`host` for a shadow
 * root), how to go to its next step and what shows that it came, and how to answer a whole path.
 */
const SUBJECTS = {
  ours: {
    name: 'ours (embed)',
    page: 'ours.html',
    ready: { host: 'b12-cramp-check', selector: '[data-action="start"]' },
    async beforeNext(page) {
      await page.locator('b12-cramp-check [data-action="start"]').click();
      await page.locator(`b12-cramp-check input[name="q_emergency_signs"][data-option="none"]`).check();
    },
    next: { host: 'b12-cramp-check', click: '[data-action="next"]', shown: '[data-step="urgent"]' },
    // The step that Next replaces, and what takes focus on the new one.
    handSwap: { current: '[data-step]', focus: '[tabindex="-1"]' },
    async answerAll(page, answers) {
      await page.reload();
      await page.locator('b12-cramp-check [data-action="start"]').waitFor();
      await walk(page.locator('b12-cramp-check'), answers);
      await page.locator('b12-cramp-check [data-triage]').waitFor();
    },
  },
  surveyjs: {
    name: 'SurveyJS',
    page: 'surveyjs.html',
    ready: { selector: '#questionnaire input' },
    async beforeNext(page) {
      await page.evaluate(() => window.survey.setValue('q_emergency_signs', ['none']));
    },
    next: { click: '#questionnaire input.sd-navigation__next-btn', shown: '[data-name="q_urgent_signs"]' },
    async answerAll(page, answers) {
      await page.evaluate((given) => {
        const { survey } = window;
        survey.clear();
        for (;;) {
          for (const question of survey.currentPage.questions)
            if (question.isVisible && question.name in given) question.value = given[question.name];
          if (survey.isLastPage) break;
          if (!survey.nextPage()) throw new Error(`SurveyJS stopped on ${survey.currentPage.name}`);
        }
        if (!survey.completeLastPage()) throw new Error('SurveyJS did not complete');
      }, answers);
    },
  },
  lforms: {
    name: 'LHC-Forms',
    page: 'lforms.html',
    ready: { selector: '#questionnaire lhc-item input' },
    // One long form: there is no Next. Answered by clicking each option's text, as a reader does.
    async answerAll(page, answers, questionnaire) {
      for (const item of fhirQuestions(questionnaire))
        for (const code of [answers[item.linkId] ?? []].flat()) await chooseInLhcForms(page, item, code);
    },
  },
};

/** The console message with which a page tells that its first screen is shown. */
const FIRST_SCREEN = 'bench:first-screen';

/** In the page before its scripts: the frame its first screen shows, and the host's shifts. */
function monitor(ready, message) {
  const find = () => {
    const root = ready.host ? document.querySelector(ready.host)?.shadowRoot : document;
    return root?.querySelector(ready.selector);
  };
  const tick = () => {
    if (find()) {
      window.__firstScreen = performance.now();
      console.debug(message);
    } else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  window.__hostShift = 0;
  new PerformanceObserver((list) => {
    for (const shift of list.getEntries())
      if (!shift.hadRecentInput && shift.sources.some((s) => s.node?.id === 'below')) window.__hostShift += shift.value;
  }).observe({ type: 'layout-shift', buffered: true });
}

/**
 * Resolves once the page has been idle after a frame: what answering the step queued (its
 * render, its frame, tasks after it) is done, so that the Next measured is only the Next.
 */
function idle() {
  return new Promise((resolve) => requestAnimationFrame(() => requestIdleCallback(resolve, { timeout: 2000 })));
}

/** Clicks `next.click` and resolves when a frame shows `next.shown`: elapsed milliseconds. */
function clickNext(next) {
  const root = next.host ? document.querySelector(next.host).shadowRoot : document;
  return new Promise((resolve) => {
    performance.mark('bench:next');
    const started = performance.now();
    root.querySelector(next.click).click();
    const tick = () => {
      if (root.querySelector(next.shown)) {
        // The frame whose callbacks found the step paints before the task after it runs.
        setTimeout(() => {
          performance.mark('bench:painted');
          resolve(performance.now() - started);
        });
      } else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

/**
 * In the page: answers the next click on `next.click` before the questionnaire sees it, with the
 * next step's nodes made from `markup` ahead of time put in place of `swap.current`, and focus
 * moved to their heading and the panel's top in the next frame, as the checker does: what any
 * renderer must do at least (the click, the old nodes out and the new in, focus, the frame).
 */
function handSwap({ next, swap, markup }) {
  const root = document.querySelector(next.host).shadowRoot;
  const template = document.createElement('template');
  template.innerHTML = markup;
  const made = document.importNode(template.content.firstElementChild, true);
  window.__handMade = made;
  const answer = (event) => {
    if (!event.composedPath()[0].closest?.(next.click)) return;
    removeEventListener('click', answer, { capture: true });
    event.stopImmediatePropagation();
    const current = root.querySelector(swap.current);
    const panel = current.parentElement;
    current.replaceWith(made);
    requestAnimationFrame(() => {
      made.querySelector(swap.focus).focus({ preventScroll: true });
      panel.scrollIntoView({ block: 'start' });
    });
  };
  addEventListener('click', answer, { capture: true });
}

/** In the page: the markup of the step that `next.shown` finds. */
function shownMarkup(next) {
  return document.querySelector(next.host).shadowRoot.querySelector(next.shown).outerHTML;
}

/** In the page: whether the step shown is the one `handSwap` made, its heading focused. */
function handSwapShown({ next, swap }) {
  const root = document.querySelector(next.host).shadowRoot;
  const made = window.__handMade;
  return root.querySelector(next.shown) === made && root.activeElement === made.querySelector(swap.focus);
}

/** What a trace records: the main thread's tasks and what runs in them, and our marks. */
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'];

/** Trace events that run a page's scripts; their `args.data.url` names the script. */
const SCRIPT_EVENTS = new Set(['FunctionCall', 'EvaluateScript', 'v8.compile', 'v8.compileModule']);
/** Trace events of a frame's rendering work. */
const RENDERING_EVENTS = new Set(['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Commit']);

/**
 * What a task ran, named by its longest event of the first level: the causes `longestByCause`
 * reports. The rest (a task that only renders a frame, and what is not named here) is `frame`
 * when it renders, else `other`.
 */
const CAUSES = {
  'v8.evaluateModule': 'script',
  EvaluateScript: 'script',
  TimerFire: 'timer',
  EventDispatch: 'input',
  FireAnimationFrame: 'frame',
};

/**
 * Main-thread tasks of the renderer that ran the page, from a Chromium trace: [start, duration, the
 * questionnaire's share, its cause (`CAUSES`)] in ms. A task is the questionnaire's when it runs
 * the questionnaire's code (a script event from one of its `files`, a module evaluated (the host
 * pages have no module of their own), or wasm), or when it only renders a frame once that code has
 * run in the page (the DOM it changed); not the host page's own loading (before it, or again after
 * a reload), nor the test driver's. Its share is all of the task but, in the host's parser task
 * that runs a deferred module once parsing ends (it fires DOMContentLoaded), the parsing and the
 * host page's layout that follows it.
 */
export function mainThreadTasks(trace, files) {
  const events = JSON.parse(trace).traceEvents;
  const mains = new Set(
    events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  const byThread = new Map();
  for (const e of events) {
    const thread = `${e.pid}:${e.tid}`;
    if (e.ph !== 'X' || !mains.has(thread)) continue;
    if (!byThread.has(thread)) byThread.set(thread, []);
    byThread.get(thread).push(e);
  }
  // The page's renderer is the busiest one.
  const busy = (list) => list.reduce((t, e) => t + (e.name === 'RunTask' ? e.dur : 0), 0);
  const main = [...byThread.values()].sort((a, b) => busy(b) - busy(a))[0] ?? [];
  main.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const ours = (e) => {
    if (e.name.startsWith('wasm.') || e.name.startsWith('v8.wasm') || e.name === 'v8.evaluateModule') return true;
    const url = e.args?.data?.url;
    return SCRIPT_EVENTS.has(e.name) && Boolean(url) && files.includes(new URL(url).pathname);
  };
  const tasks = [];
  let task;
  let started = false;
  const close = () => {
    if (!task) return;
    // A page loaded anew (a reload) renders itself first again: the task that navigates is
    // the host page's, even once the questionnaire has run.
    const questionnaire = task.runsOurs || (started && task.renders && !task.runsScript && !task.navigates);
    started = (started && !task.navigates) || task.runsOurs;
    const share = task.duration - (task.parses ? task.parsing + task.rendering : 0);
    const cause = CAUSES[task.longest?.name] ?? (task.renders ? 'frame' : 'other');
    tasks.push([task.start, task.duration, questionnaire ? share : 0, cause]);
    task = undefined;
  };
  for (const e of main) {
    if (task && e.ts >= task.end) close();
    if (e.name === 'RunTask') {
      close();
      task = {
        start: e.ts / 1000,
        duration: e.dur / 1000,
        end: e.ts + e.dur,
        runsOurs: false,
        runsScript: false,
        renders: false,
        navigates: false,
        parses: false,
        // The task's own (not nested) parsing and rendering, in ms.
        parsing: 0,
        rendering: 0,
        childEnd: 0,
        // The longest event of the first level: what the task ran.
        longest: undefined,
      };
    } else if (task) {
      task.runsOurs ||= ours(e);
      task.runsScript ||= SCRIPT_EVENTS.has(e.name);
      task.renders ||= RENDERING_EVENTS.has(e.name);
      task.navigates ||= e.name === 'CommitLoad';
      task.parses ||= e.name === 'EventDispatch' && e.args?.data?.type === 'DOMContentLoaded';
      if (e.ts >= task.childEnd) {
        task.childEnd = e.ts + e.dur;
        if (e.dur > (task.longest?.dur ?? 0)) task.longest = e;
        if (e.name === 'ParseHTML') {
          task.parses = true;
          task.parsing += e.dur / 1000;
        } else if (RENDERING_EVENTS.has(e.name)) task.rendering += e.dur / 1000;
      }
    }
  }
  close();
  const marks = Object.fromEntries(
    events.filter((e) => e.name?.startsWith('bench:')).map((e) => [e.name.slice('bench:'.length), e.ts / 1000]),
  );
  return { tasks, marks };
}

/** Runs `action`, then resolves when the page logs `text` (during the action or after it). */
async function consoleMessage(page, text, action, timeout = 120_000) {
  let timer;
  let listener;
  const logged = new Promise((resolve, reject) => {
    listener = (message) => message.text() === text && resolve();
    page.on('console', listener);
    timer = setTimeout(() => reject(new Error(`the page did not log ${text} within ${timeout} ms`)), timeout);
  });
  try {
    await action();
    await logged;
  } finally {
    clearTimeout(timer);
    page.off('console', listener);
  }
}

/** The questionnaire's longest task of each cause (`CAUSES`), in ms: 0 where none. */
export function longestByCause(tasks) {
  const causes = new Set([...Object.values(CAUSES), 'frame', 'other']);
  const longest = Object.fromEntries([...causes].map((cause) => [cause, 0]));
  for (const [, , share, cause] of tasks) longest[cause] = Math.max(longest[cause], share);
  return longest;
}

/** Main-thread work between the marks `next` and `painted`, in ms (mainThreadTasks' output). */
function nextWork({ tasks, marks }) {
  return tasks
    .map(([start, duration]) => Math.min(start + duration, marks.painted) - Math.max(start, marks.next))
    .filter((overlap) => overlap > 0)
    .reduce((sum, overlap) => sum + overlap, 0);
}

/**
 * A page in a new context, as every run has it: a phone's viewport, shadow roots open, the
 * scripts `before` run ahead of the page's own, the CPU slowed `rate` times.
 */
async function newPage(chrome, rate, before = []) {
  const context = await chrome.newContext({ viewport: { width: 390, height: 844 } });
  for (const script of [openShadowRoots, ...before]) await context.addInitScript(script);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  return { context, page, cdp };
}

/** One run of one questionnaire: its figures, or the reason it could not be measured. */
async function measure(chrome, server, subject, { throttled, traced }, { answers, questionnaire }) {
  const { context, page, cdp } = await newPage(chrome, throttled ? THROTTLE : 1, [
    `(${monitor})(${JSON.stringify(subject.ready)}, ${JSON.stringify(FIRST_SCREEN)})`,
  ]);
  const loaded = new Set();
  page.on('requestfinished', (request) => loaded.add(new URL(request.url()).pathname));
  const figures = {};
  try {
    if (traced) await chrome.startTracing(page, { categories: TRACE_CATEGORIES });
    // The page says when its first screen shows: the driver evaluates nothing in it before, as
    // its first evaluation in a page compiles its own script on the main thread (about 60 ms
    // at 4x), in the middle of the questionnaire's loading, whoever's it is.
    await consoleMessage(page, FIRST_SCREEN, () => page.goto(`${server.url}/${subject.page}`, { waitUntil: 'commit' }));
    await page.waitForLoadState('load');
    figures.firstScreen = await page.evaluate(() => window.__firstScreen);
    figures.hostShift = await page.evaluate(() => window.__hostShift);
    figures.files = [...loaded].filter((path) => path !== `/${subject.page}`);
    if (!traced) return figures;
    if (subject.next) {
      await subject.beforeNext(page);
      await page.evaluate(idle);
      figures.next = await page.evaluate(clickNext, subject.next);
      if (subject.handSwap) figures.nextMarkup = await page.evaluate(shownMarkup, subject.next);
    }
    await subject.answerAll(page, answers, questionnaire);
    const timeline = mainThreadTasks((await chrome.stopTracing()).toString(), figures.files);
    figures.longestTask = Math.max(...timeline.tasks.map(([, , share]) => share));
    figures.longestPageTask = Math.max(...timeline.tasks.map(([, duration]) => duration));
    figures.longestByCause = longestByCause(timeline.tasks);
    if (subject.next) figures.nextWork = nextWork(timeline);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    figures.memory = heap.usedSize + (heap.backingStorageSize ?? 0);
    return figures;
  } finally {
    await context.close();
  }
}

/**
 * The browser's floor for a Next: the main thread's work, at 4x under a trace, from the click to
 * the frame that shows the step made from `markup` by handSwap, in ms.
 */
async function measureHandSwap(chrome, server, subject, markup) {
  const { context, page } = await newPage(chrome, THROTTLE);
  const swap = { next: subject.next, swap: subject.handSwap, markup };
  try {
    await page.goto(`${server.url}/${subject.page}`);
    await subject.beforeNext(page);
    await page.evaluate(handSwap, swap);
    await chrome.startTracing(page, { categories: TRACE_CATEGORIES });
    await page.evaluate(idle);
    await page.evaluate(clickNext, subject.next);
    const timeline = mainThreadTasks((await chrome.stopTracing()).toString(), []);
    // Measured only if the script answered the click, not the questionnaire.
    if (!(await page.evaluate(handSwapShown, swap)))
      throw new Error('the step shown after the hand swap is not the one it made, or its heading lacks focus');
    return nextWork(timeline);
  } finally {
    await context.close();
  }
}

const median = (values) => {
  const sorted = values.filter((v) => typeof v === 'number').sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : undefined;
};

/** Raw, gzip and brotli bytes of the files a questionnaire loaded, from the site's folder. */
function bytesOf(site, files) {
  const totals = { raw: 0, gzip: 0, brotli: 0 };
  for (const file of files) {
    const bytes = readFileSync(join(site, decodeURIComponent(file)));
    totals.raw += bytes.length;
    totals.gzip += gzipSync(bytes, { level: 9 }).length;
    totals.brotli += brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  return totals;
}

async function main() {
  const given = options();
  const site = join(ROOT, 'target/bench/site');
  writeSite(site, given);
  const server = await serve(site);
  // Nothing leaves the machine: no host but 127.0.0.1 resolves. The browser refuses the rest
  // itself; routing each request through the driver instead delays every one of them (our
  // first screen by about 80 ms at 4x, for its three requests in a row).
  const chrome = await browser(['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1']);
  const names = Object.keys(SUBJECTS);
  const runs = Object.fromEntries(names.map((name) => [name, { cold: [], throttled: [], traced: [], handSwap: [] }]));
  try {
    for (let run = 0; run < given.runs; run++) {
      // Alternate who goes first, so that no one always meets a cold or a warm browser.
      const order = names.map((_, i) => names[(i + run) % names.length]);
      for (const name of order) {
        runs[name].cold.push(await measure(chrome, server, SUBJECTS[name], { throttled: false }, given));
        runs[name].throttled.push(await measure(chrome, server, SUBJECTS[name], { throttled: true }, given));
        runs[name].traced.push(await measure(chrome, server, SUBJECTS[name], { throttled: true, traced: true }, given));
        const { nextMarkup } = runs[name].traced.at(-1);
        if (nextMarkup) runs[name].handSwap.push(await measureHandSwap(chrome, server, SUBJECTS[name], nextMarkup));
      }
      process.stderr.write(`bench: run ${run + 1} of ${given.runs} done\n`);
    }
  } finally {
    await chrome.close();
    await server.close();
  }
  const results = Object.fromEntries(
    names.map((name) => {
      const { cold, throttled, traced, handSwap } = runs[name];
      const pick = (list, key) => median(list.map((figures) => figures[key]));
      return [
        name,
        {
          bytes: bytesOf(site, cold[0].files),
          firstScreen: pick(cold, 'firstScreen'),
          firstScreenThrottled: pick(throttled, 'firstScreen'),
          next: pick(traced, 'next'),
          nextWork: pick(traced, 'nextWork'),
          nextFloor: median(handSwap),
          longestTask: pick(traced, 'longestTask'),
          longestPageTask: pick(traced, 'longestPageTask'),
          longestByCause: Object.fromEntries(
            Object.keys(traced[0].longestByCause).map((cause) => [
              cause,
              median(traced.map((figures) => figures.longestByCause[cause])),
            ]),
          ),
          memory: pick(traced, 'memory'),
          hostShift: pick(traced, 'hostShift'),
        },
      ];
    }),
  );
  const table = report(results, given);
  console.log(table);
  const doc = readFileSync(DOC, 'utf8');
  const [start, end] = MARKERS.map((m) => doc.indexOf(m));
  if (start < 0 || end < start)
    throw new Error(`${relative(ROOT, DOC)} lacks the bench markers ${MARKERS.join(' … ')}`);
  writeFileSync(DOC, `${doc.slice(0, start + MARKERS[0].length)}\n${table}\n${doc.slice(end)}`);
  console.log(`\nwrote the table into ${relative(ROOT, DOC)}`);
}

/** The Markdown table, the goals and the ratios. */
function report(results, { engine, runs }) {
  const { ours, surveyjs, lforms } = results;
  const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
  const ms = (value) => (value === undefined ? 'n/a' : `${value.toFixed(0)} ms`);
  const mb = (bytes) => (bytes === undefined ? 'n/a' : `${(bytes / 1e6).toFixed(1)} MB`);
  const ratio = (a, b) => (a === undefined || b === undefined || b === 0 ? 'n/a' : (a / b).toFixed(2));
  const rows = [
    ['bytes loaded, raw', (r) => r.bytes.raw, kb],
    ['bytes loaded, gzip', (r) => r.bytes.gzip, kb],
    ['bytes loaded, brotli', (r) => r.bytes.brotli, kb],
    ['first screen interactive, unthrottled', (r) => r.firstScreen, ms],
    [`first screen interactive, ${THROTTLE}x CPU`, (r) => r.firstScreenThrottled, ms],
    [`Next to the next step painted, ${THROTTLE}x CPU`, (r) => r.next, ms],
    [`main-thread work for that Next, ${THROTTLE}x CPU`, (r) => r.nextWork, ms],
    [
      `the same Next made by hand, its nodes made before the click (the floor), ${THROTTLE}x CPU`,
      (r) => r.nextFloor,
      ms,
    ],
    [`longest main-thread task of the questionnaire, ${THROTTLE}x CPU`, (r) => r.longestTask, ms],
    [
      `longest main-thread task of the page (its host, the test driver), ${THROTTLE}x CPU`,
      (r) => r.longestPageTask,
      ms,
    ],
    ['JS heap + wasm memory after a completed check', (r) => r.memory, mb],
    ['layout shift of the host page while loading', (r) => r.hostShift, (v) => v.toFixed(3)],
  ];
  const lines = [
    `Measured on ${new Date().toISOString().slice(0, 10)}: ${cpus()[0].model}, ${cpus().length} cores, ` +
      `${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${process.env.CHROMIUM_VERSION ?? 'Chromium'}, pages on 127.0.0.1 ` +
      `at 390x844; each figure the median of ${runs} alternating runs.`,
    '',
    '| figure | ours | SurveyJS | LHC-Forms | ours / SurveyJS | ours / LHC-Forms |',
    '|---|---|---|---|---|---|',
    ...rows.map(([label, get, format]) => {
      const [a, b, c] = [ours, surveyjs, lforms].map(get);
      const shown = (v) => (v === undefined ? 'n/a' : format(v));
      return `| ${label} | ${shown(a)} | ${shown(b)} | ${shown(c)} | ${ratio(a, b)} | ${ratio(a, c)} |`;
    }),
  ];
  if (engine) lines.push(`| engine (native) | ${engine} | | | | |`);
  const goal = (met, text) => `- ${met ? 'met' : 'NOT met'}: ${text}`;
  lines.push(
    '',
    'Goals:',
    goal(
      ours.firstScreenThrottled <= 0.4 * surveyjs.firstScreenThrottled,
      `first screen at ${THROTTLE}x within 0.4x SurveyJS's: ${ms(ours.firstScreenThrottled)} against ` +
        `0.4 × ${ms(surveyjs.firstScreenThrottled)} = ${ms(0.4 * surveyjs.firstScreenThrottled)}`,
    ),
    goal(
      ours.nextWork <= 16,
      `Next within one frame (16 ms) of main-thread work (${ms(ours.nextWork)}; made by hand: ${ms(ours.nextFloor)})`,
    ),
    goal(ours.longestTask <= 50, `no main-thread task of the checker over 50 ms (${ms(ours.longestTask)})`),
    goal(ours.hostShift === 0, `no layout shift of the host page (${ours.hostShift.toFixed(3)})`),
    '',
    `Where the checker's longest tasks come from (each the median over the runs of the longest of its kind, ${THROTTLE}x CPU): ` +
      `loading its script ${ms(ours.longestByCause.script)}, a timer (a screen drawn after a click, the first ` +
      `screen) ${ms(ours.longestByCause.timer)}, an input event ${ms(ours.longestByCause.input)}, a frame's style, ` +
      `layout and paint ${ms(ours.longestByCause.frame)}, other ${ms(ours.longestByCause.other)}.`,
  );
  return lines.join('\n');
}

// Run as a script, not imported (its test imports it): real paths, so a symlink to it runs it too.
if (process.argv[1] && realpathSync(process.argv[1]) === realpathSync(import.meta.filename)) await main();
