// The frame's page (frame.html): the checker configured by the page's query, and its height
// told to the host page once the host's helper (frame-resize.js) asks for it.
//
// Only `lang`, `region` and `theme` are read from the query, and only onto the element: a bad
// value falls back with the element's own console warning. A well-formed `lang` also becomes
// the page's language.
const checker = document.querySelector('b12-cramp-check');
const query = new URLSearchParams(location.search);
for (const name of ['lang', 'region', 'theme']) {
  const value = query.get(name);
  if (value !== null) checker.setAttribute(name, value);
}
try {
  // The element takes `es_ES` too; a language tag has `-`.
  const [language] = Intl.getCanonicalLocales(query.get('lang')?.replaceAll('_', '-') ?? []);
  if (language) {
    document.documentElement.lang = language;
    // The page's own words (the checker's fallback) and its title in that language when it has
    // them, as the checker does; else they stay in English.
    const primary = language.split('-')[0];
    const words = [...document.querySelectorAll('[data-words]')];
    const found = words.find((w) => w.lang === primary);
    if (found) {
      for (const w of words) w.hidden = w !== found;
      document.title = found.dataset.title ?? document.title;
    }
  }
} catch {
  // Not a language tag: the page keeps English, as its own words are.
}

// The height protocol. The frame says nothing until the window that embeds it greets it with
// `{ b12cFrameHello: 1 }`; it then posts only `{ b12cFrameHeight: <px> }`, only to that window
// (`parent`) and only at the greeting's origin, so another page that loads the frame learns
// nothing, and a greeting from any other window (a sibling frame, a popup) gets no reply. An
// opaque host origin ('null') cannot be named as a target, so such a host gets no reply either.
//
// The height must not tell the host the reader's answers: on a step, an answer can bring in a
// follow-up question or a notice. So once the reader has clicked anything, the height sent is
// the content's plus ROOM for such additions, rounded up to a multiple of STEP, and a change
// that an answer causes (marked by the `input` event, which leaves the checker's closed root as
// the element's; a click or a key pressed since clears the mark) sends nothing, even when the
// content no longer fits: on a narrow phone two follow-ups and a red-flag notice on one step
// can outgrow ROOM, and a height sent then would tell those answers. The frame then scrolls
// inside. Any other change (a new screen, a "Why we ask" opened) is measured anew: a taller
// height at once, a smaller one SHRINK_DELAY ms later (measured before any answer given
// meanwhile), so a result drawn in two parts is heard once. That measure includes what the
// step's answers brought in, as the frame cannot tell a new screen from a change on the same
// one (the root is closed). The host's new frame height does not change the content's (the
// page has no viewport-sized parts), so a report never causes another. What the heights still
// tell: README, What the height tells your page.
const ROOM = 25; // rem
const STEP = 10; // rem
const SHRINK_DELAY = 300; // ms
let hostOrigin = null;
let reported = 0;
let clicked = false;
let answered = false;
let shrinking;
const contentHeight = () => Math.ceil(document.documentElement.getBoundingClientRect().height);
const send = (height) => {
  clearTimeout(shrinking);
  if (height === reported) return;
  reported = height;
  parent.postMessage({ b12cFrameHeight: height }, hostOrigin);
};
/** The height to send: the content's, with ROOM once the reader has clicked, in STEPs. */
const measured = () => {
  const rem = Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  const [room, step] = [clicked ? ROOM : 0, STEP].map((size) => Math.ceil(size * rem));
  return Math.ceil((contentHeight() + room) / step) * step;
};
const report = () => {
  if (hostOrigin === null || answered) return;
  const height = measured();
  clearTimeout(shrinking);
  if (height > reported) return send(height);
  if (height < reported) shrinking = setTimeout(() => send(height), SHRINK_DELAY);
};
for (const type of ['click', 'keydown']) {
  addEventListener(
    type,
    () => {
      clicked = true;
      answered = false;
    },
    true,
  );
}
addEventListener(
  'input',
  () => {
    answered = true;
  },
  true,
);
addEventListener('message', (event) => {
  if (event.source !== parent || parent === window || event.data?.b12cFrameHello !== 1) return;
  if (event.origin === 'null') return;
  // A greeting again (the host's helper loaded twice) hears the height already sent: measured
  // anew, it would tell a host that greets after each answer whether a follow-up appeared.
  if (hostOrigin !== null && reported > 0) {
    parent.postMessage({ b12cFrameHeight: reported }, hostOrigin);
    return;
  }
  hostOrigin = event.origin;
  // Answered even just after an answer: the host has no height yet to compare with.
  send(measured());
});
new ResizeObserver(() => report()).observe(document.documentElement);
