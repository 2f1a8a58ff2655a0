// The kill switch for the standalone page's service worker (README: Offline). Serve this file in
// place of sw.js to retire the worker: browsers pick it up on their next visit (they check sw.js
// each time), and it deletes this copy of the page's caches, unregisters itself and reloads the
// open pages, which then come from the network only. Keep it in place as long as old visitors
// may return.

self.addEventListener('install', () => self.skipWaiting());

// Only this copy's caches (this folder's: the worker's scope), as sw.js names them; from one
// named as 1.0.0 named them (shared by every folder that had that build), only this copy's
// files (the folder's own and its `embed/`'s), and the cache once empty. Other folders' copies
// keep theirs.
const SCOPE = self.registration.scope;
const mine = (url) => url.startsWith(SCOPE) && /^(embed\/)?[^/]*$/.test(url.slice(SCOPE.length));
async function drop(key) {
  if (key.startsWith(`b12-cramp-check ${new URL(SCOPE).pathname} `)) await caches.delete(key);
  if (!key.startsWith('b12-cramp-check-')) return;
  const cache = await caches.open(key);
  for (const request of await cache.keys()) if (mine(request.url)) await cache.delete(request);
  if ((await cache.keys()).length === 0) await caches.delete(key);
}

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) await drop(key);
      await self.registration.unregister();
      for (const client of await self.clients.matchAll({ type: 'window' })) client.navigate(client.url);
    })(),
  );
});
