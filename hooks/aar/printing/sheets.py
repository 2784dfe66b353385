"""The print HTML of one printed piece: a controlled document, a page, an extract or a decision chart.

A loose printed page must say what it belongs to: each piece is a standalone HTML document whose page
furniture (pdf/document.html.j2, pdf/styles.scss) carries the document's id, title, version and status at the
top and "page X / Y" of that document at the bottom, and whose first page carries a QR code to its online page.
Everything the PDF needs is inside the HTML (styles, QR code as SVG), so the HTML alone is the cache key.
Links between pages become public addresses: a printed document has no other page to jump to.
"""

from __future__ import annotations

import functools
import hashlib
import json
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import segno
from bs4 import BeautifulSoup

from ..cache import mark_used, write_whole
from ..contract import Catalogue, Document
from ..project import DEFAULT_LANGUAGE, ROOT
from .address import PublicAddress
from .manuals import Item

PDF_DIR = ROOT / "pdf"
# Removed from printed copies: permalinks, screen-only buttons, scripts, the calculator's inputs, the phone's
# checklist tools.
SCREEN_ONLY_CLASSES = ("headerlink", "md-content__button", "aar-print-link", "aar-calculator__output",
                       "aar-checklist-tools")


@dataclass
class CapturedPage:
    """A page of the site as the build rendered it (content HTML, after every content hook)."""

    relative: str        # path under the language folder: listes/lc-02.md
    url: str             # site path of the page: listes/lc-02/ or wo/listes/lc-02/
    title: str
    html: str
    translated: bool = True   # False for a page of another language shown as a fallback (French text)


@dataclass
class Sheet:
    """A piece ready to render: its print HTML, and what the manual's table of contents says about it."""

    key: str             # unique within a language: lc-02, extract-pos-06, chart-urgence-medicale, page-…
    html: str
    toc_label: str       # e.g. "LC-02 — Au point de débarquement"
    doc_id: str | None
    outline: str = ""    # bookmark title in a manual
    sections: tuple[str, ...] = field(default_factory=tuple)


def css_string(value: str) -> str:
    """A CSS string literal (page furniture is set with `content: "…"`)."""
    text = " ".join(str(value).split())
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(PDF_DIR)),
        autoescape=jinja2.select_autoescape(["html", "html.j2"], default_for_string=True, default=True),
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
    )
    env.filters["css_string"] = css_string
    return env


def stylesheet() -> str:
    """pdf/styles.scss compiled (libsass, the compiler with-pdf used for the same file)."""
    import sass

    css = sass.compile(filename=str(PDF_DIR / "styles.scss"), output_style="compact")
    return re.sub(r'^@charset "[^"]*";\s*', "", css)


def qr_data_uri(address: str) -> str:
    """A QR code (SVG, vector, so it stays sharp at any print size) for an address."""
    return segno.make(address, error="m", micro=False).svg_data_uri(scale=4, border=4, dark="#000")


# --------------------------------------------------------------------------------------------
# Content
# --------------------------------------------------------------------------------------------

def _soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def clean(soup: BeautifulSoup) -> None:
    for element in soup.find_all(class_=list(SCREEN_ONLY_CLASSES)):
        element.decompose()
    for element in soup.find_all("script"):
        element.decompose()
    for calculator in soup.find_all(class_="aar-calculator"):
        for field_ in calculator.find_all("input"):
            (field_.find_parent("p") or field_).decompose()


def select_sections(soup: BeautifulSoup, anchors: tuple[str, ...]) -> None:
    """Keep what comes before the first H2 (title, card, banners), then only the listed sections."""
    keep, level = False, None
    started = False
    for element in list(soup.contents):
        name = getattr(element, "name", None)
        heading = int(name[1]) if name and re.fullmatch(r"h[2-6]", name) else None
        if heading:
            started = True
            if keep and heading <= level:
                keep = False
            if not keep and element.get("id") in anchors:
                keep, level = True, heading
        if started and not keep:
            element.extract()


def relink(soup: BeautifulSoup, page_url: str, address: PublicAddress, prefix: str) -> None:
    """Links to other pages, and to parts of this page left out of the print, become public addresses.

    Anchors get the piece's prefix: a manual holds many pieces, and each of them has a step 1.
    """
    ids = set()
    for element in soup.find_all(id=True):
        ids.add(element["id"])
        element["id"] = prefix + element["id"]
    here = "/" + page_url.lstrip("/")
    for link in soup.find_all("a", href=True):
        href = link["href"]
        if re.match(r"^[a-z][a-z0-9+.-]*:", href):
            continue
        path, _, fragment = href.partition("#")
        target = here
        if path:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(here), path))
            if path.endswith("/") and not target.endswith("/"):
                target += "/"
        if target == here and fragment in ids:
            link["href"] = f"#{prefix}{fragment}"
        else:
            link["href"] = address.page(target.lstrip("/")) + (f"#{fragment}" if fragment else "")


def chart_content(soup: BeautifulSoup, chart: str) -> BeautifulSoup:
    figure = soup.find("figure", id=chart)
    fresh = _soup("")
    if figure is not None:
        fresh.append(figure.extract())
    return fresh


