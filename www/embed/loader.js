// <b12-cramp-check>: the custom element around the checker's WebAssembly.
//
// `cargo xtask embed` bundles this file with the wasm-bindgen glue (./glue.js), the minified
// widget stylesheet (./widget.css, imported as text) and a wasm source (./wasm-source.js) twice:
// into dist/embed/b12-cramp-check.js with www/embed/wasm-source-fetch.js (the wasm next to the
// bundle, pinned by its SRI hash), and into the offline file dist/b12-cramp-check.html with
// www/offline/wasm-source-inline.js (the wasm inside the file, since file:// pages cannot fetch).
// Each element renders into a closed shadow root, so that session-replay and analytics scripts
// on the host page see neither the questions nor the answers (README: Privacy on publisher
// pages); its state lives in its own Rust `Widget`.

import init, { Widget, evaluate as evaluateLoaded } from './glue.js';
import css from './widget.css';
import { wasmSource, WASM_SOURCE_NAME } from './wasm-source.js';

const TAG = 'b12-cramp-check';

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

let loading;
/** Loads, checks and compiles the wasm once for every element on the page. */
function ready() {
  loading ??= (async () => {
    if (typeof WebAssembly !== 'object') {
      throw new Error('this browser cannot run WebAssembly');
    }
    await init({ module_or_path: wasmSource() });
  })();
  return loading;
}

let reported = false;
/** One console message per page that says why the checker could not start. */
function report(error) {
  if (reported) return;
  reported = true;
  const text = String(error?.message ?? error);
  const why = /wasm-unsafe-eval|Content Security Policy/i.test(text)
    ? "the page's Content Security Policy blocks WebAssembly: add 'wasm-unsafe-eval' to script-src"
    : /integrity/i.test(text)
      ? `the wasm file does not match its SRI hash (${WASM_SOURCE_NAME})`
      : text;
  console.error(`${TAG}: cannot start, so its fallback content stays: ${why}`);
}

/**
 * The assessment for answers in the command line's JSON shape, resolved once the wasm is
 * loaded. Rejects with an Error naming the question or option when the answers are invalid.
 */
export async function evaluate(answers) {
  await ready();
  return evaluateLoaded(answers);
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

class B12CrampCheck extends HTMLElement {
  static observedAttributes = ['lang', 'region', 'theme', 'heading-level', 'share-answers'];

  #widget = null;
  #root = null;
  #pendingRemoval = 0;

  connectedCallback() {
    // A move is a disconnect then a connect: the widget, and the reader's answers, stay.
    clearTimeout(this.#pendingRemoval);
    if (this.#widget) return;
    ready().then(() => this.#mount(), report);
  }

  disconnectedCallback() {
    // Freed only if the element is still out of the page once the current task is done.
    this.#pendingRemoval = setTimeout(() => {
      if (!this.isConnected && this.#widget) {
        this.#widget.destroy();
        this.#widget = null;
      }
    });
  }

  attributeChangedCallback() {
    this.#widget?.refresh();
  }

  #mount() {
    if (!this.isConnected || this.#widget) return;
    // The shadow root is attached only now, so the light-DOM fallback shows until this moment.
    if (!this.#root) {
      this.classList.add(...REPLAY_BLOCK_CLASSES);
      for (const [name, value] of Object.entries(REPLAY_BLOCK_ATTRIBUTES)) {
        if (!this.hasAttribute(name)) this.setAttribute(name, value);
      }
      this.#root = this.attachShadow({ mode: 'closed' });
      adoptStyles(this.#root);
    }
    try {
      this.#widget = new Widget(this);
      this.#root.append(this.#widget.container);
    } catch (error) {
      report(error);
    }
  }
}

if (!customElements.get(TAG)) customElements.define(TAG, B12CrampCheck);
