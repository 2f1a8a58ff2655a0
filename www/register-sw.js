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
  const unavailable = (why) => console.warn(`b12-cramp-check: offline use is unavailable: ${why}`);
  // A worker that cannot store the page's files (one missing, or not the file the build knows)
  // goes from installing straight to redundant, silently: the console says so. A worker that
  // installed and is later replaced by a newer one also ends redundant, and is not a failure.
  let watched = null;
  const watch = (worker) => {
    if (!worker || worker === watched) return;
    watched = worker;
    let previous = worker.state;
    worker.addEventListener('statechange', () => {
      if (worker.state === 'redundant' && previous === 'installing')
        unavailable(
          "the service worker could not store this version's files (one is missing, or not the file the build made)",
        );
      previous = worker.state;
    });
  };
  // After the page has loaded, so caching its files never competes with showing it.
  const register = () =>
    navigator.serviceWorker.register(scriptUrl).then(
      (registration) => {
        // The first worker is installing once registered (and may be found too); a new
        // version's is found later.
        watch(registration.installing);
        registration.addEventListener('updatefound', () => watch(registration.installing));
      },
      (error) => unavailable(error.message),
    );
  if (document.readyState === 'complete') register();
  else addEventListener('load', register, { once: true });
}
