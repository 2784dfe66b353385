"""Phones (issue 13): search in both languages, offline reading, checklists, accessibility.

Playwright drives Debian's Chromium with a phone's viewport on the real built site (the session
fixture `site`), served by scripts/gzip_server.py as a production host sends it (gzip, cache
headers), on 127.0.0.1. Weight and speed are measured by scripts/benchmark-phone, not here.
"""

from __future__ import annotations

import functools
import hashlib
import html as html_module
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from aar.offline import stamp_offline
from aar.search import fold, page_text
from chromium import PHONE
from gzip_server import serve

pytestmark = pytest.mark.browser

WORDS_PER_LANGUAGE = 30
LETTERS = re.compile(r"[^\W\d_]{5,}")
TAGS = re.compile(r"<[^>]+>")


class Phone:
    """A phone's browser context: one page, and every request it or its service worker makes."""

    def __init__(self, browser, base_url: str, **options):
        self.base_url = base_url
        self.context = browser.new_context(**PHONE, **options)
        self.requests: list[str] = []
        self.failures: list[str] = []
        self.errors: list[str] = []
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.context.on("requestfailed", lambda request: self.failures.append(f"{request.url} {request.failure}"))
        self.context.on("response", lambda response: response.status >= 400
                        and self.failures.append(f"{response.url} {response.status}"))
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def open(self, path: str):
        self.page.goto(self.base_url + path)
        return self.page

    def outside(self) -> list[str]:
        return [url for url in self.requests
                if not url.startswith(self.base_url + "/") and not url.startswith(("data:", "blob:"))]

    def check_clean(self):
        """Nothing left the local host, nothing failed, no script error."""
        assert self.outside() == []
        assert self.failures == []
        assert self.errors == []

    def close(self):
        self.context.close()


@pytest.fixture(scope="module")
def base_url(site):
    with serve(site.site) as url:
        yield url


@pytest.fixture
def phone(browser, base_url):
    handset = Phone(browser, base_url)
    yield handset
    handset.close()


# --- Search --------------------------------------------------------------------------------------

def searchable_pages(site_dir: Path, language: str) -> list[tuple[str, str]]:
    """(address, HTML) of the pages the search of a language must find: its own pages, not fallbacks."""
    pages = []
    for path in sorted(site_dir.rglob("index.html")):
        relative = path.relative_to(site_dir).as_posix()
        if relative.split("/")[0] in ("search", "offline", "pdf", "assets"):
            continue
        if ("wo" if relative.startswith("wo/") else "fr") != language:
            continue
        html = path.read_text(encoding="utf-8")
        if "aar-fallback" in html:
            continue
        pages.append(("/" + relative[: -len("index.html")], html))
    return pages


def rough_words(html: str) -> set[str]:
    start, end = html.find("<article"), html.rfind("</article>")
    text = html_module.unescape(TAGS.sub(" ", html[start:end]))
    return {fold(word) for word in LETTERS.findall(text)}


