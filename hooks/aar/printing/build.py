"""One language's printed copies, from the pages the build rendered: what hooks/print.py calls.

The steps: every controlled document becomes a sheet (sheets.py), every manual a list of sheets
(manuals.py); sheets are rendered through the cache (render.py); each document's PDF is copied under
pdf/documents/, each manual is assembled (assemble.py) with a cover and a table of contents whose page numbers
are counted on the assembled pages; the downloads page gets each manual's pages and size.
"""

from __future__ import annotations

import html as html_module
import os
import re
import shutil
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from ..cache import mark_used, write_whole
from ..contract import Catalogue, catalogue_for
from ..problems import Problem, raise_if_any
from ..project import DEFAULT_LANGUAGE
from ..templates import labels
from .address import PublicAddress, public_address
from .assemble import Piece, assemble
from .manuals import (LANGUAGE_NAMES, Item, Manual, chart_sources, check_manuals, manuals_from, plan,
                      read_manuals_file)
from .render import Rendered, Stats, cache_dir, cache_key, engine, prune, render_all, run_jobs
from .sheets import CapturedPage, Sheet, SheetContext, cached_sheet, environment, qr_data_uri, stylesheet

DOCUMENTS_DIR = "pdf/documents"
# Bump when the way manuals are assembled changes without their pieces changing.
ASSEMBLY_VERSION = "1"


# --------------------------------------------------------------------------------------------
# Before and during the HTML build
# --------------------------------------------------------------------------------------------

def _reader(docs_dir: Path):
    return lambda document: (docs_dir / document.language / document.relative).read_text(encoding="utf-8")


def uses_downloads(catalogue: Catalogue, docs_dir: Path) -> bool:
    read = _reader(docs_dir)
    return any("aar:downloads" in read(d) for d in catalogue.documents if d.language == DEFAULT_LANGUAGE)


def address_problems(config) -> list[Problem]:
    return public_address(config.extra)[1]


def manual_problems(catalogue: Catalogue, docs_dir: Path) -> list[Problem]:
    data, lines, problems = read_manuals_file()
    return problems or check_manuals(data, lines, catalogue, _reader(docs_dir))


def navigation_outline(nav) -> list[tuple[str, list[str]]]:
    """Top-level navigation entries as (title, page paths under the language folder)."""
    def pages(item) -> list[str]:
        if getattr(item, "is_page", False) and getattr(item, "file", None) is not None:
            return [item.file.src_uri.partition("/")[2]]
        found = []
        for child in getattr(item, "children", None) or []:
            found += pages(child)
        return found

    return [(str(item.title or ""), pages(item)) for item in nav.items if pages(item)]


def document_pdf_path(doc_id: str, page_url: str, language: str) -> str:
    """Site path of a document's PDF, in the same form as the page's URL (with or without `wo/`)."""
    prefix = f"{language}/" if page_url.startswith(f"{language}/") else ""
    return f"{prefix}{DOCUMENTS_DIR}/{doc_id.lower()}.pdf"


_CARD_END = re.compile(r'(<details class="aar-card"[\s\S]*?</details>)')
_H1_END = re.compile(r"(</h1>)")


def insert_print_link(html: str, link: str) -> str:
    """The link goes right under the document card (or the title when there is no card)."""
    for pattern in (_CARD_END, _H1_END):
        if pattern.search(html):
            return pattern.sub(lambda m: m.group(1) + "\n" + link, html, count=1)
    return link + "\n" + html


# --------------------------------------------------------------------------------------------
# After the HTML build
# --------------------------------------------------------------------------------------------

@dataclass
class ManualResult:
    manual: Manual
    path: Path
    pages: int
    size: int
    documents: list[str]       # outline titles, in order


@dataclass
class Summary:
    language: str
    documents: dict[str, Path] = field(default_factory=dict)
    manuals: dict[str, ManualResult] = field(default_factory=dict)
    stats: Stats = field(default_factory=Stats)
    seconds: float = 0.0
    reused: int = 0

    @property
    def warnings(self) -> list[str]:
        return self.stats.warnings

    @property
    def message(self) -> str:
        s = self.stats
        reused = f", {self.reused} reprises du français (pages non traduites)" if self.reused else ""
        return (f"PDF ({self.language}) : {len(self.documents)} documents et {len(self.manuals)} manuels en "
                f"{self.seconds:.1f} s ; pièces : {s.hits} reprises du cache, {s.rendered} rendues{reused} ; "
                f"manuels assemblés : {s.manuals_assembled} (cache : {cache_dir()}).")


def _build_info(config) -> dict:
    return config.extra.get("aar_build") or {"edition": str(config.extra.get("edition", "")), "date": "",
                                             "revision": ""}


def _piece_key(item: Item) -> tuple:
    return (item.kind, item.relative, item.sections, item.chart)


