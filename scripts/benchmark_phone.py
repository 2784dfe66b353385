"""What a phone on a weak connection pays for the site: bytes, requests and time, beside the budgets.

Headless Chromium (Debian's) with a phone's screen, on slow 3G (400 kbit/s each way, 400 ms round
trip, Chrome DevTools network emulation), reads the site served with gzip by scripts/gzip_server.py on
127.0.0.1. Bytes are counted by that server (headers included, the service worker's requests too).
For a set of pages in both languages: first visit (empty cache), next page (the page's « next »
link), first contentful paint; then the first search in each language and the offline download; last,
Lighthouse's mobile accessibility and SEO scores of the same pages (when scripts/benchmark-phone could
install it with npm).

Usage: python scripts/benchmark_phone.py [--site DIR]   (without --site, builds the site without PDFs)
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from chromium import CHROMIUM, CHROMIUM_ARGS, PHONE  # noqa: E402
from gzip_server import serve  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SLOW_3G = {"offline": False, "latency": 400, "downloadThroughput": 400_000 / 8, "uploadThroughput": 400_000 / 8,
           "connectionType": "cellular3g"}
PAGES = ["/", "/protocoles/pos-01/", "/listes/lc-02/", "/formulaires/form-01/", "/centres/dir-03/"]
SEARCHES = {"fr": ("/", "débarquement"), "wo": ("/wo/", "xale")}
BUDGET = {"first": 80 * 1024, "next": 15 * 1024, "search_bytes": 150 * 1024, "search_seconds": 5.0,
          "lighthouse": 0.95}
LIGHTHOUSE = ROOT / ".cache" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"


def kib(size: int) -> str:
    return f"{size / 1024:6.1f} Kio"


def verdict(ok: bool) -> str:
    return "ok" if ok else "DÉPASSÉ"


class Meter:
    """Bytes and requests the server saw since the last reading."""

    def __init__(self, log: list):
        self.log = log
        self.start = 0

    def reset(self):
        self.start = len(self.log)

    def read(self) -> tuple[int, int, list]:
        entries = self.log[self.start:]
        return sum(e[2] for e in entries), len(entries), [e for e in entries if e[1] >= 400]


def quiet(page, meter: Meter, seconds: float = 1.5, limit: float = 60):
    """Wait until the server has seen no request for `seconds` (service worker included)."""
    end = time.monotonic() + limit
    count, since = -1, time.monotonic()
    while time.monotonic() < end:
        if len(meter.log) != count:
            count, since = len(meter.log), time.monotonic()
        elif time.monotonic() - since >= seconds:
            return
        page.wait_for_timeout(200)


def new_phone(browser, service_workers: str = "allow"):
    """A phone on slow 3G. The emulation applies to the page only: where the timing matters (search),
    the service worker is blocked so that every request goes through the slow network."""
    context = browser.new_context(**PHONE, service_workers=service_workers)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_3G)
    outside = []
    context.on("request", lambda r: r.url.startswith(("http://127.0.0.1", "data:", "blob:")) or outside.append(r.url))
    return context, page, outside


def first_contentful_paint(page) -> float:
    value = page.evaluate("(performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime || 0")
    return value / 1000


def measure_pages(browser, url: str, meter: Meter, problems: list) -> list[tuple]:
    rows = []
    for path in PAGES + ["/wo" + p for p in PAGES]:
        context, page, outside = new_phone(browser)
        meter.reset()
        page.goto(url + path, wait_until="load")
        quiet(page, meter)
        first, first_requests, errors = meter.read()
        fcp = first_contentful_paint(page)
        following = page.eval_on_selector('link[rel="next"]', "l => l.href")
        meter.reset()
        page.goto(following, wait_until="load")
        quiet(page, meter)
        following_bytes, following_requests, more_errors = meter.read()
        errors += more_errors
        rows.append((path, first, first_requests, fcp, following_bytes, following_requests))
        problems += [f"{path} : {e[0]} → {e[1]}" for e in errors] + [f"{path} : autre hôte {u}" for u in outside]
        context.close()
    return rows


def measure_search(browser, url: str, meter: Meter, problems: list) -> dict:
    figures = {}
    for language, (home, query) in SEARCHES.items():
        context, page, outside = new_phone(browser, service_workers="block")
        page.goto(url + home, wait_until="load")
        quiet(page, meter)
        if not page.locator(".aar-search-open").count():
            context.close()
            return {}
        meter.reset()
        start = time.monotonic()
        page.locator(".aar-search-open").click()
        page.fill("#aar-search-input", query)
        page.wait_for_function("q => document.getElementById('aar-search').dataset.aarDone === q", arg=query,
                               timeout=60000)
        seconds = time.monotonic() - start
        results = page.locator(".md-search-result__item").count()
        quiet(page, meter)
        size, requests, errors = meter.read()
        figures[language] = (query, size, requests, seconds, results)
        problems += [f"recherche {language} : {e[0]} → {e[1]}" for e in errors] + [f"autre hôte {u}" for u in outside]
        context.close()
    return figures


def measure_offline(browser, url: str, meter: Meter, problems: list) -> dict:
    figures = {}
    for language, (home, _) in SEARCHES.items():
        context, page, _ = new_phone(browser)
        page.goto(url + home, wait_until="load")
        quiet(page, meter)
        save = page.locator(".aar-offline__save")
        if not save.count():
            context.close()
            return {}
        shown = save.inner_text().strip()
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        meter.reset()
        start = time.monotonic()
        save.click()
        page.wait_for_function("l => (document.querySelector('.aar-offline').dataset.aarSaved || '').split(' ').includes(l)",
                               arg=language, timeout=900000)
        seconds = time.monotonic() - start
        size, requests, errors = meter.read()
        figures[language] = (shown, size, requests, seconds)
        problems += [f"hors ligne {language} : {e[0]} → {e[1]}" for e in errors]
        context.close()
    return figures


def lighthouse_scores(url: str, problems: list) -> list[tuple[str, dict[str, float], list[str]]]:
    """Lighthouse (mobile, its own slow-network emulation) on every benchmarked page: category scores and
    the audits that lost points."""
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for path in PAGES + ["/wo" + p for p in PAGES]:
            report = Path(folder) / "report.json"
            command = [str(LIGHTHOUSE), url + path, "--only-categories=accessibility,seo", "--output=json",
                       f"--output-path={report}", "--quiet",
                       "--chrome-flags=--headless=new " + " ".join(CHROMIUM_ARGS)]
            done = subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True,
                                  text=True, timeout=300)
            if done.returncode != 0 or not report.is_file():
                problems.append(f"Lighthouse {path} : {(done.stderr or done.stdout).strip()[-300:]}")
                continue
            data = json.loads(report.read_text(encoding="utf-8"))
            scores = {name: category["score"] for name, category in data["categories"].items()}
            lost = [audit for category in data["categories"].values() for ref in category["auditRefs"]
                    if ref["weight"] > 0 and (audit := data["audits"][ref["id"]])["score"] is not None
                    and audit["score"] < 1]
            rows.append((path, scores, [audit["id"] for audit in lost]))
    return rows


def build(site: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "AAR_PDF": "0"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                   cwd=ROOT, env=env, check=True, capture_output=True)


def report(site: Path) -> int:
    from playwright.sync_api import sync_playwright

    log: list = []
    meter = Meter(log)
    problems: list[str] = []
    missed = 0
    with serve(site, requests=log) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        rows = measure_pages(browser, url, meter, problems)
        searches = measure_search(browser, url, meter, problems)
        offline = measure_offline(browser, url, meter, problems)
        browser.close()
        lighthouse = lighthouse_scores(url, problems) if LIGHTHOUSE.is_file() else None
    print("Téléphone, 3G lente (400 kbit/s, 400 ms), gzip ; octets comptés par le serveur, en-têtes compris.\n")
    print(f"  {'page':28} {'1re visite':>11} {'req.':>4} {'FCP':>6}   {'page suivante':>13} {'req.':>4}")
    for path, first, first_requests, fcp, following, following_requests in rows:
        ok_first, ok_next = first <= BUDGET["first"], following <= BUDGET["next"]
        missed += (not ok_first) + (not ok_next)
        print(f"  {path:28} {kib(first)} {first_requests:4d} {fcp:5.1f}s {verdict(ok_first):>8}"
              f"   {kib(following)} {following_requests:4d} {verdict(ok_next)}")
    print(f"  budgets : 1re visite ≤ {BUDGET['first'] // 1024} Kio, page suivante ≤ {BUDGET['next'] // 1024} Kio")
    if searches:
        print("\nPremière recherche (de l'ouverture de la recherche aux résultats à l'écran) :")
        for language, (query, size, requests, seconds, results) in searches.items():
            ok = size <= BUDGET["search_bytes"] and seconds <= BUDGET["search_seconds"] and results > 0
            missed += not ok
            print(f"  {language} « {query} » : {kib(size)} en {requests} requêtes, {seconds:4.1f} s, "
                  f"{results} résultats affichés  {verdict(ok)}")
        print(f"  budgets : ≤ {BUDGET['search_bytes'] // 1024} Kio et ≤ {BUDGET['search_seconds']:.0f} s par langue")
    if offline:
        print("\nEnregistrement pour lire hors ligne (téléchargement mesuré ; bouton affiché) :")
        for language, (shown, size, requests, seconds) in offline.items():
            print(f"  {language} : {size / 1_000_000:4.2f} Mo en {requests} requêtes, {seconds:5.1f} s  — « {shown} »")
    if lighthouse is None:
        print("\nLighthouse : non installé (scripts/benchmark-phone l'installe avec npm).")
    else:
        print("\nLighthouse, mobile (accessibilité, référencement) :")
        for path, scores, lost in lighthouse:
            ok = all(score is not None and score >= BUDGET["lighthouse"] for score in scores.values())
            missed += not ok
            shown = "  ".join(f"{name} {'—' if score is None else f'{score:.2f}'}" for name, score in scores.items())
            print(f"  {path:28} {shown}  {verdict(ok)}" + (f"  (à revoir : {', '.join(lost)})" if lost else ""))
        print(f"  budget : ≥ {BUDGET['lighthouse']:.2f} dans chaque catégorie")
    print(f"\nRequêtes vers un autre hôte ou en erreur : {len(problems)} (budget : 0)")
    for problem in problems[:20]:
        print(f"  {problem}")
    missed += bool(problems)
    print("\nTous les budgets sont tenus." if not missed else f"\n{missed} budget(s) dépassé(s).")
    return 0 if not missed else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="site déjà construit (par défaut : construit sans PDF)")
    args = parser.parse_args()
    if args.site:
        return report(args.site.resolve())
    with tempfile.TemporaryDirectory() as temporary:
        site = Path(temporary) / "site"
        print("Construction du site (sans PDF)…")
        build(site)
        return report(site)


if __name__ == "__main__":
    sys.exit(main())
