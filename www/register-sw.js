// Registers the service worker (sw.js, generated at build) that lets a reader who opened this
// page once use it offline. The standalone page only: the embed runs on publishers' sites, and a
// page opened from disk (file://) cannot have one.
if ('serviceWorker' in navigator && (location.protocol === 'https:' || location.protocol === 'http:')) {
  const url = new URL('sw.js', import.meta.url).href;
  // Under the page's Trusted Types policy a worker's address must come from a policy; this one
  // allows exactly this page's own worker and nothing else.
  const scriptUrl = globalThis.trustedTypes
    ? trustedTypes
        .createPolicy('b12-cramp-check', {
          createScriptURL: (candidate) => {
            if (candidate !== url) throw new TypeError(`b12-cramp-check: refused worker address ${candidate}`);
            return candidate;
          },
        })
        .createScriptURL(url)
    : url;
  // After the page has loaded, so caching its files never competes with showing it.
  const register = () =>
    navigator.serviceWorker.register(scriptUrl).catch((error) => {
      console.warn(`b12-cramp-check: offline use is unavailable: ${error.message}`);
    });
  if (document.readyState === 'complete') register();
  else addEventListener('load', register, { once: true });
}
