"""What a reader's phone does: Playwright drives Debian's Chromium on the built site, served locally."""

from __future__ import annotations

import functools
import http.server
import threading

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
# As root Chromium needs --no-sandbox; the others stop it from calling Google's services.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-default-apps", "--disable-extensions"]
PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True,
         "has_touch": True, "locale": "fr-FR"}
WOLOF_WORD = "doŋŋ"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def base_url(site):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(QuietHandler, directory=str(site.site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def phone(browser, base_url):
    context = browser.new_context(**PHONE)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.requests = requests
    yield page
    context.close()


def outside(requests: list[str], base_url: str) -> list[str]:
    return [url for url in requests if not url.startswith(base_url + "/") and not url.startswith(("data:", "blob:"))]


def test_phone_reader_switches_to_wolof_searches_and_opens_a_result(phone, base_url):
    page = phone
    page.goto(base_url + "/")
    assert page.locator("html").get_attribute("lang") == "fr"

    page.locator(".md-header .md-select button").click()
    page.locator('.md-header a.md-select__link[hreflang="wo"]').click()
    page.wait_for_url(base_url + "/wo/")
    assert page.locator("html").get_attribute("lang") == "wo"
    assert page.locator(".md-search__input").get_attribute("placeholder") == "Seet"

    page.locator('label.md-header__button[for="__search"]').click()
    page.locator(".md-search__input").fill(WOLOF_WORD)
    results = page.locator(".md-search-result__item a[href*='/wo/']")
    results.first.wait_for(timeout=15000)
    href = results.first.get_attribute("href")
    results.first.click()
    page.wait_for_load_state("load")
    assert "/wo/" in page.url, href
    assert page.locator("html").get_attribute("lang") == "wo"
    assert WOLOF_WORD in page.locator("article").inner_text()

    assert outside(page.requests, base_url) == []


def test_language_switcher_opens_the_same_page_in_wolof(phone, base_url):
    page = phone
    page.goto(base_url + "/listes/lc-02/")
    page.locator(".md-header .md-select button").click()
    page.locator('.md-header a.md-select__link[hreflang="wo"]').click()
    page.wait_for_url(base_url + "/wo/listes/lc-02/")
    assert page.locator("article .aar-card").count() == 1
    assert outside(page.requests, base_url) == []


def test_calculator_gives_quantities_for_any_capacity(phone, base_url):
    page = phone
    page.goto(base_url + "/centres/dir-03/")
    capacity = page.locator(".aar-calculator__capacity")
    capacity.fill("45")
    output = page.locator(".aar-calculator__output")
    output.locator("table").first.wait_for()
    first = output.inner_text()
    capacity.fill("200")
    page.wait_for_function("document.querySelector('.aar-calculator__output').innerText.length > 0")
    assert output.inner_text() != first
    assert outside(page.requests, base_url) == []
