// The standalone page's service worker: a reader who opened the page once can use it offline.
// `cargo xtask assemble` writes it to dist/sw.js with the page's files, the SRI hash of each, and a
// version derived from their bytes (in place of the null below), so each new build is a new
// version with its own cache. A debug build (trunk serve) lists no files, so development always
// sees fresh files.
//
// The network comes first: online, the reader always gets the files as the server has them now
// (a fix never waits a visit). The cache is the offline fallback, and holds only files that
// matched their build-time hash when stored and still match when served.

const { version: VERSION, files: FILES } = /*@build*/ null;

const PREFIX = 'b12-cramp-check-';
const CACHE = PREFIX + VERSION;
// The files are relative to this script, so the page works from any folder.
const INTEGRITY = new Map(FILES.map(({ url, integrity }) => [new URL(url, self.location).href, integrity]));

self.addEventListener('install', (event) => {
  // 'no-cache' revalidates with the server, and `integrity` refuses a file that is not the one
  // this build knows: then installing fails and the previous version stays.
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll([...INTEGRITY].map(([url, integrity]) => new Request(url, { cache: 'no-cache', integrity })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  // Only the current version's cache stays; caches of other apps on this origin are not ours.
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

/** The cached copy of `url`, if it still has the hash this build knows (the origin's other
 * scripts can write to its caches too). */
async function verifiedCopy(url) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(url);
  if (!cached) return undefined;
  const digest = await crypto.subtle.digest('SHA-384', await cached.clone().arrayBuffer());
  const actual = 'sha384-' + btoa(String.fromCharCode(...new Uint8Array(digest)));
  if (actual === INTEGRITY.get(url)) return cached;
  await cache.delete(url);
  return undefined;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  // The page's files take no query, so a query on the page's own address still finds it.
  url.search = '';
  url.hash = '';
  // Anything else (another origin, another method, an unknown file) goes to the network
  // untouched and is never stored.
  if (request.method !== 'GET' || url.origin !== self.location.origin || !INTEGRITY.has(url.href)) return;
  event.respondWith(
    (async () => {
      try {
        return await fetch(request);
      } catch {
        // Offline: the copy, if it still has its build-time hash.
        return (await verifiedCopy(url.href)) ?? Response.error();
      }
    })(),
  );
});
