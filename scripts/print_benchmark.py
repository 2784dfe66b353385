"""Print figures for the PDFs, each beside its budget (issue 12): build times, then size and pages of each PDF.

Works on a copy of the working tree in a temporary folder, so that the page it edits and the caches it
empties are not yours: the HTML alone, a cold build with every PDF (empty caches: PDF pieces and converted
Markdown), then the same build again after a one-line change to one page (warm caches). Wall-clock seconds
are the budget's measure; the CPU seconds and the load average beside them say whether other work shared
the machine.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

BUDGET_COLD = 180.0
BUDGET_WARM = 30.0
BUDGET_SIZE = 5 * 1024 * 1024
TOUCHED = Path("docs/fr/listes/lc-02.md")
SKIPPED = {".git", ".venv", "site", "site.old", ".cache", "__pycache__", ".pytest_cache"}


def copy_tree(root: Path, target: Path) -> None:
    def keep(info: tarfile.TarInfo):
        parts = Path(info.name).parts
        return None if any(p in SKIPPED or p.startswith(".site-build.") for p in parts) else info

    archive = target.with_suffix(".tar")
    with tarfile.open(archive, "w") as tar:
        tar.add(root, arcname=".", filter=keep)
    with tarfile.open(archive) as tar:
        tar.extractall(target, filter="data")
    archive.unlink()


def source_epoch(root: Path) -> str:
    result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True)
    return result.stdout.strip() or str(int(time.time()))


def timed_build(tree: Path, site: Path, env: dict) -> tuple[float, float, str]:
    """Wall-clock and CPU seconds (the build and its worker processes) of one strict build, and its log."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                            cwd=tree, env=env, capture_output=True, text=True)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-3000:] + result.stderr[-3000:])
        raise SystemExit("La construction a échoué : voir les messages ci-dessus.")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, result.stdout + result.stderr


def verdict(value: float, budget: float) -> str:
    return "respecté" if value <= budget else "DÉPASSÉ"


def pdf_pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


def run(root: Path, temporary: Path) -> int:
    tree = temporary / "tree"
    copy_tree(root, tree)
    # Empty caches for the cold builds (PDF pieces, converted Markdown); the warm build reuses the cold one's.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": source_epoch(root),
           "AAR_PDF_CACHE": str(temporary / "cache"), "AAR_HTML_CACHE": str(temporary / "html-cache"),
           "PYTHONDONTWRITEBYTECODE": "1"}
    print(f"\nPDF : machine à {os.cpu_count()} cœurs, charge moyenne {os.getloadavg()[0]:.1f} au départ.")
    html, html_cpu, _ = timed_build(tree, temporary / "site-html",
                                    {**env, "AAR_PDF": "0", "AAR_HTML_CACHE": str(temporary / "html-cache-html")})
    print(f"  HTML seul                          : {html:6.1f} s  (CPU {html_cpu:5.1f} s)")
    cold, cold_cpu, _ = timed_build(tree, temporary / "site", {**env, "AAR_PDF": "1"})
    print(f"  Froid, avec tous les PDF           : {cold:6.1f} s  (CPU {cold_cpu:5.1f} s)   "
          f"budget {BUDGET_COLD:.0f} s : {verdict(cold, BUDGET_COLD)}")
    page = tree / TOUCHED
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("Cocher chaque action quand elle est faite.",
                                 "Cocher chaque action quand elle est faite, au fur et à mesure.", 1),
                    encoding="utf-8")
    warm, warm_cpu, log = timed_build(tree, temporary / "site-warm", {**env, "AAR_PDF": "1"})
    print(f"  Après une page modifiée ({TOUCHED.name})  : {warm:6.1f} s  (CPU {warm_cpu:5.1f} s)   "
          f"budget {BUDGET_WARM:.0f} s : {verdict(warm, BUDGET_WARM)}")
    for line in re.findall(r"(?:PDF|Markdown) \((?:fr|wo)\) : .*", log):
        print(f"    {line}")

    site = temporary / "site"
    print(f"\n  {'PDF':52} {'pages':>6} {'taille':>9}   budget 5 Mio")
    over = 0
    manuals = sorted(p for p in site.rglob("*.pdf") if "documents" not in p.parts)
    for pdf in manuals:
        size = pdf.stat().st_size
        over += size > BUDGET_SIZE
        print(f"  {str(pdf.relative_to(site)):52} {pdf_pages(pdf):6} {size / 1024 / 1024:7.2f} Mio   "
              f"{verdict(size, BUDGET_SIZE)}")
    documents = sorted(site.rglob("documents/*.pdf"), key=lambda p: p.stat().st_size)
    if documents:
        pages = [pdf_pages(p) for p in documents]
        largest = documents[-1]
        over += sum(p.stat().st_size > BUDGET_SIZE for p in documents)
        print(f"  {len(documents)} PDF de documents : {sum(pages)} pages, {min(pages)} à {max(pages)} pages chacun ; "
              f"le plus lourd {largest.relative_to(site)} ({largest.stat().st_size / 1024:.0f} Kio), "
              f"{sum(p == 1 for p in pages)} tiennent sur une page")
    failed = (cold > BUDGET_COLD) + (warm > BUDGET_WARM) + over
    print(f"\n  Budgets : {'tous respectés' if not failed else f'{failed} dépassé(s)'}.")
    shutil.rmtree(tree, ignore_errors=True)
    return 0
