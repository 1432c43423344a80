// Offline support: the page, its module and the WASM package are cached on first load and
// served from the cache afterwards (refreshed from the network in the background when it
// is there), so the tracker opens with no connection.
const CACHE = 'roadmap-tracker-v2';
const FILES = [
  './',
  './index.html',
  './app.js',
  './style.css',
  '../../bindings-wasm/pkg/web/roadmap_tracker.js',
  '../../bindings-wasm/pkg/web/rows.js',
  '../../bindings-wasm/pkg/web/roadmap_tracker_bg.wasm',
];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
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
      // The query string (?as-of=...) does not change the file.
      const cached = await cache.match(event.request, { ignoreSearch: true });
      const fresh = fetch(event.request)
        .then((response) => {
          if (response.ok) cache.put(url.origin + url.pathname, response.clone());
          return response;
        })
        .catch(() => undefined);
      if (cached) {
        event.waitUntil(fresh);
        return cached;
      }
      return (await fresh) ?? new Response('offline', { status: 503, statusText: 'offline' });
    }),
  );
});