# The French build's pieces, reused by another language for the pages it shows in French (not yet translated):
# the same text needs no second rendering. static-i18n builds French first, in the same process.
_FRENCH: dict[tuple, tuple[Sheet, Rendered]] = {}


def build_pdfs(config, language: str, pages: dict[str, CapturedPage], navigation, site_dir: Path) -> Summary:
    start = time.monotonic()
    docs_dir = Path(config.docs_dir)
    catalogue = catalogue_for(docs_dir)
    address, problems = public_address(config.extra)
    data, lines, read_problems = read_manuals_file()
    problems += read_problems or check_manuals(data, lines, catalogue, _reader(docs_dir))
    raise_if_any(problems)
    t = labels(language)
    info = _build_info(config)
    context = SheetContext(language, t, address, catalogue, stylesheet(), info["edition"], config.site_name)
    summary = Summary(language)

    local: dict[tuple, Sheet] = {}                        # pieces of this language, to render
    reused: dict[tuple, tuple[Sheet, Rendered]] = {}      # French pieces shown as they are

    def piece(item: Item) -> tuple | None:
        key = _piece_key(item)
        if key in local or key in reused:
            return key
        page = pages.get(item.relative)
        if page is None:
            return None
        if language != DEFAULT_LANGUAGE and not page.translated and key in _FRENCH:
            reused[key] = _FRENCH[key]
        else:
            local[key] = cached_sheet(item, page, context, cache_dir())
        return key

    documents = {doc_id: piece(Item("page", source.relative, doc_id))
                 for doc_id, source in sorted(catalogue.french.items())}
    charts = chart_sources(catalogue, _reader(docs_dir))
    manuals = manuals_from(data)
    plans = {m.id: plan(m, language, catalogue, navigation, charts) for m in manuals}
    for parts in plans.values():
        for part in parts:
            for item in part.items:
                piece(item)

    # static-i18n keeps one site folder and puts `wo/` in the Wolof pages' paths: the PDFs follow the pages.
    if language != DEFAULT_LANGUAGE and any(page.url.startswith(f"{language}/") for page in pages.values()):
        site_dir = site_dir / language
    rendered = render_all({sheet.key: sheet.html for sheet in local.values()}, summary.stats)
    results = {key: (sheet, rendered[sheet.key]) for key, sheet in local.items()}
    results.update(reused)
    summary.reused = len(reused)
    if language == DEFAULT_LANGUAGE:
        _FRENCH.clear()
        _FRENCH.update(results)

    target = site_dir / DOCUMENTS_DIR
    target.mkdir(parents=True, exist_ok=True)
    for doc_id, key in documents.items():
        if key is not None:
            path = target / f"{doc_id.lower()}.pdf"
            shutil.copyfile(results[key][1].path, path)
            summary.documents[doc_id] = path

    contents = {manual.id: [(part.title, [(*results[_piece_key(i)], _piece_key(i) in reused)
                                          for i in part.items if _piece_key(i) in results])
                            for part in plans[manual.id]]
                for manual in manuals}
    summary.manuals = write_manuals(manuals, contents, context, info, site_dir, summary.stats, config)
    prune()
    summary.seconds = time.monotonic() - start
    return summary


def _epoch_date() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch else datetime.now(timezone.utc)
    return when.strftime("D:%Y%m%d%H%M%SZ")


def _front_html(manual: Manual, parts, context: SheetContext, info: dict, config, front_pages: int) -> str:
    """The cover and table of contents, the contents' page numbers counted from `front_pages`."""
    language, t = context.language, context.labels
    language_name = LANGUAGE_NAMES.get(language, language)
    prefix = "" if language == DEFAULT_LANGUAGE else f"{language}/"
    downloads = context.address.page(f"{prefix}a-propos/telechargements/#{manual.id}")
    page, toc, count = front_pages + 1, [], 0
    for part_title, entries in parts:
        rows = []
        for sheet, result, in_french in entries:
            label = f"{sheet.toc_label} ({t['print_in_french']})" if in_french else sheet.toc_label
            rows.append({"label": label, "page": page})
            page += result.pages
            count += 1
        toc.append({"title": part_title, "entries": rows})
    return environment().get_template("cover.html.j2").render(
        lang=language, t=t, css=context.css, site_name=context.site_name, manual_title=manual.text("title", language),
        subtitle=t["pdf_subtitle"], audience=manual.text("audience", language),
        language_line=t["manual_language"].format(language=language_name),
        edition=info["edition"], date=info["date"], revision=info["revision"],
        contents_line=t["manual_contents"].format(documents=count, pages=page - 1),
        qr=qr_data_uri(downloads), online=downloads, online_shown=PublicAddress.shown(downloads),
        placeholder=context.address.placeholder, author=t["pdf_author"], copyright=config.get("copyright") or "",
        parts=toc)


