// <b12-cramp-check>: the custom element around the checker's WebAssembly.
//
// `cargo xtask assemble` bundles this file with the wasm-bindgen glue (./glue.js, turned into a
// factory, `createInstance`), the minified widget stylesheet (./widget.css, imported as text)
// and a wasm source (./wasm-source.js): into dist/embed/b12-cramp-check.js with
// www/embed/wasm-source-fetch.js (the wasm next to the bundle, pinned by its SRI hash), and into
// the offline file dist/b12-cramp-check.html with www/offline/wasm-source-inline.js (the wasm
// inside the file, since file:// pages cannot fetch).
//
// Each element renders into a closed shadow root, so that session-replay and analytics scripts
// on the host page see neither the questions nor the answers (README: Privacy on publisher
// pages); its state lives in its own Rust `Widget`. The elements of a page share one wasm
// instance. If it traps (a bug: `panic = "abort"`), every element is brought back on a fresh
// instance with the reader's answers; an element that keeps failing shows its fallback content
// and a short message instead (README: Robustness).

import { createInstance } from './glue.js';
import css from './widget.css';
import { wasmSource, WASM_SOURCE_NAME } from './wasm-source.js';

const TAG = 'b12-cramp-check';

/** An element restarts at most this many times; then it shows its fallback for good. */
const MAX_RESTARTS = 2;
/** More items than any question has options (a question's answer holds at most 32). */
const MAX_LIST_ITEMS = 64;

/** The element's restart, called by its instance only: a symbol keeps it off the public API. */
const RESTART = Symbol('restart');

/**
 * What the documented privacy markers of common session-replay and analytics tools ask for, set
 * on the host element: each tool then leaves the element and everything in it out of its
 * recordings. Belt and braces: with a closed shadow root they see nothing inside anyway, but a
 * tool that patches attachShadow could.
 */
const REPLAY_BLOCK_CLASSES = [
  'rr-block', // rrweb and the tools built on it
  'ph-no-capture', // PostHog autocapture and replay
  'sentry-block', // Sentry Session Replay
  'fs-exclude', // FullStory
];
const REPLAY_BLOCK_ATTRIBUTES = {
  'data-hj-suppress': '', // Hotjar
  'data-clarity-mask': 'true', // Microsoft Clarity
  'data-private': '', // LogRocket
};

/** The widget's version (its Cargo package version). */
export const version = WIDGET_VERSION;

/** The message of anything thrown, without trusting it to be an Error. */
function messageOf(thrown) {
  try {
    return String(thrown?.message ?? thrown);
  } catch {
    return 'an unknown error';
  }
}

/** An Error for anything thrown, so that callers always get one. */
function asError(thrown) {
  return thrown instanceof Error ? thrown : new Error(messageOf(thrown));
}

/**
 * Runs `call` with the page's `self` being the window. The wasm reads the global object once
 * per instance, trying `self` first (wasm-bindgen's js-sys), so a page that replaced
 * `window.self` would leave it without a window; its own `self` is put back at once.
 */
function withRealSelf(call) {
  if (globalThis.self === globalThis) return call();
  const own = Object.getOwnPropertyDescriptor(globalThis, 'self');
  Object.defineProperty(globalThis, 'self', { value: globalThis, configurable: true, writable: true });
  try {
    return call();
  } finally {
    if (own) Object.defineProperty(globalThis, 'self', own);
    else delete globalThis.self;
  }
}

let compiling;
/** The wasm, fetched (or unpacked), checked and compiled once for every instance on the page. */
function compiled() {
  compiling ??= (async () => {
    if (typeof WebAssembly !== 'object') {
      throw new Error('this browser cannot run WebAssembly');
    }
    const response = await wasmSource();
    if (!response.ok)
      throw new Error(`the wasm file could not be loaded (HTTP ${response.status}, ${WASM_SOURCE_NAME})`);
    // Compiled from all its bytes at once, not as they stream in: SRI holds the bytes back until
    // the whole file has arrived anyway, and a buffer is decoded off the main thread, where
    // streaming would decode it in the task that receives the bytes (30 to 60 ms at 4x CPU).
    return WebAssembly.compile(await response.arrayBuffer());
  })();
  return compiling;
}

/**
 * One wasm instance and the elements it serves. A panic anywhere in it is reported here before
 * the trap (Rust's panic hook); the instance is then dead, and its elements restart on a new one.
 */
