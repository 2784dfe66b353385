"""Render print HTML to PDF with WeasyPrint: one piece per process, on every core, through a content cache.

A manual of 450 pages laid out as one flow takes about a minute per language on one core, and any edit
re-renders all of it. Rendering each piece on its own lets the pieces share the cores and lets a piece whose
HTML did not change come from the cache: the key is the SHA-256 of the piece's HTML (which holds its styles,
its QR code and its page furniture) and of the engine's versions, so a change anywhere in what the PDF shows
re-renders that piece and nothing else. The cache lives in .cache/print/ (AAR_PDF_CACHE elsewhere), ignored
by Git; entries unused for 30 days are removed.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..cache import MAX_AGE, mark_used, remove_unused, versions, write_whole
from ..project import ROOT

CACHE_ENVIRONMENT = "AAR_PDF_CACHE"
JOBS_ENVIRONMENT = "AAR_PDF_JOBS"
# Bump when the way pieces are rendered changes without their HTML changing.
RENDER_VERSION = "1"


@functools.lru_cache(maxsize=1)
def engine() -> str:
    """The versions of what turns HTML into PDF pages and pages into manuals (part of every cache key)."""
    return versions(("weasyprint", "pydyf", "pypdf", "fonttools"))


def cache_dir(environ=os.environ) -> Path:
    return Path(environ.get(CACHE_ENVIRONMENT) or ROOT / ".cache" / "print")


def jobs(environ=os.environ) -> int:
    value = environ.get(JOBS_ENVIRONMENT, "").strip()
    if value.isdigit() and int(value) > 0:
        return int(value)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def cache_key(html: str, engine_name: str) -> str:
    digest = hashlib.sha256()
    for part in (RENDER_VERSION, engine_name, html):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


@dataclass(frozen=True)
class Rendered:
    path: Path
    pages: int


@dataclass
class Stats:
    hits: int = 0
    rendered: int = 0
    manuals_assembled: int = 0
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)


def _context():
    return multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")


def run_jobs(function, tasks: list, workers: int | None = None) -> list:
    """`function(task)` for every task, on every core (tasks are independent), in the tasks' order."""
    workers = min(workers or jobs(), len(tasks))
    if workers <= 1:
        return [function(task) for task in tasks]
    with ProcessPoolExecutor(max_workers=workers, mp_context=_context()) as pool:
        return list(pool.map(function, tasks))


def _render(html: str) -> tuple[bytes, int, list[str]]:
    """In a worker process: the PDF, its page count and WeasyPrint's warnings."""
    import weasyprint
    from weasyprint.logger import LOGGER

    messages: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record):
            if record.levelno >= logging.WARNING:
                messages.append(record.getMessage())

    handler = Collect()
    LOGGER.addHandler(handler)
    try:
        document = weasyprint.HTML(string=html, base_url=str(ROOT)).render()
        return document.write_pdf(), len(document.pages), messages
    finally:
        LOGGER.removeHandler(handler)


def _result(name: str, get):
    """A piece's rendering, or a French message naming the piece when WeasyPrint fails on it."""
    try:
        return get()
    except Exception as error:  # WeasyPrint's own exceptions, raised in a worker process
        from mkdocs.exceptions import PluginError

        raise PluginError(f"Impression : le PDF de « {name} » n'a pas pu être produit (WeasyPrint, "
                          f"{type(error).__name__} : {error}). Construire sans PDF pendant une relecture : "
                          "AAR_PDF=0.") from error


def _store(directory: Path, key: str, pdf: bytes, pages: int) -> Rendered:
    path = directory / f"{key}.pdf"
    write_whole(path, pdf)
    write_whole(directory / f"{key}.json", json.dumps({"pages": pages}))
    return Rendered(path, pages)


def _cached(directory: Path, key: str) -> Rendered | None:
    path, meta = directory / f"{key}.pdf", directory / f"{key}.json"
    try:
        pages = json.loads(meta.read_text(encoding="utf-8"))["pages"]
    except (OSError, ValueError, KeyError):
        return None
    if not path.is_file():
        return None
    mark_used(path)
    return Rendered(path, int(pages))


def render_all(pieces: dict[str, str], stats: Stats, directory: Path | None = None,
               workers: int | None = None) -> dict[str, Rendered]:
    """Render every piece (name -> HTML) that the cache does not already hold; return name -> rendered PDF."""
    directory = directory or cache_dir()
    engine_name = engine()
    keys = {name: cache_key(html, engine_name) for name, html in pieces.items()}
    results: dict[str, Rendered] = {}
    missing: dict[str, str] = {}
    for name, key in keys.items():
        found = _cached(directory, key)
        if found is not None:
            results[name] = found
            stats.hits += 1
        elif key not in missing.values():
            missing[name] = key
    start = time.monotonic()
    # Longest first, so that no core is left alone with a long document at the end.
    order = sorted(missing, key=lambda name: len(pieces[name]), reverse=True)
    by_key: dict[str, Rendered] = {}
    if order:
        workers = min(workers or jobs(), len(order))
        if workers == 1:
            for name in order:
                pdf, pages, messages = _result(name, lambda: _render(pieces[name]))
                by_key[keys[name]] = _store(directory, keys[name], pdf, pages)
                stats.warnings += [f"{name} : {m}" for m in messages]
        else:
            with ProcessPoolExecutor(max_workers=workers, mp_context=_context()) as pool:
                futures = {name: pool.submit(_render, pieces[name]) for name in order}
                for name in order:
                    pdf, pages, messages = _result(name, futures[name].result)
                    by_key[keys[name]] = _store(directory, keys[name], pdf, pages)
                    stats.warnings += [f"{name} : {m}" for m in messages]
        stats.rendered += len(order)
    for name, key in keys.items():
        if name not in results:
            results[name] = by_key.get(key) or _cached(directory, key)
    stats.seconds += time.monotonic() - start
    return results


def prune(directory: Path | None = None, max_age: float = MAX_AGE) -> int:
    """Remove cache entries unused for `max_age` seconds; return how many went."""
    directory = directory or cache_dir()
    if not directory.is_dir():
        return 0
    removed = remove_unused([*directory.glob("*.pdf"), *directory.glob("sheet-*.json"),
                             *directory.glob("fonts/*.ttf")], max_age)
    for path in removed:
        if path.suffix == ".pdf":
            path.with_suffix(".json").unlink(missing_ok=True)   # its page count
    return len(removed)
