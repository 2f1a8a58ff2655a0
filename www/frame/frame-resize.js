// The optional helper for a page that embeds the checker as an iframe (dist/frame.html): it
// sizes each `iframe[data-b12-cramp-check]` to the checker's height. Without it the frame keeps
// the height the page gives it and scrolls inside. Put it after the iframes (or `defer` it).
//
// It greets each frame when the frame loads; the frame then posts its height only, as
// `{ b12cFrameHeight: <px> }`, to this page's origin. A message counts only if it comes from
// that iframe's window and origin, and it sets only that iframe's height, in whole pixels
// between 150 and 30000. No answer ever crosses.
for (const frame of document.querySelectorAll('iframe[data-b12-cramp-check]')) {
  // A sandbox without allow-same-origin gives the frame an opaque origin: its messages come
  // from 'null', and no target origin can name it, so the greeting goes to '*'. It carries
  // nothing, and the frame replies only to its parent, at the greeting's origin. The browser
  // reads the tokens in any case (Allow-Same-Origin too); DOMTokenList.contains does not.
  const opaque =
    frame.hasAttribute('sandbox') && ![...frame.sandbox].some((token) => token.toLowerCase() === 'allow-same-origin');
  let origin = 'null';
  try {
    if (!opaque) origin = new URL(frame.src, location.href).origin;
  } catch {
    // Not an address: left as 'null', below.
  }
  // A `src` that is no address, or one without an origin of its own (about:blank, data:), has
  // no origin to hear or to greet: that frame is left as it is, and the others are still sized.
  if (!opaque && origin === 'null') continue;
  const greet = () => frame.contentWindow?.postMessage({ b12cFrameHello: 1 }, opaque ? '*' : origin);
  frame.addEventListener('load', greet);
  greet();
  addEventListener('message', (event) => {
    const height = event.data?.b12cFrameHeight;
    if (event.source !== frame.contentWindow || event.origin !== origin || !Number.isFinite(height)) return;
    frame.style.height = `${Math.round(Math.min(Math.max(height, 150), 30000))}px`;
  });
}
