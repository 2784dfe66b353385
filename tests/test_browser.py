"""What a reader's phone does: Playwright drives Debian's Chromium on the built site, served locally."""

from __future__ import annotations

import functools
import http.server
import re
import threading

import pytest

from chromium import PHONE

pytestmark = pytest.mark.browser

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

    page.locator(".md-header .aar-search-open").click()
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


def shown_number(text: str):
    text = text.replace("\u202f", "").replace("\u00a0", "").replace(" ", "").replace(",", ".")
    return None if text == "àconfirmer" else float(text)


def coordinates(text: str) -> list[float]:
    return [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", text)]


COLLECT = """root => ({
  values: Array.from(root.querySelectorAll('[data-v]')).map(n => [n.dataset.v, +n.dataset.d, n.textContent]),
  bound: Array.from(root.querySelectorAll('[data-bind]')).map(n => {
    const bound = JSON.parse(n.getAttribute('data-bind'));
    return Object.keys(bound).map(a => [bound[a], n.getAttribute(a)]);
  }).flat(),
})"""


def test_calculator_shows_exactly_what_the_python_model_gives(phone, base_url):
    """Issue 10, item 17: quantities, areas, plan, FTE and costs of the calculator equal the build's."""
    from aar import sizing
    from aar.blocks.centres import rounded
    from aar.plan import fill

    page = phone
    page.goto(base_url + "/centres/dir-03/")
    root = page.locator(".aar-calculator")
    root.locator(".aar-calculator__output table").first.wait_for()
    # Try prices, as a budget officer would (they are not stored anywhere).
    prices = {f"unit_{sizing.key(line['id'])}": 1000 * (k + 1) + 0.5 for k, line in enumerate(sizing.cost_lines())}
    for name, price in prices.items():
        page.locator(f'[data-input="{name}"]').fill(str(price))
    page.locator('[data-input="average_stay_days"]').fill("21")
    for capacity in (10, 30, 45, 50, 100, 160):
        page.locator(".aar-calculator__capacity").fill(str(capacity))
        collected = root.evaluate(COLLECT)
        expected = sizing.evaluate(capacity, {**prices, "average_stay_days": 21})

        assert len(collected["values"]) > 300
        names = set()
        for name, decimals, text in collected["values"]:
            names.add(name)
            assert shown_number(text) == rounded(expected[name], decimals), (capacity, name, text, expected[name])
        for required in ("covered_net", "open_area", "gross_area", "toilets_women", "toilets_men", "fte_total",
                         "headcount_total", "running_total", "running_per_place"):
            assert required in names
        assert expected["running_per_place"] is not None

        assert len(collected["bound"]) > 100
        for template, actual in collected["bound"]:
            assert coordinates(actual) == pytest.approx(coordinates(fill(template, expected)), abs=0.011), \
                (capacity, template)
    assert outside(page.requests, base_url) == []