class Instance {
  elements = new Set();
  dead = false;

  static #current = null;
  static created = 0;

  /** The live instance, started if there is none (at once, so that every caller shares it). */
  static async live() {
    if (!Instance.#current || Instance.#current.dead) Instance.#current = new Instance();
    const instance = Instance.#current;
    await instance.ready;
    return instance.dead ? Instance.live() : instance;
  }

  constructor() {
    Instance.created += 1;
    // The glue is made in a task of its own while the wasm loads, not in the one that defines
    // the element, which the host page's parser may be running.
    const glue = new Promise((resolve) => setTimeout(resolve)).then(createInstance);
    this.ready = Promise.all([compiled(), glue])
      .then(([module, made]) => {
        this.glue = made;
        return made.init({ module_or_path: module });
      })
      .then((exports) => {
        this.exports = exports;
        this.glue.setPanicReporter((message) => this.fail(message));
      });
  }

  /**
   * Runs `call` (into the wasm); anything it throws that is not an ordinary Error of the API
   * means the instance can no longer be trusted (a trap, or an exception that cut through it).
   */
  guard(call) {
    try {
      return withRealSelf(call);
    } catch (thrown) {
      if (!(thrown instanceof Error) || thrown instanceof WebAssembly.RuntimeError) this.fail(messageOf(thrown));
      throw asError(thrown);
    }
  }

  fail(message) {
    if (this.dead) return;
    this.dead = true;
    console.error(`${TAG}: the checker stopped (${message}); restarting it with the reader's answers`);
    // After the current call has unwound: nothing may call into this instance any more.
    setTimeout(() => {
      for (const element of [...this.elements]) element[RESTART]();
    });
  }
}

let reported = false;
/** One console message per page that says why the checker could not start. */
function report(error) {
  if (reported) return;
  reported = true;
  const text = messageOf(error);
  const why = /wasm-unsafe-eval|Content Security Policy/i.test(text)
    ? "the page's Content Security Policy blocks WebAssembly: add 'wasm-unsafe-eval' to script-src"
    : /integrity/i.test(text)
      ? `the wasm file does not match its SRI hash (${WASM_SOURCE_NAME})`
      : text;
  console.error(`${TAG}: cannot start, so its fallback content stays: ${why}`);
}

/**
 * Whether the element opts in to receiving the answers: `share-answers` present, as for any
 * boolean attribute, but not `"false"` (a template's boolean written out), which is no opt-in to
 * sending health data. The one reading of the attribute: the widget is told the outcome.
 */
function asksToShare(element) {
  const value = element.getAttribute('share-answers');
  if (value?.trim().toLowerCase() !== 'false') return value !== null;
  console.warn(`${TAG}: share-answers="false" is taken as no sharing; remove the attribute to say so`);
  return false;
}

/**
 * A copy of the answers made of plain values only: own enumerable keys, strings, numbers,
 * booleans, null, lists, and an empty object or list where an object or a nested list was (the
 * reader of raw answers refuses those by kind). Whatever the caller passed (a Proxy whose traps
 * throw, getters, exotic prototypes), nothing of it runs inside the wasm.
 */
function plainAnswers(answers) {
  if (answers === null || typeof answers !== 'object') return answers;
  if (Array.isArray(answers)) return [];
  const plain = (value) => {
    if (Array.isArray(value)) {
      // Only the first items: a longer list is refused as more options than its question has
      // all the same, and a sparse one (its length set to 4e9) is not copied hole by hole.
      return Array.from({ length: Math.min(value.length, MAX_LIST_ITEMS) }, (_, i) => {
        const item = value[i];
        return Array.isArray(item) ? [] : plain(item);
      });
    }
    return value !== null && typeof value === 'object' ? {} : value;
  };
  const copy = Object.create(null);
  for (const key of Object.keys(answers)) {
    Object.defineProperty(copy, key, { value: plain(answers[key]), enumerable: true });
  }
  return copy;
}

/**
 * The assessment for answers in the command line's JSON shape, resolved once the wasm is
 * loaded. Rejects with an Error naming the question or option when the answers are invalid, and
 * with an Error whatever else goes wrong.
 */
export async function evaluate(answers) {
  let plain;
  try {
    plain = plainAnswers(answers);
  } catch (thrown) {
    throw new Error(`invalid answers: they could not be read (${messageOf(thrown)})`);
  }
  try {
    const instance = await Instance.live();
    return instance.guard(() => instance.glue.evaluate(plain));
  } catch (thrown) {
    throw asError(thrown);
  }
}

let sheet;
/** A constructable stylesheet shared by every instance (allowed under a strict CSP). */
function adoptStyles(root) {
  if ('adoptedStyleSheets' in Document.prototype && 'replaceSync' in CSSStyleSheet.prototype) {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
    }
    root.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement('style');
    style.textContent = css;
    root.append(style);
  }
}

