{#-
  The service worker, rendered by hooks/aar/offline.py into site/sw.js (README, « Téléphones »).
  It keeps one edition of the site per phone, in one cache named after the build:
  - pages the reader opens, and the files they need, are kept as they pass (only files of this
    build: a page must carry this build's <meta name="aar-build">, any other file must have a hash
    in its name or the hash listed below);
  - « Enregistrer pour lire hors ligne » downloads the whole language from offline/<lang>.json;
  - a new build installs a new worker that copies the unchanged files from the old cache, downloads
    the changed ones, and only then replaces the old cache: never a mix of two editions. If the
    download fails, the old edition stays whole.
  Pages come from the cache first (fast on a slow network, same edition throughout); the browser
  checks sw.js at each visit and the new edition replaces the old one as soon as it is complete.
  Published with mike (scripts/publish.py), each edition has its own address (/2026.1/, /2026.2/):
  the worker of a newer edition takes over the languages and pages kept of an older one, then drops
  it; a newer edition kept on the phone is never dropped by an older one.
-#}
/* Aar Bakkan service worker, build {{ build }} (edition {{ edition }}). Generated: do not edit. */
"use strict";
const BUILD = {{ build | tojson }};
const EDITION = {{ edition | tojson }};
const MANIFESTS = {{ manifests | tojson }};
const VERIFIED = {{ verified | tojson }};
const SHELL = {{ shell | tojson }};
const PREFIX = "aar-";
const CACHE = PREFIX + EDITION + "-" + BUILD;
const SCOPE = self.registration.scope;
const STATE = SCOPE + "__aar-state";
const editionOf = (name) => name.slice(PREFIX.length, name.lastIndexOf("-"));
const notNewer = (name) => editionOf(name).localeCompare(EDITION, "en", { numeric: true }) <= 0;
const HASHED = /[._][0-9a-f]{7,}\.(?:min\.)?[a-z_]+$/;

const relative = (url) => (url.startsWith(SCOPE) ? url.slice(SCOPE.length).split(/[?#]/)[0] : null);
const absolute = (path) => new URL(path, SCOPE).href;
const languageOf = (path) => Object.keys(MANIFESTS).find((lang) => lang !== "fr" && path.startsWith(lang + "/")) || "fr";

async function digest(buffer) {
  const bytes = new Uint8Array(await crypto.subtle.digest("SHA-256", buffer));
  return Array.from(bytes.slice(0, 8), (b) => b.toString(16).padStart(2, "0")).join("");
}

async function keep(cache, url, response, hash) {
  const headers = new Headers(response.headers);
  headers.set("x-aar-hash", hash);
  const body = await response.arrayBuffer();
  await cache.put(url, new Response(body, { status: 200, headers }));
}

async function readState(cache) {
  const key = (await cache.keys()).find((request) => request.url.endsWith("/__aar-state"));
  return key ? (await cache.match(key)).json() : null;
}

async function writeState(cache, saved) {
  const state = { build: BUILD, edition: EDITION, scope: SCOPE, saved: [...saved].sort() };
  await cache.put(STATE, new Response(JSON.stringify(state), { headers: { "content-type": "application/json" } }));
}

async function manifest(language) {
  const response = await fetch(absolute(MANIFESTS[language]), { cache: "no-cache" });
  if (!response.ok) throw new Error("manifest " + response.status);
  const data = await response.json();
  if (data.build !== BUILD) {
    self.registration.update();
    throw new Error("the server holds another build");
  }
  return data.files;
}

// Put every [path, hash] in the cache: copied from `previous` (kept under `oldScope`) when unchanged,
// downloaded otherwise.
async function fill(cache, files, previous, progress, oldScope = SCOPE) {
  let done = 0;
  const queue = [...files];
  const worker = async () => {
    while (queue.length) {
      const [path, hash, size] = queue.shift();
      const url = absolute(path);
      const current = await cache.match(url);
      if (!current || current.headers.get("x-aar-hash") !== hash) {
        const old = previous && (await previous.match(new URL(path, oldScope).href));
        if (old && old.headers.get("x-aar-hash") === hash) {
          await cache.put(url, old);
        } else {
          const response = await fetch(url, { cache: "no-cache" });
          const body = response.ok ? await response.clone().arrayBuffer() : null;
          if (!body || (await digest(body)) !== hash) throw new Error("unexpected content for " + path);
          await keep(cache, url, response, hash);
        }
      }
      done += size;
      if (progress) progress(done);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}

// The cache this build replaces: the same edition's, or an older edition's (another address).
async function previousCache() {
  const names = (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== CACHE && notNewer(name));
  names.sort((a, b) => editionOf(a).localeCompare(editionOf(b), "en", { numeric: true }));
  return names.length ? caches.open(names[names.length - 1]) : null;
}

async function install() {
  const cache = await caches.open(CACHE);
  const previous = await previousCache();
  const state = previous && (await readState(previous));
  const saved = new Set(state ? state.saved : []);
  if (previous && state) {
    // A new edition: the same languages and pages as before, from this build, before anything is dropped.
    const oldScope = state.scope || SCOPE;
    const inOld = (url) => (url.startsWith(oldScope) ? url.slice(oldScope.length).split(/[?#]/)[0] : null);
    const kept = new Set((await previous.keys()).map((request) => inOld(request.url)).filter((path) => path !== null && path !== "__aar-state"));
    const languages = new Set([...saved, ...[...kept].map(languageOf)]);
    for (const language of languages) {
      if (!MANIFESTS[language]) continue;
      const files = await manifest(language);
      const wanted = saved.has(language) ? files : files.filter(([path, , , kind]) => kind !== "page" && kind !== "search" || kept.has(path));
      await fill(cache, wanted, previous, null, oldScope);
    }
  } else {
    // First visit: the files every page uses, from the browser's cache (no download).
    for (const [path, hash] of SHELL) {
      const url = absolute(path);
      let response = await fetch(url, { cache: "force-cache" });
      let body = response.ok ? await response.clone().arrayBuffer() : null;
      if (!body || (await digest(body)) !== hash) {
        response = await fetch(url, { cache: "no-cache" });
        body = response.ok ? await response.clone().arrayBuffer() : null;
        if (!body || (await digest(body)) !== hash) throw new Error("unexpected content for " + path);
      }
      await keep(cache, url, response, hash);
    }
  }
  await writeState(cache, saved);
}

self.addEventListener("install", (event) => {
  event.waitUntil(install().then(() => self.skipWaiting()));
});

async function activate() {
  const replaced = (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== CACHE && notNewer(name));
  const updated = replaced.length > 0;
  await Promise.all(replaced.map((name) => caches.delete(name)));
  await self.clients.claim();
  const cache = await caches.open(CACHE);
  for (const client of await self.clients.matchAll({ type: "window" })) {
    // The page that installed this worker, kept from the browser's cache.
    const path = relative(client.url);
    if (path !== null && !(await cache.match(absolute(path)))) {
      const response = await fetch(absolute(path), { cache: "force-cache" }).catch(() => null);
      if (response) await keepIfOurs(cache, absolute(path), response, true);
    }
    client.postMessage({ type: updated ? "updated" : "ready", edition: EDITION, build: BUILD });
  }
}

self.addEventListener("activate", (event) => event.waitUntil(activate()));

async function keepIfOurs(cache, url, response, page) {
  if (!response.ok || response.redirected || response.type !== "basic") return;
  const path = relative(url);
  if (path === null) return;
  if (page) {
    const text = await response.text();
    const match = text.match(/<meta name="aar-build" content="([^"]*)"/);
    if (!match || match[1] !== BUILD) {
      self.registration.update();
      return;
    }
    const body = new TextEncoder().encode(text);
    const headers = new Headers(response.headers);
    headers.set("x-aar-hash", await digest(body));
    await cache.put(url, new Response(body, { status: 200, headers }));
    return;
  }
  const body = await response.arrayBuffer();
  const hash = await digest(body);
  if (HASHED.test(path) || VERIFIED[path] === hash) {
    await keep(cache, url, new Response(body, { headers: response.headers }), hash);
  }
}

async function respond(event, url) {
  const request = event.request;
  const page = request.mode === "navigate";
  const key = url.origin + url.pathname;
  const cache = await caches.open(CACHE);
  const cached = await cache.match(key);
  if (cached) return cached;
  const response = await fetch(request);
  event.waitUntil(keepIfOurs(cache, key, response.clone(), page).catch(() => {}));
  return response;
}

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  const path = relative(url.href);
  if (event.request.method !== "GET" || path === null || path === "sw.js" || path.startsWith("offline/")) return;
  event.respondWith(respond(event, url));
});

async function save(language, client) {
  const say = (message) => client && client.postMessage(message);
  try {
    const files = await manifest(language);
    const total = files.reduce((sum, file) => sum + file[2], 0);
    const cache = await caches.open(CACHE);
    let last = -1;
    await fill(cache, files, null, (done) => {
      const percent = Math.floor((100 * done) / total);
      if (percent !== last) say({ type: "progress", language, percent: (last = percent) });
    });
    const state = await readState(cache);
    await writeState(cache, new Set([...(state ? state.saved : []), language]));
    say({ type: "saved", language, edition: EDITION, build: BUILD });
  } catch (error) {
    say({ type: "failed", language, error: String(error) });
  }
}

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "save" && MANIFESTS[event.data.language]) {
    event.waitUntil(save(event.data.language, event.source));
  }
});
