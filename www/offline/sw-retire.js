// The kill switch for the standalone page's service worker (README: Offline). Serve this file in
// place of sw.js to retire the worker: browsers pick it up on their next visit (they check sw.js
// each time), and it deletes the page's caches, unregisters itself and reloads the open pages,
// which then come from the network only. Keep it in place as long as old visitors may return.

self.addEventListener('install', () => self.skipWaiting());

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith('b12-cramp-check-')) await caches.delete(key);
      }
      await self.registration.unregister();
      for (const client of await self.clients.matchAll({ type: 'window' })) client.navigate(client.url);
    })(),
  );
});