/**
 * A click counts once. A double click on Next is a click, then a second one a moment later at
 * the same place, where the next screen (or the error summary, which moves the step down) has
 * been drawn by then: on one of its options, ticking "None of these" on a list of warning signs
 * the reader never saw, or on its Next. So the second and third clicks of a double or triple
 * click (`detail` above 1) are dropped before the checker sees them, with their default action
 * (a tick), as GOV.UK's buttons drop a second click; an option double-clicked is ticked, not
 * ticked and unticked. Keys and assistive technologies click with `detail` 0 or 1.
 */
function countClicksOnce(root) {
  root.addEventListener(
    'click',
    (event) => {
      if (event.detail > 1) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    },
    true,
  );
}

/**
 * The keys the checker's controls act on stay inside it: the arrows (a radio group), Space (a
 * tick) and Enter (a button or link). The page sees the element, not the control, as their
 * target, so a page's shortcuts that leave form controls alone (a gallery's arrows, Space to
 * scroll) would take them, and one that cancels them would stop the tick. Stopped as they leave
 * the shadow root, after the checker's own listeners; Tab and Escape go on, for a page's focus
 * traps and menus. A tick's `input` event stays inside too. A page's capture-phase listeners
 * still run first (README: Privacy on publisher pages).
 */
function keepOwnKeys(root) {
  const stop = (event) => {
    if (event.type === 'input' || /^(Arrow| $|Enter$)/.test(event.key)) event.stopPropagation();
  };
  for (const type of ['keydown', 'keypress', 'keyup', 'input']) root.addEventListener(type, stop);
}

/**
 * The summary alone on paper: the checker's Print button marks its element as printing until
 * the dialog closes, and a print rule in the page hides every element that neither is nor holds
 * the element so marked, so that a publisher's article does not print around the summary. A
 * constructed stylesheet, which a strict Content Security Policy allows; where the page cannot
 * take it, the page prints whole, as the browser's own Print does.
 */
let printRule;
function printAlone(host, root) {
  root.addEventListener(
    'click',
    (event) => {
      if (!event.target.closest?.('[data-action="print"]')) return;
      // A browser without `::details-content` (Safari before 18.4, Firefox before 143) prints a
      // closed <details> closed: the reader's answers open for the print, and close after it
      // (only once it prints: a print the page stops leaves them as they are).
      let opened = [];
      addEventListener(
        'beforeprint',
        () => {
          opened = [...root.querySelectorAll('details:not([open])')];
          for (const details of opened) details.open = true;
        },
        { once: true },
      );
      addEventListener(
        'afterprint',
        () => {
          for (const details of opened) details.open = false;
        },
        { once: true },
      );
      try {
        if (!printRule) {
          printRule = new CSSStyleSheet();
          // The element and the boxes that hold it lose their layout (a narrow column, a grid,
          // margins), so that the summary has the page's width.
          printRule.replaceSync(`@media print{
body:has([data-b12c-printing]) :not([data-b12c-printing],:has([data-b12c-printing])){display:none!important}
html:has([data-b12c-printing]),html:has([data-b12c-printing]) :has([data-b12c-printing]),[data-b12c-printing]{display:block!important;position:static!important;margin:0!important;padding:0!important;border:0!important;width:auto!important;min-width:0!important;max-width:none!important;height:auto!important;min-height:0!important;max-height:none!important;overflow:visible!important;transform:none!important;translate:none!important;scale:none!important;rotate:none!important;contain:none!important;columns:auto!important}}`);
        }
        const sheets = document.adoptedStyleSheets;
        if (!sheets.includes(printRule)) document.adoptedStyleSheets = sheets.concat(printRule);
      } catch {
        return;
      }
      host.setAttribute('data-b12c-printing', '');
      // After the dialog, however it closes (print() returns before it does in some browsers).
      addEventListener('afterprint', () => host.removeAttribute('data-b12c-printing'), { once: true });
    },
    // Before the button's own handler opens the dialog.
    true,
  );
}

