// Offline support: the page, its module and the WASM package are cached on first load.
// Online, every file comes from the network first (and refreshes the cache), so an update
// is seen at once; offline, the cached copy is served. A new version of this worker waits
// until the page's "Reload" prompt (app.js) asks it to take over.
const CACHE = 'roadmap-tracker-v3';
const FILES = [
  './',
  './index.html',
  './app.js',
  './style.css',
  './favicon.svg',
  '../../bindings-wasm/pkg/web/roadmap_tracker.js',
  '../../bindings-wasm/pkg/web/rows.js',
  '../../bindings-wasm/pkg/web/roadmap_tracker_bg.wasm',
];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)));
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      try {
        const response = await fetch(event.request);
        // The query string (?as-of=...) does not change the file.
        if (response.ok) await cache.put(url.origin + url.pathname, response.clone());
        return response;
      } catch {
        const cached = await cache.match(event.request, { ignoreSearch: true });
        return cached ?? new Response('offline', { status: 503, statusText: 'offline' });
      }
    }),
  );
});
