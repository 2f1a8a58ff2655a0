// The kill switch for the standalone page's service worker (README: Offline). Serve this file in
// place of sw.js to retire the worker: browsers pick it up on their next visit (they check sw.js
// each time), and it deletes this copy of the page's caches, unregisters itself and reloads the
// open pages, which then come from the network only. Keep it in place as long as old visitors
// may return.

self.addEventListener('install', () => self.skipWaiting());

// Only this copy's caches (this folder's: the worker's scope), as sw.js names them, and those
// named as 1.0.0 named them that hold this folder's page. Other folders' copies keep theirs.
const SCOPE = new URL(self.registration.scope);
const ours = async (key) =>
  key.startsWith(`b12-cramp-check ${SCOPE.pathname} `) ||
  (key.startsWith('b12-cramp-check-') && (await (await caches.open(key)).match(SCOPE.href)) !== undefined);

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (await ours(key)) await caches.delete(key);
      }
      await self.registration.unregister();
      for (const client of await self.clients.matchAll({ type: 'window' })) client.navigate(client.url);
    })(),
  );
});