def split_head(soup: BeautifulSoup) -> tuple[str, str]:
    """The title, card and banners (everything before the first H2), and the rest."""
    head, body, in_body = [], [], False
    for element in soup.contents:
        if getattr(element, "name", None) == "h2":
            in_body = True
        (body if in_body else head).append(str(element))
    return "".join(head), "".join(body)


# --------------------------------------------------------------------------------------------
# Sheets
# --------------------------------------------------------------------------------------------

@dataclass
class SheetContext:
    """What every sheet of a language needs."""

    language: str
    labels: dict
    address: PublicAddress
    catalogue: Catalogue
    css: str
    edition: str
    site_name: str

    @functools.cached_property
    def fingerprint(self) -> str:
        """Everything but the page that a sheet's HTML depends on, this code and its template included."""
        code = (Path(__file__).read_text(encoding="utf-8") + (PDF_DIR / "document.html.j2").read_text(encoding="utf-8"))
        return hashlib.sha256(json.dumps([self.language, self.labels, self.address.base, self.address.placeholder,
                                          self.css, self.edition, self.site_name, code],
                                         sort_keys=True).encode()).hexdigest()


def _title(context: SheetContext, source: Document | None, page: CapturedPage) -> str:
    if source is None:
        return page.title
    if context.language != DEFAULT_LANGUAGE:
        translation = context.catalogue.by_path.get((context.language, source.relative))
        if translation is not None and translation.title:
            return translation.title
    return source.title or page.title


def _meta(document: Document | None) -> list:
    if document is None:
        return []
    return [document.id, document.title, {k: str(v) for k, v in document.meta.items() if k != "history"}]


def cached_sheet(item: Item, page: CapturedPage, context: SheetContext, directory: Path) -> Sheet:
    """`build_sheet`, through a cache keyed on everything the sheet depends on (the page's HTML first)."""
    source = context.catalogue.french.get(item.doc_id) if item.doc_id else None
    translation = (context.catalogue.by_path.get((context.language, source.relative))
                   if source is not None and context.language != DEFAULT_LANGUAGE else None)
    key = hashlib.sha256(json.dumps([context.fingerprint, page.html, page.url, page.title, list(item.__dict__.values()),
                                     _meta(source), _meta(translation)], sort_keys=True, default=str)
                         .encode()).hexdigest()
    path = directory / f"sheet-{key}.json"
    try:
        sheet = Sheet(**json.loads(path.read_text(encoding="utf-8")))
        mark_used(path)
        return sheet
    except (OSError, ValueError, TypeError):
        pass
    sheet = build_sheet(item, page, context)
    write_whole(path, json.dumps(sheet.__dict__, default=list))
    return sheet


def build_sheet(item: Item, page: CapturedPage, context: SheetContext) -> Sheet:
    t = context.labels
    source = context.catalogue.french.get(item.doc_id) if item.doc_id else None
    translation = (context.catalogue.by_path.get((context.language, source.relative))
                   if source is not None and context.language != DEFAULT_LANGUAGE else None)
    title = _title(context, source, page)
    online = context.address.page(page.url)
    soup = _soup(page.html)
    clean(soup)
    note = ""
    chart_title = ""
    if item.kind == "extract":
        select_sections(soup, item.sections)
        headings = [soup.find(id=anchor) for anchor in item.sections]
        names = [" ".join(h.get_text(" ", strip=True).split()) for h in headings if h is not None]
        note = t["print_extract_note"].format(sections=" ; ".join(names))
    elif item.kind == "chart":
        soup = chart_content(soup, item.chart)
        caption = soup.find("figcaption")
        chart_title = caption.get_text(" ", strip=True) if caption else item.chart
        note = t["print_chart_note"].format(document=item.doc_id or "")
    key = {"page": (source.id.lower() if source is not None else "page-" + item.relative[:-3].replace("/", "-")),
           "extract": f"extract-{(item.doc_id or '').lower()}",
           "chart": f"chart-{item.chart}"}[item.kind]
    relink(soup, page.url, context.address, prefix=f"{key}--")
    head, body = ("", str(soup)) if item.kind == "chart" else split_head(soup)

    if source is not None:
        label = f"{source.id} — {title}"
        if item.kind == "extract":
            label += f" ({t['print_extract']})"
        elif item.kind == "chart":
            label = f"{source.id} — {t['print_chart']} : {chart_title}"
        status = t[f"status_{source.meta['status']}"]
        right = t["print_version"].format(version=source.meta["version"], status=status)
        if translation is not None and translation.meta.get("source_version") != source.meta["version"]:
            right += " · " + t["print_translation_of"].format(source=translation.meta.get("source_version"))
        doc_type = source.meta.get("type", "")
    else:
        label = title
        right = f"{context.site_name} · {t['edition']} {context.edition}"
        doc_type = "page"

    html = environment().get_template("document.html.j2").render(
        lang=context.language, t=t, css=context.css, header_left=label, header_right=right,
        footer_left=f"{t['print_check']} {PublicAddress.shown(online)}", page_word=t["print_page"],
        title=label, doc_type=doc_type, kind=item.kind, note=note, online=online,
        online_shown=PublicAddress.shown(online), qr=qr_data_uri(online), placeholder=context.address.placeholder,
        head=head, body=body, author=t["pdf_author"], chart_title=chart_title,
    )
    toc = label if source is not None else title
    return Sheet(key, html, toc, source.id if source is not None else None, outline=toc, sections=item.sections)
