"""Search index of the built site, one per language, with Pagefind (plain functions).

Pagefind splits its index by the pages' `<html lang>` and in small chunks, so that a phone downloads
only the part of its own language that a query needs; it folds accents at indexing (`debarquement`
finds « débarquement », `jamm` finds « jàmm »). Letters that are not an accent on a base letter are
not folded: Wolof ŋ, French œ and æ. For those, `fold_map` lists the words of each language that hold
them, under their folded spelling, and assets/phone.js searches the real word when the reader types
`n`, `oe` or `ae` (`donn` finds « doŋŋ »).

French pages shown under /wo/ as a fallback are not indexed: the French index has them once, and
results stay in the reader's language.

A long page is indexed as several records, each a run of its sections (cut at its `h2` and `h3` headings
with an id): a result then downloads the text of those sections only, not the whole page (POS-01 whole is
46 KB, a record about 4 KB), and opens the page at that place. A section's record is the file
`_section_<anchor>.html` of its page's folder; assets/phone.js turns that address back into `page/#anchor`.
"""

from __future__ import annotations

import gzip
import html as html_module
import json
import re
import shutil
import subprocess
import sys
import tempfile
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
_H1_ELEMENT = re.compile(r"<h1\b.*?</h1>", re.S)
_TAG = re.compile(r"<[^>]+>")
_SECTION = re.compile(r'<h[23]\b[^>]*\bid="([^"]+)"')
SECTION_FILE = "_section_{anchor}.html"
# Pagefind's search engine file per language: its own stemmer for French, the language-neutral one for
# any other. assets/phone.js starts downloading it the moment the reader opens the search, alongside
# pagefind.js, instead of one round trip later; `check_engines` stops the build if Pagefind disagrees.
STEMMED = {"fr"}


def engine_file(language: str) -> str:
    return f"wasm.{language if language in STEMMED else 'unknown'}.pagefind"


def used_engine(index: dict) -> str:
    """The engine file an index of pagefind-entry.json names (no stemmer: "unknown")."""
    return f"wasm.{index.get('wasm') or 'unknown'}.pagefind"


# Characters of HTML in a record, at most (unless one section alone is longer): about 4 KB downloaded.
RECORD_SIZE = 24_000
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


def section_records(html: str, language: str, reference: str | None) -> list[tuple[str | None, str]]:
    """(anchor, HTML) of each record of a page: the page's start (anchor None), then runs of its `h2` and `h3`
    sections (anchor of the first), each titled with its page's title (and reference) so that results name
    the page. Cut with string search, as `indexed_html`."""
    document = indexed_html(html, language, reference)
    start = document.find("<article")
    start = document.find(">", start) + 1 if start >= 0 else document.find("<body>") + len("<body>")
    end = document.rfind("</article>")
    end = end if end > start else document.rfind("</body>")
    before, article, after = document[:start], document[start:end], document[end:]
    heading = _H1_ELEMENT.search(article)
    title = html_module.unescape(_TAG.sub("", heading.group(0))).replace("¶", "").strip() if heading else ""
    # A section's record carries its page's title as metadata, not as text: the title's words would
    # otherwise be indexed once per section, and the index a query downloads would grow with them.
    section_start = before[:-1] + f' data-pagefind-meta="title:{html_module.escape(title)}">'
    cuts = list(_SECTION.finditer(article))
    bounds = [0] + [cut.start() for cut in cuts] + [len(article)]
    anchors = [None] + [cut.group(1) for cut in cuts]
    # Consecutive sections share a record up to RECORD_SIZE: a short page stays one record, a long one
    # becomes a few, and the offline copy does not download hundreds of tiny files.
    groups: list[tuple[str | None, str]] = []
    for anchor, begin, stop in zip(anchors, bounds, bounds[1:]):
        part = article[begin:stop]
        if groups and len(groups[-1][1]) + len(part) <= RECORD_SIZE:
            groups[-1] = (groups[-1][0], groups[-1][1] + part)
        else:
            groups.append((anchor, part))
    return [(anchor, (before if anchor is None else section_start) + part + after) for anchor, part in groups]


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


def write_records(folder: Path, pages: list[IndexedPage]) -> None:
    """Write every record of these pages as a file under `folder`, at its page's address."""
    for page in pages:
        target = folder / page.url
        target.mkdir(parents=True, exist_ok=True)
        for anchor, html in section_records(page.path.read_text(encoding="utf-8"), page.language, page.reference):
            name = "index.html" if anchor is None else SECTION_FILE.format(anchor=anchor)
            (target / name).write_text(html, encoding="utf-8")


def _write_index(site_dir: Path, records: Path) -> None:
    """Pagefind's command line on the folder of records: one run, its messages kept apart from its results
    (its Python service mixes the binary's messages into the replies it decodes)."""
    command = [sys.executable, "-m", "pagefind", "--site", str(records), "--output-path", str(site_dir / OUTPUT),
               "--root-selector", "article", "--silent"]
    for selector in EXCLUDED:
        command += ["--exclude-selectors", selector]
    result = subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if result.returncode != 0:
        raise RuntimeError(f"pagefind a échoué (code {result.returncode}) : {(result.stderr or result.stdout)[-2000:]}")


def _sort_entry(path: Path) -> dict:
    """Pagefind lists the languages of its entry file in a random order: sorted, the same commit gives the
    same file (and the same offline build id)."""
    entry = json.loads(path.read_text(encoding="utf-8"))
    entry["languages"] = dict(sorted(entry.get("languages", {}).items()))
    path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return entry


def check_engines(entry: dict) -> None:
    """The engine file each language's index uses must be the one the pages preload (`engine_file`)."""
    for language, index in entry.get("languages", {}).items():
        used = used_engine(index)
        if used != engine_file(language):
            raise RuntimeError(f"l'index « {language} » utilise {used}, mais les pages préchargent "
                               f"{engine_file(language)} : mettre à jour STEMMED dans hooks/aar/search.py")


def write_search(site_dir: Path, pages: list[IndexedPage]) -> dict[str, int]:
    """Write Pagefind's bundle and the fold maps into `site_dir/search/`; indexed pages per language."""
    pages = sorted(pages)
    shutil.rmtree(site_dir / OUTPUT, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="aar-search-") as records:
        write_records(Path(records), pages)
        _write_index(site_dir, Path(records))
    counts: dict[str, int] = {}
    for language in sorted({page.language for page in pages}):
        counts[language] = sum(1 for page in pages if page.language == language)
        texts = indexed_texts(site_dir / OUTPUT, language)
        target = site_dir / OUTPUT / f"fold-{language}.json"
        target.write_text(json.dumps(fold_map(texts), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    check_engines(_sort_entry(site_dir / OUTPUT / "pagefind-entry.json"))
    for unused in ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
                   "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
                   "pagefind-worker.js"):
        (site_dir / OUTPUT / unused).unlink(missing_ok=True)
    return counts