/**
 * The element's class, exported for `instanceof` checks and typings; the module defines it.
 * Where there is no DOM (server-side rendering, a test runner without one) the module still
 * imports, and defines nothing.
 */
export class B12CrampCheckElement extends (globalThis.HTMLElement ?? Object) {
  // HTML's `lang` (which may also come from an ancestor) and the element's own attributes,
  // declared once in src/interface.rs (ATTRIBUTES) and defined here at build.
  static observedAttributes = ELEMENT_ATTRIBUTES;

  #widget = null;
  /** The widget's element in the shadow root (kept here: a dead instance cannot be asked). */
  #container = null;
  #instance = null;
  #root = null;
  #pendingRemoval = 0;
  /** The answers' share code, kept to restart with (in this page's memory only). */
  #answers = null;
  /**
   * Whether `share-answers` asked to share when the checker first started here, and has not
   * been removed or set to "false" since: the reader is told whether this website receives their
   * answers, so adding the attribute later shares nothing (withdrawing it stops sharing for
   * good). Each refresh gives it to the widget.
   */
  #mayShare = null;
  #restarts = 0;
  /** Stopped for good (`#stop`): moved or re-added, it stays so. */
  #stoppedForGood = false;
  /** What shows if the checker stops for good, and its language (read while it can be asked). */
  #stopped = {
    text: 'The check stopped working on this page. If you think you may be having a medical emergency, call your local emergency number now.',
    lang: 'en',
  };

  connectedCallback() {
    // A move is a disconnect then a connect: the widget, and the reader's answers, stay.
    clearTimeout(this.#pendingRemoval);
    if (this.#widget || this.#stoppedForGood) return;
    this.#mount().catch(report);
  }

  disconnectedCallback() {
    // Freed only if the element is still out of the page once the current task is done.
    this.#pendingRemoval = setTimeout(() => {
      if (!this.isConnected && this.#widget) this.#unmount(true);
    });
  }

  attributeChangedCallback(name) {
    // Withdrawn once, sharing never comes back, not even for the widget a restart makes.
    if (name === 'share-answers' && this.#mayShare !== false && !asksToShare(this)) this.#mayShare = false;
    // Not between a fault and the restart: nothing may call into a dead instance.
    if (this.#widget && !this.#instance.dead) this.#instance.guard(() => this.#widget.refresh(this.#mayShare));
  }

  /** Called by the instance after it died: a fresh widget with the answers, or the fallback. */
  [RESTART]() {
    // Read before the checker goes: its removal leaves focus on the page's body.
    const hadFocus = this.matches(':focus-within');
    this.#unmount(false);
    if (!this.isConnected) return;
    this.#restarts += 1;
    if (this.#restarts > MAX_RESTARTS) {
      this.#stop();
      return;
    }
    this.#mount(this.#answers, hadFocus).catch((error) => {
      report(error);
      this.#stop();
    });
  }

  async #mount(restartWith = null, takeFocus = false) {
    const instance = await Instance.live();
    // The first render in a task of its own, not in the one that instantiated the wasm, so
    // that neither holds the host page's main thread for long.
    await new Promise((resolve) => setTimeout(resolve));
    if (!this.isConnected || this.#widget) return;
    // Yew's renderer set up in a task of its own, then the widget in the next: each runs code
    // for the first time (compiled as it is first called), so neither may hold the page for long.
    instance.guard(() => instance.glue.prepareMount());
    await new Promise((resolve) => setTimeout(resolve));
    // Another element's fault may have stopped the instance meantime: this one starts anew.
    if (instance.dead) return this.#mount(restartWith, takeFocus);
    if (!this.isConnected || this.#widget) return;
    if (!this.#root) this.#attachRoot();
    try {
      const keepAnswers = (code) => {
        this.#answers = code;
      };
      this.#mayShare ??= asksToShare(this);
      this.#widget = instance.guard(() => new instance.glue.Widget(this, keepAnswers, restartWith, takeFocus));
      this.#instance = instance;
      instance.elements.add(this);
      // By index, not destructured: a page may have replaced the array iterator.
      const stopped = instance.guard(() => this.#widget.stopped);
      this.#stopped = { text: stopped[0], lang: stopped[1] };
      this.#container = instance.guard(() => this.#widget.container);
    } catch (error) {
      this.#widget = null;
      // A trap while making the widget: this element restarts as the instance's others do.
      if (instance.dead) return this[RESTART]();
      // Otherwise its fallback shows, which a shadow root without a slot would hide.
      this.#root.replaceChildren(document.createElement('slot'));
      throw error;
    }
    // The checker itself in a task after the one that set up its widget: each runs code for
    // the first time (compiled as it is first called), so neither may hold the page for long.
    const widget = this.#widget;
    await new Promise((resolve) => setTimeout(resolve));
    if (this.#widget !== widget || instance.dead) return;
    // In the page only from now on: until then, nothing of it has a style or a layout to update.
    this.#root.append(this.#container);
    instance.guard(() => widget.refresh(this.#mayShare));
  }

  /**
   * The custom state `started` from the reader's first click in the checker on (a tap, or Enter
   * or Space on a button): a host page may reserve the first screen's height until then
   * (`:not(:state(started))`, README: No layout shift), and the checker's height then changes
   * only after input, which is no layout shift. After the click, not at the pointer going down:
   * the reservation's end may move the page under the pointer, and the click must land first.
   */
  #watchStart() {
    let states;
    try {
      states = this.attachInternals().states;
    } catch {
      return; // Internals taken by the page, or a browser without them: no state, no harm.
    }
    const started = (event) => {
      if (!event.isTrusted) return;
      try {
        states.add('started');
      } catch {
        // A browser that knows only the older `--started` form matches no `:state()` rule either.
      }
      this.removeEventListener('click', started);
    };
    this.addEventListener('click', started);
  }

  /** The closed shadow root, with the replay tools' markers on the element. */
  #attachRoot() {
    this.#watchStart();
    this.classList.add(...REPLAY_BLOCK_CLASSES);
    for (const [name, value] of Object.entries(REPLAY_BLOCK_ATTRIBUTES)) {
      if (!this.hasAttribute(name)) this.setAttribute(name, value);
    }
    try {
      this.#root = this.attachShadow({ mode: 'closed' });
    } catch (error) {
      throw new Error(
        `the element already has a shadow root, attached by the page, so the checker cannot render into it (${messageOf(error)})`,
      );
    }
    adoptStyles(this.#root);
    countClicksOnce(this.#root);
    keepOwnKeys(this.#root);
    printAlone(this, this.#root);
  }

  /**
   * Takes the widget out: a live instance frees it (and keeps its mount for the next element);
   * a dead one is never called again, not even by the garbage collector's clean-up.
   */
  #unmount(free) {
    const widget = this.#widget;
    this.#widget = null;
    this.#instance?.elements.delete(this);
    this.#container?.remove();
    this.#container = null;
    if (!widget) return;
    if (free && !this.#instance.dead) {
      try {
        this.#instance.guard(() => widget.destroy());
      } catch {
        // The instance is now dead and restarts its other elements.
      }
    } else {
      widget.__destroy_into_raw();
    }
  }

  /** For good: the element's own content (its fallback, with the emergency advice) and why. */
  #stop() {
    this.#stoppedForGood = true;
    const message = document.createElement('p');
    message.setAttribute('role', 'alert');
    message.textContent = this.#stopped.text;
    // In the checker's language, left to right as the checker is (on any page).
    message.lang = this.#stopped.lang;
    message.dir = 'ltr';
    this.#root.replaceChildren(message, document.createElement('slot'));
    console.error(`${TAG}: the checker stopped again, so its fallback content is shown`);
  }
}

const registry = globalThis.customElements;
if (registry?.get(TAG)) {
  console.error(
    `${TAG}: another script on this page already defined <${TAG}>, so the checker cannot start; the elements keep their own content`,
  );
} else {
  registry?.define(TAG, B12CrampCheckElement);
}

// The test build's hooks (README: Testing); the bundles that ship are built without them.
if (TEST_HOOKS) {
  globalThis.__b12cTest = {
    /** Panics inside the wasm instance that serves `element`'s page. */
    async trap() {
      const instance = await Instance.live();
      try {
        instance.glue.trapForTests();
      } catch {
        // The trap: reported by the panic hook, the instance restarts its elements.
      }
    },
    /** Bytes of the live instance's memory, and how many instances the page has started. */
    async memory() {
      const instance = await Instance.live();
      return { bytes: instance.exports.memory.buffer.byteLength, instances: Instance.created };
    },
  };
}
