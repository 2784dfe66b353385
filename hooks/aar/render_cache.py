"""Markdown to HTML through a content cache: a page whose Markdown and link context did not change is not
converted again.

MkDocs converts every page on every build; converting the site's 192 pages is about half of an HTML build,
and a reviewer's one-line edit changes one page. The key of a page is the SHA-256 of everything its
conversion reads: its final Markdown (after every `on_page_markdown` hook, so data files and generated blocks
are in it), its own paths, the paths of every file of the build (links are resolved against them), the
configuration file (extensions and validation rules), the language and the versions of the converters.
What the conversion gives is stored whole: the HTML, the table of contents, the title found in the text and
the anchors that MkDocs checks after the build, so that link and anchor checks still run on every build.
A conversion that logged anything (a link MkDocs could not resolve, for instance) is never stored: it runs,
and says so, on every build until it is fixed. AAR_HTML_CACHE=0 turns the cache off; entries unused for 30
days are removed.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from .cache import mark_used, remove_unused, switched_on, versions, write_whole
from .project import ROOT

CACHE_ENVIRONMENT = "AAR_HTML_CACHE"
# Bump when what is stored, or how it is restored, changes.
CACHE_VERSION = "2"
CONVERTERS = ("mkdocs", "markdown", "pymdown-extensions", "mkdocs-material")


@dataclass
class Stats:
    reused: int = 0
    converted: int = 0
    not_stored: int = 0

    def message(self, language: str) -> str:
        kept = f", {self.not_stored} non gardées (messages de conversion)" if self.not_stored else ""
        return (f"Markdown ({language}) : {self.reused} pages reprises du cache, {self.converted} converties"
                f"{kept}.")


def enabled(environ=os.environ) -> bool:
    return switched_on(CACHE_ENVIRONMENT, environ)


def cache_dir(environ=os.environ) -> Path:
    value = environ.get(CACHE_ENVIRONMENT, "").strip()
    return Path(value) if value not in {"", "1"} and enabled(environ) else ROOT / ".cache" / "html"


@functools.lru_cache(maxsize=1)
def converters() -> str:
    return versions(CONVERTERS)


def files_signature(files) -> str:
    """Every file of the build as a link sees it: source, destination, address, inclusion."""
    rows = sorted((f.src_uri, f.dest_uri, f.url, f.inclusion.name) for f in files)
    return hashlib.sha256(json.dumps(rows).encode("utf-8")).hexdigest()


def page_key(markdown: str, file, files_digest: str, config_text: str, language: str) -> str:
    digest = hashlib.sha256()
    for part in (CACHE_VERSION, converters(), config_text, language, files_digest, file.src_uri, file.dest_uri,
                 file.url, file.inclusion.name, markdown):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def load(directory: Path, key: str) -> dict | None:
    path = directory / f"{key}.json"
    try:
        entry = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    mark_used(path)
    return entry


def store(directory: Path, key: str, entry: dict) -> None:
    write_whole(directory / f"{key}.json", json.dumps(entry, ensure_ascii=False))


def prune(directory: Path) -> int:
    return len(remove_unused(directory.glob("*.json"))) if directory.is_dir() else 0


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        if record.levelno >= logging.INFO:
            self.records.append(record)


def toc_rows(links) -> list:
    """A page's table of contents (MkDocs' AnchorLinks) as plain data."""
    return [[link.title, link.id, link.level, toc_rows(link.children)] for link in links]


def toc_from(rows: list):
    from mkdocs.structure.toc import AnchorLink, TableOfContents

    def links(rows):
        made = []
        for title, anchor, level, children in rows:
            link = AnchorLink(title, anchor, level)
            link.children = links(children)
            made.append(link)
        return made

    toc = TableOfContents(links(rows))
    if toc.items:
        toc.items[0].active = True   # as MkDocs' get_toc does
    return toc


def entry_of(page) -> dict:
    links = getattr(page, "links_to_anchors", None)
    return {
        "content": page.content,
        "toc": toc_rows(page.toc),
        "title": page._title_from_render,
        "anchors": sorted(page.present_anchor_ids or ()),
        "links": None if links is None else {f.src_uri: anchors for f, anchors in links.items()},
    }


def restore(page, entry: dict, files) -> bool:
    """Set what a conversion sets on a page; False when a linked file is gone (the entry is then unused)."""
    links = None
    if entry["links"] is not None:
        links = {}
        for src_uri, anchors in entry["links"].items():
            target = files.get_file_from_path(src_uri)
            if target is None:
                return False
            links[target] = anchors
    page.content = entry["content"]
    page.toc = toc_from(entry["toc"])
    page._title_from_render = entry["title"]
    page.present_anchor_ids = set(entry["anchors"])
    if links is not None:
        page.links_to_anchors = links
    return True


class RenderCache:
    """Wraps MkDocs' `Page.render` for one build of one language."""

    def __init__(self, directory: Path, config_text: str, language: str):
        self.directory, self.config_text, self.language = directory, config_text, language
        self.stats = Stats()
        self._files_digest: tuple[int, str] | None = None

    def _digest(self, files) -> str:
        if self._files_digest is None or self._files_digest[0] != id(files):
            self._files_digest = (id(files), files_signature(files))
        return self._files_digest[1]

    def render(self, original, page, config, files) -> None:
        key = page_key(page.markdown, page.file, self._digest(files), self.config_text, self.language)
        entry = load(self.directory, key)
        if entry is not None and restore(page, entry, files):
            self.stats.reused += 1
            return
        collect = _Collect()
        loggers = [logging.getLogger(), logging.getLogger("mkdocs")]
        for logger in loggers:
            logger.addHandler(collect)
        try:
            original(page, config, files)
        finally:
            for logger in loggers:
                logger.removeHandler(collect)
        self.stats.converted += 1
        if collect.records:
            self.stats.not_stored += 1
            return
        store(self.directory, key, entry_of(page))


_ACTIVE: dict = {}


def install(cache: RenderCache | None) -> None:
    """Route `Page.render` through `cache` (None: MkDocs' own render). Installed once, switched per build."""
    from mkdocs.structure.pages import Page

    if "original" not in _ACTIVE:
        original = Page.render
        _ACTIVE["original"] = original

        @functools.wraps(original)
        def render(page, config, files):
            current = _ACTIVE.get("cache")
            if current is None:
                return original(page, config, files)
            return current.render(original, page, config, files)

        Page.render = render
    _ACTIVE["cache"] = cache
