// The standalone page's service worker: a reader who opened the page once can use it offline.
// `cargo xtask embed` writes it to dist/sw.js with the page's files and a version derived from
// their bytes (in place of the null below), so each new build is a new version with its own
// cache. A debug build (trunk serve) lists no files, so development always sees fresh files.

const { version: VERSION, files: FILES } = /*@build*/null;

const PREFIX = 'b12-cramp-check-';
const CACHE = PREFIX + VERSION;
// The files are relative to this script, so the page works from any folder.
const KNOWN = new Set(FILES.map((file) => new URL(file, self.location).href));

self.addEventListener('install', (event) => {
  // 'no-cache' revalidates with the server, so a new version never stores an older file.
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll([...KNOWN].map((url) => new Request(url, { cache: 'no-cache' })));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  // Only the current version's cache stays; caches of other apps on this origin are not ours.
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  // The page's files take no query, so a query on the page's own address still finds it.
  url.search = '';
  url.hash = '';
  // Anything else (another origin, another method, an unknown file) goes to the network
  // untouched and is never stored.
  if (request.method !== 'GET' || url.origin !== self.location.origin || !KNOWN.has(url.href)) return;
  event.respondWith((async () => {
    const cached = await (await caches.open(CACHE)).match(url.href);
    return cached ?? fetch(request);
  })());
});
