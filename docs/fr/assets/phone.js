/* Aar Bakkan on phones (README, « Téléphones »): search with Pagefind, offline reading through the
   service worker (sw.js, hooks/offline.py), tickable checklists, and the little that Material's own
   JavaScript did and readers need (back to top, drawer, print). It talks to this site only and
   sends nothing anywhere; ticks stay in the phone's localStorage. */
(() => {
  "use strict";
  const settings = document.getElementById("__aar");
  if (!settings) return;
  const config = JSON.parse(settings.textContent);
  const root = new URL(config.root.replace(/\/?$/, "/"), location.href);
  const build = (document.querySelector('meta[name="aar-build"]') || {}).content || "";
  const t = config.t;
  const format = (text, values) => text.replace(/\{(\w+)\}/g, (all, key) => (key in values ? values[key] : all));
  document.documentElement.classList.add("aar-js");

  /* Material without its JavaScript: back-to-top button, drawer closed after an in-page link, printing. */
  const top = document.querySelector(".md-top");
  if (top) {
    let last = scrollY;
    addEventListener("scroll", () => {
      top.hidden = !(scrollY < last && scrollY > innerHeight);
      last = scrollY;
    }, { passive: true });
    top.addEventListener("click", () => {
      scrollTo({ top: 0 });
      top.hidden = true;
    });
  }
  const drawer = document.getElementById("__drawer");
  const sidebar = document.querySelector(".md-sidebar--primary");
  if (drawer && sidebar) {
    sidebar.addEventListener("click", (event) => {
      const link = event.target.closest("a[href]");
      if (link && link.hash && link.pathname === location.pathname) drawer.checked = false;
    });
  }
  // A table wider than the screen scrolls sideways: it takes the keyboard focus so that it can be
  // scrolled without a finger or a mouse.
  const scrollable = () => {
    for (const table of document.querySelectorAll("article table")) {
      if (table.scrollWidth > table.clientWidth + 1) table.tabIndex = 0;
      else table.removeAttribute("tabindex");
    }
  };
  scrollable();
  addEventListener("resize", scrollable, { passive: true });
  addEventListener("beforeprint", () => {
    for (const details of document.querySelectorAll("details:not([open])")) {
      details.open = true;
      details.dataset.aarPrint = "";
    }
  });
  addEventListener("afterprint", () => {
    for (const details of document.querySelectorAll("details[data-aar-print]")) {
      details.open = false;
      delete details.dataset.aarPrint;
    }
  });

  /* Search: Pagefind loads when the reader opens the search, with the index of the page's language. */
  const toggle = document.getElementById("__search");
  const box = document.getElementById("aar-search");
  const opener = document.querySelector(".aar-search-open");
  if (toggle && box && opener) {
    const input = box.querySelector(".md-search__input");
    const form = box.querySelector("form");
    const meta = box.querySelector(".md-search-result__meta");
    const list = box.querySelector(".md-search-result__list");
    const more = box.querySelector(".aar-search-more");
    // Each result shown downloads its page's text (for the excerpt): three first, then five at a time.
    const FIRST = 3;
    const STEP = 5;
    let engine = null;
    let results = [];
    let shown = 0;
    let generation = 0;
    let timer = 0;

    const fold = (word) => word.toLowerCase().replace(/ŋ/g, "n").replace(/œ/g, "oe").replace(/æ/g, "ae")
      .normalize("NFD").replace(/\p{M}/gu, "");
    // Pagefind asks for its entry file once pagefind.js has run, and for its engine once the entry has come:
    // asked for all at once, on slow 3G, the first results come about a second sooner.
    const preload = (path, kind) => {
      const link = document.createElement("link");
      link.rel = kind === "module" ? "modulepreload" : "preload";
      if (kind !== "module") {
        link.as = "fetch";
        link.crossOrigin = "anonymous";
      }
      link.href = new URL(path, root).href;
      document.head.append(link);
    };
    const load = () => (engine = engine || (async () => {
      const tag = build || "0";
      preload("search/pagefind.js", "module");
      preload(`search/pagefind-entry.json?ts=${tag}`);
      if (config.searchEngine) preload(`search/${config.searchEngine}`);
      const pagefind = await import(new URL("search/pagefind.js", root).href);
      await pagefind.options({ baseUrl: root.pathname, noWorker: true, excerptLength: 24, metaCacheTag: tag });
      const folds = fetch(new URL(`search/fold-${config.lang}.json`, root)).then((r) => (r.ok ? r.json() : {}), () => ({}));
      await pagefind.init();
      return { pagefind, folds: await folds };
    })().catch((error) => {
      engine = null;
      throw error;
    }));

    // The real words a typed term stands for: `donn` → « doŋŋ », `coeur` → « cœur » (hooks/aar/search.py).
    const alternatives = (term, folds, last) => {
      const key = fold(term);
      const words = new Set([term, ...(folds[key] || [])]);
      if (last && key.length > 1 && !folds[key]) {
        for (const [spelling, originals] of Object.entries(folds)) {
          if (!spelling.startsWith(key)) continue;
          for (const original of originals) {
            let prefix = "";
            for (const letter of original) {
              if (fold(prefix).length >= key.length) break;
              prefix += letter;
            }
            words.add(prefix);
          }
        }
      }
      return [...words].slice(0, 6);
    };
    const search = async (query) => {
      const { pagefind, folds } = await load();
      const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
      let queries = [""];
      terms.forEach((term, index) => {
        const options = alternatives(term, folds, index === terms.length - 1);
        queries = queries.flatMap((start) => options.map((word) => `${start} ${word}`.trim())).slice(0, 8);
      });
      const best = new Map();
      for (const found of await Promise.all(queries.map((q) => pagefind.search(q)))) {
        for (const result of found.results) {
          const known = best.get(result.id);
          if (!known || known.score < result.score) best.set(result.id, result);
        }
      }
      return [...best.values()].sort((a, b) => b.score - a.score);
    };
    // A section's record (hooks/aar/search.py) is the file `_section_<anchor>.html` of its page's folder.
    const address = (url) => url.replace(/_section_[^/#]*\.html#/, "#").replace(/_section_([^/#]*)\.html$/, "#$1");
    const item = (data) => {
      const section = (data.sub_results || []).slice().sort((a, b) => (b.locations || []).length - (a.locations || []).length)[0];
      const li = document.createElement("li");
      li.className = "md-search-result__item";
      const link = document.createElement("a");
      link.className = "md-search-result__link";
      link.href = address(section && section.url ? section.url : data.url);
      const article = document.createElement("article");
      article.className = "md-search-result__article md-typeset";
      const title = document.createElement("div");
      title.className = "aar-search-title";
      title.textContent = data.meta.title.replace(/¶$/, "");
      if (section && section.title && section.title !== data.meta.title) {
        const where = document.createElement("span");
        where.className = "aar-search-section";
        where.textContent = section.title.replace(/¶$/, "");
        title.append(" · ", where);
      }
      const excerpt = document.createElement("p");
      excerpt.innerHTML = (section && section.excerpt) || data.excerpt;
      article.append(title, excerpt);
      link.append(article);
      li.append(link);
      return li;
    };
    const showMore = async (mine) => {
      const next = results.slice(shown, shown + (shown ? STEP : FIRST));
      const data = await Promise.all(next.map((result) => result.data()));
      if (mine !== generation) return;
      list.append(...data.map(item));
      shown += next.length;
      more.hidden = shown >= results.length;
    };
    const run = async () => {
      const mine = ++generation;
      const query = input.value.trim();
      if (!query) {
        list.replaceChildren();
        more.hidden = true;
        meta.textContent = t.searchPlaceholder;
        return;
      }
      if (!engine) meta.textContent = t.searchLoading;
      try {
        const found = await search(query);
        if (mine !== generation) return;
        results = found;
        shown = 0;
        list.replaceChildren();
        meta.textContent = !found.length ? t.searchNone
          : found.length === 1 ? t.searchOne : t.searchOther.replace("#", found.length);
        await showMore(mine);
        box.dataset.aarDone = query;
      } catch (error) {
        if (mine === generation) meta.textContent = t.searchUnavailable;
      }
    };
    // On a phone the box covers the page, which must not scroll beneath it (Material's scroll lock).
    const small = matchMedia("(max-width: 59.984375em)");
    let scrolled = 0;
    const sync = () => {
      opener.setAttribute("aria-expanded", String(toggle.checked));
      const locked = document.body.hasAttribute("data-md-scrolllock");
      if (toggle.checked && small.matches && !locked) {
        scrolled = scrollY;
        document.body.setAttribute("data-md-scrolllock", "");
        document.body.style.top = `-${scrolled}px`;
      } else if (!toggle.checked && locked) {
        document.body.removeAttribute("data-md-scrolllock");
        document.body.style.top = "";
        scrollTo(0, scrolled);
      }
    };
    const open = () => {
      toggle.checked = true;
      sync();
      input.focus();
      load().catch(() => {});
    };
    const close = () => {
      toggle.checked = false;
      sync();
      opener.focus();
    };
    opener.hidden = false;
    opener.addEventListener("click", open);
    toggle.addEventListener("change", sync);
    box.querySelector(".aar-search-close").addEventListener("click", close);
    input.addEventListener("focus", () => {
      if (!toggle.checked) open();
    });
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(run, 250);
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      clearTimeout(timer);
      run();
    });
    form.addEventListener("reset", () => setTimeout(() => {
      run();
      input.focus();
    }));
    more.addEventListener("click", () => showMore(generation));
    list.addEventListener("click", (event) => {
      const link = event.target.closest("a");
      if (link && link.pathname === location.pathname) close();
    });
    addEventListener("keydown", (event) => {
      if (event.key === "Escape" && toggle.checked) close();
    });
  }

  /* Offline reading: register the service worker; the footer offers the whole language and says
     which edition this phone holds. */
  const offline = document.querySelector(".aar-offline");
  if (offline && !config.serve) {
    const status = offline.querySelector(".aar-offline__status");
    const save = offline.querySelector(".aar-offline__save");
    offline.hidden = false;
    if (!("serviceWorker" in navigator) || !window.caches) {
      save.hidden = true;
      status.textContent = t.offlineUnsupported;
    } else {
      const showState = async () => {
        let state = null;
        for (const name of await caches.keys()) {
          if (!name.startsWith("aar-")) continue;
          const response = await (await caches.open(name)).match(new URL("__aar-state", root).href);
          if (response) state = await response.json();
        }
        if (!state) return;
        const saved = state.saved.includes(config.lang);
        status.textContent = format(saved ? t.offlineSaved : t.offlineVisited, { edition: state.edition });
        save.hidden = saved;
        offline.dataset.aarBuild = state.build;
        offline.dataset.aarSaved = state.saved.join(" ");
      };
      navigator.serviceWorker.addEventListener("message", (event) => {
        const message = event.data || {};
        if (message.type === "progress" && message.language === config.lang) {
          status.textContent = format(t.offlineSaving, { percent: message.percent });
        } else if (message.type === "failed" && message.language === config.lang) {
          status.textContent = t.offlineFailed;
          save.disabled = false;
        } else if (message.type === "saved" || message.type === "ready") {
          save.disabled = false;
          offline.dataset.aarWorker = message.type;
          showState();
        } else if (message.type === "updated") {
          offline.dataset.aarWorker = message.type;
          showState().then(() => {
            if (message.build !== build) status.textContent = format(t.offlineUpdated, { edition: message.edition });
          });
        }
      });
      save.addEventListener("click", async () => {
        save.disabled = true;
        status.textContent = format(t.offlineSaving, { percent: 0 });
        const registration = await navigator.serviceWorker.ready;
        registration.active.postMessage({ type: "save", language: config.lang });
      });
      // Published with mike, each edition has its own address: once this one is registered, the
      // workers of older editions (sibling addresses) stop; this one has taken over what they kept.
      const retireOlder = async () => {
        const here = root.pathname.match(/^(.*\/)[^/]+\/$/);
        if (!here) return;
        for (const registration of await navigator.serviceWorker.getRegistrations()) {
          const other = new URL(registration.scope).pathname.match(/^(.*\/)(\d{4}\.\d+)\/$/);
          if (other && other[1] === here[1] && other[0] !== root.pathname
              && other[2].localeCompare(config.edition, "en", { numeric: true }) < 0) registration.unregister();
        }
      };
      const register = () => navigator.serviceWorker
        .register(new URL("sw.js", root).href, { scope: root.href, updateViaCache: "none" })
        .then(() => Promise.all([showState(), navigator.serviceWorker.ready.then(retireOlder)]), () => {});
      if (document.readyState === "complete") register();
      else addEventListener("load", register);
    }
  }

  /* Checklists: ticks kept on this phone, per page and version (hooks/checklists.py). */
  const tools = document.querySelector(".aar-checklist-tools[data-aar-checklist]");
  if (tools) {
    const key = "aar-ticks:" + tools.dataset.aarChecklist;
    const page = key.slice(0, key.lastIndexOf("@") + 1);
    const boxes = [...document.querySelectorAll("input[data-aar-tick]")];
    const store = () => {
      const state = boxes.map((b) => (b.checked ? "1" : "0")).join("");
      try {
        if (boxes.every((b) => b.checked === b.defaultChecked)) localStorage.removeItem(key);
        else localStorage.setItem(key, state);
      } catch (error) { /* private browsing: ticks last until the page closes */ }
    };
    let saved = null;
    try {
      saved = localStorage.getItem(key);
      for (let i = localStorage.length - 1; i >= 0; i--) {
        const other = localStorage.key(i);
        if (other.startsWith(page) && other !== key) localStorage.removeItem(other);
      }
    } catch (error) { /* no storage */ }
    boxes.forEach((b, index) => {
      b.disabled = false;
      if (saved && saved.length === boxes.length) b.checked = saved[index] === "1";
      b.addEventListener("change", store);
      const text = document.getElementById(b.getAttribute("aria-labelledby"));
      if (text) {
        text.addEventListener("click", (event) => {
          if (event.target.closest("a")) return;
          b.checked = !b.checked;
          store();
        });
      }
    });
    tools.querySelector("button").addEventListener("click", () => {
      boxes.forEach((b) => { b.checked = b.defaultChecked; });
      store();
    });
    tools.hidden = false;
  }
})();