@functools.lru_cache(maxsize=None)
def sample_words(site_dir: Path, language: str) -> list[tuple[str, str]]:
    """(word as it stands, page address): whole words of 5 letters or more taken from the pages' text,
    rare enough that their page shows among the results, one with an accent or ŋ per page when there
    is one, from pages in a fixed pseudo-random order until there are enough; deterministic."""
    pages = searchable_pages(site_dir, language)
    frequency = Counter(word for _, html in pages for word in rough_words(html))
    per_page = max(1, -(-WORDS_PER_LANGUAGE // len(pages)))
    chosen: list[tuple[str, str]] = []
    for address, html in sorted(pages, key=lambda page: hashlib.sha1(page[0].encode()).hexdigest()):
        words = sorted({w for w in LETTERS.findall(page_text(html)) if frequency[fold(w)] <= 4})
        marked = [w for w in words if fold(w) != w.lower()]
        plain = [w for w in words if fold(w) == w.lower()]
        picks = ([marked[len(marked) // 2]] if marked else []) + plain[:: max(1, len(plain) // per_page)]
        chosen += [(word, address) for word in picks[:per_page]]
        if len(chosen) >= WORDS_PER_LANGUAGE:
            break
    return chosen


def run_searches(phone: Phone, home: str, queries: list[tuple[str, str]]) -> tuple[list[str], set[str]]:
    """Type each query in the search box of `home`; returns the misses and every result address."""
    page = phone.open(home)
    page.locator(".aar-search-open").click()
    seen: set[str] = set()
    misses = []
    for query, address in queries:
        page.evaluate("delete document.getElementById('aar-search').dataset.aarDone")
        page.fill("#aar-search-input", query)
        page.press("#aar-search-input", "Enter")
        page.wait_for_function("q => document.getElementById('aar-search').dataset.aarDone === q", arg=query,
                               timeout=20000)
        while True:
            found = set(page.eval_on_selector_all(".md-search-result__item a", "as => as.map(a => a.pathname)"))
            count = page.locator(".md-search-result__item").count()
            # "More results" is pressed only while it is shown, in one step (it hides once all are shown).
            pressed = address not in found and page.evaluate(
                "() => { const more = document.querySelector('#aar-search .aar-search-more');"
                " if (!more || more.hidden) return false; more.click(); return true; }")
            if not pressed:
                break
            page.wait_for_function("n => document.querySelectorAll('.md-search-result__item').length > n", arg=count)
        seen |= found
        if address not in found:
            misses.append(f"« {query} » ne trouve pas {address}")
    return misses, seen


@pytest.mark.parametrize("language, home", [("fr", "/"), ("wo", "/wo/")])
def test_sampled_words_find_their_page_typed_as_they_stand_and_without_accents(site, phone, language, home):
    sample = sample_words(site.site, language)
    assert len(sample) >= WORDS_PER_LANGUAGE
    assert any(fold(word) != word.lower() for word, _ in sample), "no word with an accent or ŋ in the sample"
    queries = []
    for word, address in sample:
        queries.append((word, address))
        if fold(word) != word:
            queries.append((fold(word), address))
    misses, seen = run_searches(phone, home, queries)
    assert misses == []
    # Results in the reader's language only.
    if language == "wo":
        assert all(address.startswith("/wo/") for address in seen)
    else:
        assert not any(address.startswith("/wo/") for address in seen)
    phone.check_clean()


def test_wolof_words_with_eng_are_found_typed_with_n(site, phone):
    pages = searchable_pages(site.site, "wo")
    with_eng = sorted({(word, address) for address, html in pages
                       for word in re.findall(r"\w*ŋ\w*", page_text(html)) if len(word) >= 3})
    assert with_eng, "no Wolof word with ŋ on a Wolof page"
    queries = [(word, address) for word, address in with_eng[:5]] + [(fold(word), address) for word, address in with_eng[:5]]
    misses, _ = run_searches(phone, "/wo/", queries)
    assert misses == []


def test_nothing_is_fetched_before_the_reader_searches(site, phone):
    page = phone.open("/protocoles/pos-01/")
    page.wait_for_load_state("networkidle")
    assert not [url for url in phone.requests if "/search/" in url]
    assert not [url for url in phone.requests if "sitemap" in url or "bundle." in url]
    page.locator(".aar-search-open").click()
    page.fill("#aar-search-input", "débarquement")
    page.wait_for_function("document.getElementById('aar-search').dataset.aarDone === 'débarquement'")
    searched = [url for url in phone.requests if "/search/" in url]
    assert searched and not [url for url in searched if "/search/index/wo_" in url or "/fragment/wo_" in url]
    phone.check_clean()


@pytest.mark.parametrize("language, home, engine", [("fr", "/", "wasm.fr.pagefind"),
                                                    ("wo", "/wo/", "wasm.unknown.pagefind")])
def test_opening_the_search_asks_for_its_engine_at_once_and_for_each_file_once(site, browser, base_url,
                                                                                language, home, engine):
    # Without the service worker, every request the page makes is seen as it leaves.
    handset = Phone(browser, base_url, service_workers="block")
    try:
        page = handset.open(home)
        page.wait_for_load_state("networkidle")
        word = sample_words(site.site, language)[0][0]
        page.locator(".aar-search-open").click()
        page.fill("#aar-search-input", word)
        page.wait_for_function("q => document.getElementById('aar-search').dataset.aarDone === q", arg=word)
        page.wait_for_load_state("networkidle")
        searched = [url.split("/search/", 1)[1] for url in handset.requests if "/search/" in url]
        assert [name for name, count in Counter(searched).items() if count > 1] == []
        # pagefind.js, its entry file and the engine leave together, before Pagefind itself asks for anything.
        assert {name.split("?")[0] for name in searched[:3]} == {"pagefind.js", "pagefind-entry.json", engine}
        assert page.locator(".md-search-result__item").count() > 0
        handset.check_clean()
    finally:
        handset.close()


# --- Offline -------------------------------------------------------------------------------------

def save_language(page, language: str):
    save = page.locator(".aar-offline__save")
    assert re.search(r"\(\d+,\d Mo\)", save.inner_text())
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    save.click()
    page.wait_for_function("l => (document.querySelector('.aar-offline').dataset.aarSaved || '').split(' ').includes(l)",
                           arg=language, timeout=90000)


def test_saved_for_offline_every_page_and_search_work_without_network(site, browser):
    server = serve(site.site)
    url = server.__enter__()
    phone = Phone(browser, url)
    try:
        page = phone.open("/")
        save_language(page, "fr")
        assert "enregistrée sur cet appareil" in page.locator(".aar-offline__status").inner_text()
        phone.check_clean()
    finally:
        server.__exit__(None, None, None)
    phone.context.set_offline(True)
    phone.failures.clear()
    try:
        page.goto(url + "/protocoles/pos-03/")
        assert page.locator("article h1").count() == 1
        assert page.locator("html").get_attribute("lang") == "fr"
        word = sample_words(site.site, "fr")[0][0]
        page.locator(".aar-search-open").click()
        page.fill("#aar-search-input", word)
        page.press("#aar-search-input", "Enter")
        page.wait_for_function("q => document.getElementById('aar-search').dataset.aarDone === q", arg=word)
        assert page.locator(".md-search-result__item").count() >= 1
        page.goto(url + "/listes/lc-05/")
        assert page.locator("input[data-aar-tick]:not([disabled])").count() >= 1
        assert phone.errors == []
    finally:
        phone.close()


def test_visited_pages_stay_readable_offline_without_saving(site, browser):
    server = serve(site.site)
    url = server.__enter__()
    phone = Phone(browser, url)
    try:
        page = phone.open("/listes/lc-01/")
        page.wait_for_function("document.querySelector('.aar-offline').dataset.aarWorker === 'ready'")
        page.goto(url + "/listes/lc-03/")
        phone.check_clean()
    finally:
        server.__exit__(None, None, None)
    phone.context.set_offline(True)
    try:
        for address in ("/listes/lc-01/", "/listes/lc-03/"):
            page.goto(url + address)
            assert page.locator("article h1").count() == 1
        with pytest.raises(Exception):
            page.goto(url + "/protocoles/pos-07/")
    finally:
        phone.close()


def new_edition(copy: Path, edition: str) -> None:
    """Make the copied site a later edition: every page names it, one page changes, files stamped again."""
    for path in copy.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"(Édition )\d{4}\.\d+", rf"\g<1>{edition}", text), encoding="utf-8")
    changed = copy / "protocoles" / "pos-02" / "index.html"
    text = changed.read_text(encoding="utf-8")
    changed.write_text(re.sub(r"(<h1[^>]*>)", r"\1Texte révisé : ", text, count=1), encoding="utf-8")
    stamp_offline(copy, ["fr", "wo"], "fr", edition)


def test_a_new_edition_replaces_the_saved_one_whole(site, browser, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site.site, copy, ignore=shutil.ignore_patterns("*.pdf"))
    server = serve(copy)
    url = server.__enter__()
    phone = Phone(browser, url)
    try:
        page = phone.open("/")
        save_language(page, "fr")
        old_build = page.locator('meta[name="aar-build"]').get_attribute("content")
        new_edition(copy, "2099.1")
        page.reload()
        page.wait_for_function("document.querySelector('.aar-offline__status').textContent.includes('2099.1')",
                               timeout=90000)
        caches = page.evaluate("""async () => {
            const names = (await caches.keys()).filter((n) => n.startsWith('aar-'));
            const builds = new Set();
            let pages = 0;
            for (const name of names) {
              const cache = await caches.open(name);
              for (const request of await cache.keys()) {
                const response = await cache.match(request);
                if (!(response.headers.get('content-type') || '').includes('text/html')) continue;
                const match = (await response.text()).match(/<meta name="aar-build" content="([^"]*)"/);
                builds.add(match ? match[1] : 'none');
                pages += 1;
              }
            }
            return {names, builds: [...builds], pages};
        }""")
        new_build = (copy / "sw.js").read_text(encoding="utf-8").split('const BUILD = "')[1].split('"')[0]
        assert new_build != old_build
        assert caches["names"] == [f"aar-2099.1-{new_build}"]
        assert caches["builds"] == [new_build]
        assert caches["pages"] == len(searchable_pages(copy, "fr")) + 1  # and 404.html
        phone.check_clean()
    finally:
        server.__exit__(None, None, None)
    phone.context.set_offline(True)
    try:
        page.goto(url + "/protocoles/pos-02/")
        assert page.locator("article h1").inner_text().startswith("Texte révisé")
        assert "Édition 2099.1" in page.locator(".aar-edition").inner_text()
    finally:
        phone.close()


# --- Checklists ----------------------------------------------------------------------------------

def test_a_tick_survives_a_reload_and_reset_clears_it(phone):
    page = phone.open("/listes/lc-02/")
    boxes = page.locator("input[data-aar-tick]")
    assert boxes.count() >= 3
    assert page.locator("input[data-aar-tick]:disabled").count() == 0
    page.locator(".aar-tick").nth(1).click()
    assert boxes.nth(1).is_checked()
    page.reload()
    assert boxes.nth(1).is_checked() and not boxes.nth(0).is_checked()
    keys = page.evaluate("Object.keys(localStorage)")
    assert [k for k in keys if k.startswith("aar-ticks:listes/lc-02/@")]
    page.emulate_media(media="print")
    indicator = page.evaluate("""() => {
        const style = getComputedStyle(document.querySelectorAll('.task-list-indicator')[1], '::before');
        return [style.maskImage || style.webkitMaskImage, style.borderTopStyle];
    }""")
    assert indicator == ["none", "solid"], "a printed box must be empty"
    assert not page.locator(".aar-checklist-tools").is_visible()
    page.emulate_media(media="screen")
    page.locator(".aar-checklist-tools__reset").click()
    assert not boxes.nth(1).is_checked()
    page.reload()
    assert not boxes.nth(1).is_checked()
    assert not [k for k in page.evaluate("Object.keys(localStorage)") if k.startswith("aar-ticks:listes/lc-02/")]
    phone.check_clean()


# --- Accessibility -------------------------------------------------------------------------------

# Home, a protocol with its decision chart, a checklist, a form, a centre page with its sizing calculator.
AXE_PAGES = ["/", "/protocoles/pos-01/", "/listes/lc-02/", "/formulaires/form-01/", "/centres/dir-03/"]
# Heading levels of the article in order, once the page's scripts have run (the calculator adds some).
HEADING_LEVELS = "() => [...document.querySelectorAll('article h1, article h2, article h3, article h4, article h5, article h6')].map(h => Number(h.tagName[1]))"


def serious(results) -> list[str]:
    return [f"{v['impact']} {v['id']}: {[n['target'] for n in v['nodes'][:3]]}"
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


def test_no_serious_accessibility_violation_in_either_language(phone):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    problems = {}
    for address in AXE_PAGES + ["/wo" + a for a in AXE_PAGES]:
        page = phone.open(address)
        page.wait_for_load_state("networkidle")
        found = serious(axe.run(page))
        levels = page.evaluate(HEADING_LEVELS)
        found += [f"titre h{b} après h{a}" for a, b in zip(levels, levels[1:]) if b > a + 1]
        if found:
            problems[address] = found
    page = phone.open("/protocoles/pos-01/")
    page.locator(".aar-search-open").click()
    page.fill("#aar-search-input", "alerte")
    page.wait_for_function("document.getElementById('aar-search').dataset.aarDone === 'alerte'")
    found = serious(axe.run(page))
    if found:
        problems["recherche ouverte"] = found
    assert problems == {}
    phone.check_clean()


TAP_TARGETS = (".md-header__button, .aar-tick, .aar-checklist-tools__reset, .aar-offline__save, "
               ".md-footer__link, .md-search-result__link")


def test_tap_targets_are_44_px_and_text_reflows_at_200_percent(phone):
    small = {}
    for address in ("/", "/listes/lc-02/", "/wo/listes/lc-02/"):
        page = phone.open(address)
        boxes = page.eval_on_selector_all(TAP_TARGETS, """els => els
            .filter((e) => e.offsetParent !== null && getComputedStyle(e).visibility !== 'hidden')
            .map((e) => { const r = e.getBoundingClientRect(); return [e.className, Math.round(r.width), Math.round(r.height)]; })""")
        small[address] = [b for b in boxes if b[1] < 44 or b[2] < 44]
        # Text zoom at 200 % (the phone's font size setting): no sideways scrolling of the page.
        page.evaluate("document.documentElement.style.fontSize = '250%'")
        width = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
        assert width[0] <= width[1], f"{address}: the page scrolls sideways at 200 % ({width})"
    assert small == {"/": [], "/listes/lc-02/": [], "/wo/listes/lc-02/": []}
    phone.check_clean()


def test_a_newer_edition_at_its_own_address_takes_over_the_saved_one(site, browser, tmp_path):
    """Published with mike, editions live at /2026.1/, /2099.1/…: the newer one takes over what the
    phone kept of the older one (its saved language), then the older worker and cache are dropped."""
    root = tmp_path / "published"
    shutil.copytree(site.site, root / "2026.1", ignore=shutil.ignore_patterns("*.pdf"))
    shutil.copytree(root / "2026.1", root / "2099.1")
    new_edition(root / "2099.1", "2099.1")
    server = serve(root)
    url = server.__enter__()
    phone = Phone(browser, url)
    try:
        page = phone.open("/2026.1/")
        save_language(page, "fr")
        page.goto(url + "/2099.1/")
        page.wait_for_function("(document.querySelector('.aar-offline').dataset.aarSaved || '').includes('fr')",
                               timeout=90000)
        page.wait_for_function("""async () => (await navigator.serviceWorker.getRegistrations()).length === 1""")
        names = page.evaluate("async () => (await caches.keys()).filter((n) => n.startsWith('aar-'))")
        assert len(names) == 1 and names[0].startswith("aar-2099.1-")
        phone.check_clean()
    finally:
        server.__exit__(None, None, None)
    phone.context.set_offline(True)
    try:
        page.goto(url + "/2099.1/protocoles/pos-02/")
        assert page.locator("article h1").inner_text().startswith("Texte révisé")
    finally:
        phone.close()
