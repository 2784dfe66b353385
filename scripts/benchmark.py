"""Print the figures that matter for phones and printers: build time, page weight, PDF size.

Usage: python scripts/benchmark.py [--no-pdf]
Builds the real site into a temporary folder without PDFs and prints, for a few typical pages, the bytes a
phone downloads (gzip) on a first visit; then, unless --no-pdf, the PDF figures of scripts/print_benchmark.py
(cold build, rebuild after a one-page change, size and pages of each PDF, beside their budgets).
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = ["index.html", "listes/lc-02/index.html", "protocoles/pos-01/index.html", "wo/index.html",
         "centres/dir-03/index.html"]


def build(site: Path, pdf: bool) -> float:
    # An empty Markdown cache beside the site: the figure is a first build's.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "AAR_PDF": "1" if pdf else "0",
           "AAR_HTML_CACHE": str(site.parent / "html-cache-first")}
    start = time.monotonic()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                   cwd=ROOT, env=env, check=True, capture_output=True)
    return time.monotonic() - start


def gzipped(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def page_weight(site: Path, page: str) -> dict[str, int]:
    html_path = site / page
    html = html_path.read_text(encoding="utf-8")
    weights = {"html": gzipped(html_path), "css": 0, "js": 0}
    for kind, pattern in (("css", r'<link[^>]+href="([^"]+\.css)"'), ("js", r'<script[^>]+src="([^"]+\.js)"')):
        for reference in re.findall(pattern, html):
            target = (html_path.parent / reference.split("?")[0]).resolve()
            if target.is_file():
                weights[kind] += gzipped(target)
    return weights


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-pdf", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        site = Path(temporary) / "site"
        seconds = build(site, pdf=False)
        pages = sum(1 for _ in site.rglob("*.html"))
        print(f"Construction sans PDF : {seconds:.1f} s ({pages} pages HTML, deux langues)")
        print("\nPoids d'une première visite (gzip, en Kio) :")
        print(f"  {'page':38} {'HTML':>6} {'CSS':>6} {'JS':>6} {'total':>7}")
        for page in PAGES:
            w = page_weight(site, page)
            total = sum(w.values())
            print(f"  {page:38} {w['html'] / 1024:6.1f} {w['css'] / 1024:6.1f} {w['js'] / 1024:6.1f} "
                  f"{total / 1024:7.1f}")
        # Pagefind (hooks/search_index.py): loaded by language and in chunks, only when the reader searches;
        # scripts/benchmark-phone measures what a first search downloads.
        search = [p for p in (site / "search").rglob("*") if p.is_file()]
        print(f"\nIndex de recherche (Pagefind, deux langues, chargé par morceaux) : {len(search)} fichiers, "
              f"{sum(p.stat().st_size for p in search) / 1024:.0f} Kio")
        if not args.no_pdf:
            # Cold build with every PDF, rebuild after a one-page change, size and pages of each PDF (issue 12).
            from print_benchmark import run as print_figures
            print_figures(ROOT, Path(temporary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
