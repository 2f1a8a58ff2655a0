// The standalone page's service worker: a reader who opened the page once can use it offline.
// `cargo xtask assemble` writes it to dist/sw.js with the page's files, the SRI hash of each, and a
// version derived from their bytes (in place of the null below), so each new build is a new
// version with its own cache. A debug build (trunk serve) lists no files, so development always
// sees fresh files.
//
// The network comes first: online, the reader always gets the files as the server has them now
// (a fix never waits a visit). The cache is the fallback, offline, on a network that does not
// answer in time and for a server error, and holds only files that matched their build-time hash
// when stored and still match when served.

const { version: VERSION, files: FILES } = /*@build*/ null;

// Each copy of the page (a folder of the site: this worker's scope) owns its caches, named
// `b12-cramp-check <scope's path> <version>`, so that copies in two folders of one site never
// delete each other's. A path has no spaces (they are escaped), so no copy's names begin with
// another's prefix.
const OWN = `b12-cramp-check ${new URL(self.registration.scope).pathname} `;
const CACHE = OWN + VERSION;
// How 1.0.0 named its caches, with no folder: one is shared by every folder that had that build,
// so only this copy's files (the folder's own and its `embed/`'s) leave it, and it goes once empty.
const UNSCOPED = 'b12-cramp-check-';
const SCOPE = self.registration.scope;
const mine = (url) => url.startsWith(SCOPE) && /^(embed\/)?[^/]*$/.test(url.slice(SCOPE.length));
// The files are relative to this script, so the page works from any folder.
const INTEGRITY = new Map(FILES.map(({ url, integrity }) => [new URL(url, self.location).href, integrity]));
// The folder's own address, as readers open the page: the build gives it index.html's hash.
const FOLDER = new URL('./', self.location).href;

self.addEventListener('install', (event) => {
  // 'no-cache' revalidates with the server, and `integrity` refuses a file that is not the one
  // this build knows: then installing fails and the previous version stays.
  const request = (url) => new Request(url, { cache: 'no-cache', integrity: INTEGRITY.get(url) });
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const files = [...INTEGRITY.keys()].filter((url) => url !== FOLDER);
      await cache.addAll(files.map(request));
      // A server without directory indexes answers the folder's address with 404 (the reader
      // opened index.html): the folder's copy is then index.html's, which has its hash.
      if (INTEGRITY.has(FOLDER)) {
        await cache.add(request(FOLDER)).catch(async () => {
          const page = files.find((url) => INTEGRITY.get(url) === INTEGRITY.get(FOLDER));
          await cache.put(FOLDER, await cache.match(page));
        });
      }
      await self.skipWaiting();
    })(),
  );
});

/** Removes what of the cache `key` is this copy's and not the current version's. Caches of
 * other apps, and of copies of the page in other folders, are not ours. */
async function dropOutdated(key) {
  if (key.startsWith(OWN) && key !== CACHE) await caches.delete(key);
  if (!key.startsWith(UNSCOPED)) return;
  const cache = await caches.open(key);
  for (const request of await cache.keys()) if (mine(request.url)) await cache.delete(request);
  if ((await cache.keys()).length === 0) await caches.delete(key);
}

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) await dropOutdated(key);
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

/** How long a file the cache holds waits for the network: a weak signal should keep the reader
 * no longer than a missing one. */
const PATIENCE_MS = 4000;
/** The pages given the cached copy of the page: their files come from the cache too, so that a
 * page and the script it pins by hash are one build. */
const servedFromCache = new Set();

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
      // The copy, if it still has its build-time hash; a page given it has its files so too.
      const copy = async () => {
        const cached = await verifiedCopy(url.href);
        if (cached && event.resultingClientId) servedFromCache.add(event.resultingClientId);
        return cached;
      };
      if (servedFromCache.has(event.clientId)) {
        const cached = await copy();
        if (cached) return cached;
      }
      const network = fetch(request);
      // Offline, the fetch fails: the copy or nothing.
      network.catch(() => {});
      let timer;
      const late = new Promise((settle) => {
        timer = setTimeout(settle, PATIENCE_MS);
      });
      try {
        // No answer in time (undefined) or a server error: the copy if there is one, else what the
        // network gives in the end.
        const answer = await Promise.race([network, late]);
        if (answer && answer.status < 500) return answer;
        return (await copy()) ?? (await network);
      } catch {
        return (await copy()) ?? Response.error();
      } finally {
        clearTimeout(timer);
      }
    })(),
  );
});
