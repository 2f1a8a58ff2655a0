// Registers the service worker (sw.js, generated at build) that lets a reader who opened this
// page once use it offline. The standalone page only: the embed runs on publishers' sites, and a
// page opened from disk (file://) cannot have one.
if ('serviceWorker' in navigator && (location.protocol === 'https:' || location.protocol === 'http:')) {
  // After the page has loaded, so caching its files never competes with showing it.
  const register = () => navigator.serviceWorker.register(new URL('sw.js', import.meta.url).href).catch((error) => {
    console.warn(`b12-cramp-check: offline use is unavailable: ${error.message}`);
  });
  if (document.readyState === 'complete') register();
  else addEventListener('load', register, { once: true });
}
