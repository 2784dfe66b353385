"""Search index of the built site, one per language, with Pagefind (plain functions).

Pagefind splits its index by the pages' `<html lang>` and in small chunks, so that a phone downloads
only the part of its own language that a query needs; it folds accents at indexing (`debarquement`
finds « débarquement », `jamm` finds « jàmm »). Letters that are not an accent on a base letter are
not folded: Wolof ŋ, French œ and æ. For those, `fold_map` lists the words of each language that hold
them, under their folded spelling, and assets/phone.js searches the real word when the reader types
`n`, `oe` or `ae` (`donn` finds « doŋŋ »).

French pages shown under /wo/ as a fallback are not indexed: the French index has them once, and
results stay in the reader's language.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import re
import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

# Where the index goes, relative to the site's root.
OUTPUT = "search"
# Parts of a page that are not its text: permalinks, the document card, banners, buttons. The
# card's reference (POS-01) is put in front of the title instead, so that results show it.
EXCLUDED = [".headerlink", ".aar-card", ".aar-banner", ".aar-fallback", ".aar-checklist-tools",
            ".md-content__button", ".md-source-file"]
# Letters that Pagefind does not fold, and what a reader types instead.
UNFOLDED = {"ŋ": "n", "œ": "oe", "æ": "ae"}
_WORD = re.compile(r"\w+")
_H1 = re.compile(r"<h1\b[^>]*>")
_CELL_END = re.compile(r"(</(?:th|td|caption|dt|dd|li)>)(?=<)")
# Elements whose text Pagefind does not index (drawings, form controls and their labels).
_NOT_TEXT = ["svg", "form", "label", "button", "select", "textarea", "script", "style", "noscript", "template"]


@dataclass(frozen=True, order=True)
class IndexedPage:
    """A built page: its address from the site's root (`wo/protocoles/pos-01/`), file, language, reference."""

    url: str
    path: Path
    language: str
    reference: str | None = None


def is_fallback(src_uri: str, language: str, default_language: str = "fr") -> bool:
    """True for a page of another language built from the default language's folder."""
    return language != default_language and src_uri.split("/", 1)[0] == default_language


def fold(word: str) -> str:
    """Lower case, without accents, with ŋ → n, œ → oe, æ → ae: what a reader may type."""
    word = word.lower()
    for letter, typed in UNFOLDED.items():
        word = word.replace(letter, typed)
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def indexed_html(html: str, language: str, reference: str | None) -> str:
    """What Pagefind reads of a page: its <article> only, its reference (POS-01) in front of its title.

    Cut with string search rather than an HTML parser: a hundred pages parse in seconds, not a minute.
    """
    start, end = html.find("<article"), html.rfind("</article>")
    article = html[start:end + len("</article>")] if start >= 0 and end > start else html
    # Pagefind joins the text of table cells written without a space between them (generated tables).
    article = _CELL_END.sub(r"\1 ", article)
    if reference:
        title = _H1.search(article)
        if title:
            article = article[:title.end()] + f"{reference} — " + article[title.end():]
    return f'<!doctype html><html lang="{language}"><head><meta charset="utf-8"></head><body>{article}</body></html>'


def page_text(html: str) -> str:
    """The words the index must hold for a page: its article without the excluded parts, drawings and
    form controls (the tests search for words taken from it)."""
    start, end = html.find("<article"), html.rfind("</article>")
    if start >= 0 and end > start:
        html = html[start:end + len("</article>")]
    document = BeautifulSoup(html, "html.parser")
    article = document.find("article") or document
    for selector in EXCLUDED + _NOT_TEXT:
        for element in article.select(selector):
            element.decompose()
    return article.get_text(" ")


def fold_map(texts: list[str]) -> dict[str, list[str]]:
    """Folded spelling → the words of these texts that hold an unfolded letter, sorted."""
    spellings: dict[str, set[str]] = {}
    for text in texts:
        for word in _WORD.findall(unicodedata.normalize("NFC", text).lower()):
            if any(letter in word for letter in UNFOLDED):
                spellings.setdefault(fold(word), set()).add(word)
    return {key: sorted(words) for key, words in sorted(spellings.items())}


def indexed_texts(folder: Path, language: str) -> list[str]:
    """The text Pagefind indexed for each page of a language, from its result fragments."""
    texts = []
    for fragment in sorted((folder / "fragment").glob(f"{language}_*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        record = json.loads(data[data.index(b"{"):])
        texts.append(record["meta"].get("title", "") + " " + record["content"])
    return texts


async def _write_index(site_dir: Path, pages: list[IndexedPage]) -> None:
    from pagefind.index import PagefindIndex

    config = {"root_selector": "article", "exclude_selectors": EXCLUDED,
              "output_path": str(site_dir / OUTPUT), "keep_index_url": False}
    async with PagefindIndex(config=config) as index:
        for page in pages:
            html = indexed_html(page.path.read_text(encoding="utf-8"), page.language, page.reference)
            await index.add_html_file(content=html, url="/" + page.url)


def _sort_entry(path: Path) -> None:
    """Pagefind lists the languages of its entry file in a random order: sorted, the same commit gives the
    same file (and the same offline build id)."""
    entry = json.loads(path.read_text(encoding="utf-8"))
    entry["languages"] = dict(sorted(entry.get("languages", {}).items()))
    path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def write_search(site_dir: Path, pages: list[IndexedPage]) -> dict[str, int]:
    """Write Pagefind's bundle and the fold maps into `site_dir/search/`; pages per language."""
    pages = sorted(pages)
    shutil.rmtree(site_dir / OUTPUT, ignore_errors=True)
    asyncio.run(_write_index(site_dir, pages))
    counts: dict[str, int] = {}
    for language in sorted({page.language for page in pages}):
        texts = indexed_texts(site_dir / OUTPUT, language)
        counts[language] = len(texts)
        target = site_dir / OUTPUT / f"fold-{language}.json"
        target.write_text(json.dumps(fold_map(texts), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    _sort_entry(site_dir / OUTPUT / "pagefind-entry.json")
    for unused in ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
                   "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
                   "pagefind-worker.js"):
        (site_dir / OUTPUT / unused).unlink(missing_ok=True)
    return counts