def _assemble_job(job: dict) -> tuple[str, bytes]:
    """In a worker process: one manual's PDF, cached under its key."""
    cached = job["cache"] / f"manual-{job['key']}.pdf"
    if cached.is_file():
        mark_used(cached)
        return job["id"], cached.read_bytes()
    pdf = assemble(job["front"], job["pieces"], job["stamps"], job["info"], job["language"], job["fonts"])
    write_whole(cached, pdf)
    return job["id"], pdf


def write_manuals(manuals: list[Manual], contents: dict, context: SheetContext, info: dict, site_dir: Path,
                  stats: Stats, config) -> dict[str, ManualResult]:
    language, t = context.language, context.labels
    # The contents' page numbers depend on how many pages the front matter takes: guess, render, correct.
    front_pages = {m.id: 1 + max(1, -(-sum(len(e) + 2 for _, e in contents[m.id]) // 42)) for m in manuals}
    fronts: dict[str, Rendered] = {}
    for _ in range(4):
        todo = [m for m in manuals if m.id not in fronts or fronts[m.id].pages != front_pages[m.id]]
        if not todo:
            break
        rendered = render_all({f"front-{language}-{m.id}": _front_html(m, contents[m.id], context, info, config,
                                                                        front_pages[m.id]) for m in todo}, stats)
        for m in todo:
            fronts[m.id] = rendered[f"front-{language}-{m.id}"]
            front_pages[m.id] = fronts[m.id].pages
    jobs = []
    for manual in manuals:
        title = manual.text("title", language)
        pieces = [Piece(result.path, result.pages, sheet.outline) for _, entries in contents[manual.id]
                  for sheet, result, _ in entries]
        total = fronts[manual.id].pages + sum(p.pages for p in pieces)
        stamps = {n - 1: t["manual_page"].format(manual=title, page=n, pages=total) for n in range(2, total + 1)}
        language_name = LANGUAGE_NAMES.get(language, language)
        metadata = {"/Title": f"{context.site_name} — {title} ({language_name})", "/Author": t["pdf_author"],
                    "/Subject": t["pdf_subtitle"],
                    "/Creator": f"{context.site_name} {t['edition']} {info['edition']}, {info['revision']}",
                    "/CreationDate": _epoch_date()}
        key = cache_key(repr((fronts[manual.id].path.name, [(p.path.name, p.outline) for p in pieces],
                              sorted(stamps.items()), sorted(metadata.items()), language, ASSEMBLY_VERSION)),
                        engine())
        jobs.append({"id": manual.id, "key": key, "cache": cache_dir(), "front": fronts[manual.id].path,
                     "pieces": pieces, "stamps": stamps, "info": metadata, "language": language,
                     "fonts": cache_dir() / "fonts", "total": total})
    cache_dir().mkdir(parents=True, exist_ok=True)
    missing = [job for job in jobs if not (job["cache"] / f"manual-{job['key']}.pdf").is_file()]
    stats.manuals_assembled += len(missing)
    outputs = dict(run_jobs(_assemble_job, missing)) if missing else {}
    results = {}
    for manual, job in zip(manuals, jobs):
        pdf = outputs.get(manual.id) or _assemble_job(job)[1]
        path = site_dir / "pdf" / manual.file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pdf)
        results[manual.id] = ManualResult(manual, path, job["total"], len(pdf), [p.outline for p in job["pieces"]])
    return results


# --------------------------------------------------------------------------------------------
# The downloads page
# --------------------------------------------------------------------------------------------

def human_size(size: int, language: str) -> str:
    value = size / 1024 / 1024
    text = f"{value:.1f}" if value >= 0.1 else f"{size / 1024:.0f}"
    unit = "Mo" if value >= 0.1 else "ko"
    return (text.replace(".", ",") if language == DEFAULT_LANGUAGE else text) + "\u202f" + unit


def fill_downloads(path: Path, summary: Summary | None, edition: str) -> None:
    """Put each manual's pages, size and the edition in the downloads page written by the build."""
    if not path.is_file():
        return
    text = path.read_text(encoding="utf-8")
    language = summary.language if summary else None

    def cell(kind: str):
        def replace(match: re.Match) -> str:
            manual_id = html_module.unescape(match.group(2))
            result = summary.manuals.get(manual_id) if summary else None
            if kind == "edition":
                value = edition
            elif result is None:
                return match.group(0)
            elif kind == "pages":
                value = str(result.pages)
            else:
                value = human_size(result.size, language)
            return f"{match.group(1)}{html_module.escape(value)}{match.group(3)}"
        return replace

    for kind in ("pages", "size", "edition"):
        text = re.sub(rf'(<td data-aar-pdf-{kind}="([^"]+)">)[^<]*(</td>)', cell(kind), text)
    path.write_text(text, encoding="utf-8")
