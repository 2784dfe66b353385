"""Printed copies: per-document PDFs, manuals per language, their page furniture, QR codes, fonts and cache.

The manuals' expected contents are worked out here from data/manuals.yml, the documents' front matter and the
navigation of mkdocs.yml, then compared with the text that pdftotext extracts from the real built PDFs.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from conftest import ROOT, Project, pdf_pages

pytestmark = pytest.mark.pdf

MANUALS = yaml.safe_load((ROOT / "data" / "manuals.yml").read_text(encoding="utf-8"))["manuals"]
ID = re.compile(r"^(POS|LC|FIC|FORM|DIR|FOR|MOD)-\d{2,3}$")
A4 = (595.28, 841.89)


# --- what the data says ------------------------------------------------------------------------

def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return {}
    return yaml.safe_load(text.split("---\n", 2)[1]) or {}


def heading(path: Path) -> str:
    match = re.search(r"^# (.+?)\s*$", path.read_text(encoding="utf-8"), re.M)
    return match.group(1) if match else ""


def documents_by_id() -> dict[str, Path]:
    found = {}
    for path in (ROOT / "docs" / "fr").rglob("*.md"):
        meta = front_matter(path)
        if isinstance(meta.get("id"), str) and ID.match(meta["id"]):
            found[meta["id"]] = path.relative_to(ROOT / "docs" / "fr")
    return found


DOCUMENTS = documents_by_id()


def public_url() -> str:
    import os

    configured = re.search(r"^\s+public_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    return os.environ.get("AAR_PUBLIC_URL") or configured.group(1)


def title_in(relative: Path, language: str) -> str:
    """A document's title in a language: its translation's when the page is translated."""
    wolof = ROOT / "docs" / language / relative
    if language != "fr" and wolof.is_file():
        return front_matter(wolof).get("title") or heading(wolof)
    path = ROOT / "docs" / "fr" / relative
    return front_matter(path).get("title") or heading(path)


def navigation_pages() -> list[tuple[str | None, str]]:
    """(navigation title, page path) of every page of mkdocs.yml's navigation, in order."""
    nav = yaml.safe_load("nav:\n" + (ROOT / "mkdocs.yml").read_text(encoding="utf-8").partition("\nnav:\n")[2])
    pages = []

    def walk(items):
        for item in items:
            if isinstance(item, str):
                pages.append((None, item))
            elif isinstance(item, dict):
                for title, value in item.items():
                    if isinstance(value, str):
                        pages.append((title, value))
                    else:
                        walk(value)
    walk(nav["nav"])
    return pages


def chart_label(name: str) -> tuple[str, str]:
    """The id of the document that shows a chart, and the chart's French title."""
    for doc_id, relative in DOCUMENTS.items():
        if f"aar:flowchart id={name} " in (ROOT / "docs" / "fr" / relative).read_text(encoding="utf-8") + " ":
            chart = yaml.safe_load((ROOT / "data" / "flowcharts" / f"{name}.yml").read_text(encoding="utf-8"))
            return doc_id, chart["title"]["fr"]
    raise AssertionError(f"no page shows the chart {name}")


def expected_pieces(manual: dict, language: str) -> list[str]:
    """What the header of each piece of a manual says, in order (the id, or the page's title)."""
    pieces = []
    if manual.get("navigation"):
        exclude = manual.get("exclude", [])
        for nav_title, path in navigation_pages():
            if any(path == e or (e.endswith("/") and path.startswith(e)) for e in exclude):
                continue
            meta = front_matter(ROOT / "docs" / "fr" / path)
            pieces.append(meta["id"] if meta.get("id") else None)
        return pieces
    for part in manual["parts"]:
        for entry in part["documents"]:
            if isinstance(entry, str):
                pieces.append(entry if ID.match(entry) else None)
            elif "extract" in entry:
                pieces.append(entry["extract"])
            else:
                pieces.append(chart_label(entry["chart"])[0])
    return pieces


# --- what the PDFs say -------------------------------------------------------------------------

def pdf_path(site, manual: dict, language: str) -> Path:
    return site.site / ("" if language == "fr" else f"{language}/") / "pdf" / manual["file"]


def page_texts(path: Path) -> list[str]:
    return list(pdf_pages(path))


LABELS = yaml.safe_load((ROOT / "data" / "labels.yml").read_text(encoding="utf-8"))
PAGE_WORDS = sorted({LABELS["print_page"]["fr"], LABELS["print_page"].get("wo", LABELS["print_page"]["fr"])})
FOOTER = re.compile(rf"^(?:{'|'.join(PAGE_WORDS)}) (\d+) / (\d+)$")
HEADER = re.compile(r"((?:POS|LC|FIC|FORM|DIR|FOR|MOD)-\d{2,3}) — ")


def furniture(text: str) -> tuple[str, int, int] | None:
    """A page's header and its "page X / Y" of the document.

    pdftotext reads the header first: "POS-01 — Title" (a long title wraps) then "Version 0.2 · projet"; a page
    without id has its title and "Aar Bakkan · Édition …". The footer line is "Page X / Y".
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    footer = next((m for m in (FOOTER.search(line) for line in reversed(lines)) if m), None)
    if footer is None:
        return None
    header = lines[0]
    if HEADER.match(header):
        for line in lines[1:4]:
            if " · " not in header:
                header += " " + line
    return header, int(footer.group(1)), int(footer.group(2))


def piece_headers(texts: list[str]) -> list[tuple[str | None, int, int]]:
    """For each page after the front matter: the id in its header (None for a page without id) and its
    "page X / Y" of the document."""
    found = []
    for text in texts:
        page = furniture(text)
        if page is None:
            continue       # cover and table of contents
        header, number, total = page
        match = HEADER.match(header)
        found.append((match.group(1) if match else None, number, total))
    return found


def pieces_in(texts: list[str]) -> list[str | None]:
    """The sequence of pieces, cut where a page says "page 1 / Y"."""
    return [doc_id for doc_id, number, _ in piece_headers(texts) if number == 1]


# --- tests -------------------------------------------------------------------------------------

@pytest.mark.parametrize("language", ["fr", "wo"])
@pytest.mark.parametrize("manual", MANUALS, ids=[m["id"] for m in MANUALS])
def test_manual_holds_its_declared_documents_in_order_and_no_others(site, manual, language):
    path = pdf_path(site, manual, language)
    assert path.is_file(), path
    texts = page_texts(path)
    assert pieces_in(texts) == expected_pieces(manual, language)
    # Each piece's pages run 1..Y without a gap, and the table of contents cites the manual's own numbers.
    headers = piece_headers(texts)
    for (doc, number, total), (next_doc, next_number, _) in zip(headers, headers[1:]):
        if next_number != 1:
            assert (next_doc, next_number) == (doc, number + 1)
        else:
            assert number == total
    contents = "\n".join(texts[:4])
    assert "Table des matières" in contents or "Li ci biir" in contents


@pytest.mark.parametrize("language", ["fr", "wo"])
def test_each_manual_is_titled_in_its_language_on_its_cover_contents_and_page_stamps(site, language):
    def unbroken(text: str) -> str:
        """pdftotext joins a word hyphenated at a line's end ("takk-" / "der" gives "takkder")."""
        return " ".join(text.split()).replace("-", "")

    for manual in MANUALS:
        title = manual["title"][language]
        texts = page_texts(pdf_path(site, manual, language))
        flat = [" ".join(text.split()) for text in texts]
        assert unbroken(title) in unbroken(flat[0]), (manual["id"], flat[0][:300])
        assert unbroken(manual["audience"][language]) in unbroken(flat[0])
        contents = unbroken(" ".join(flat[:4]))
        for part in manual.get("parts", []):
            assert unbroken(part["title"][language]) in contents, (manual["id"], part["title"])
        for number in (2, len(texts) // 2, len(texts)):
            stamp = LABELS["manual_page"][language].format(manual=title, page=number, pages=len(texts))
            assert stamp in flat[number - 1], (manual["id"], number)


def test_table_of_contents_page_numbers_match_the_assembled_pages(site):
    manual = next(m for m in MANUALS if m["id"] == "guide-terrain")
    texts = page_texts(pdf_path(site, manual, "fr"))
    toc = "\n".join(t.strip() for t in pdf_pages(pdf_path(site, manual, "fr"), layout=True)[:4]
                    if "Table des matières" in t)
    for doc_id in ("FIC-01", "LC-02", "POS-01"):
        label = f"{doc_id} — {title_in(DOCUMENTS[doc_id], 'fr')}"
        line = next(line.strip() for line in toc.splitlines() if line.strip().startswith(label[:40]))
        page = int(re.search(r"(\d+)\s*$", line).group(1))
        header, number, _ = furniture(texts[page - 1])
        assert HEADER.match(header).group(1) == doc_id and number == 1
        assert f"page {page} / {len(texts)}" in texts[page - 1]


def test_a_page_from_the_middle_of_a_manual_names_its_document_and_version(site):
    manual = next(m for m in MANUALS if m.get("navigation"))
    texts = page_texts(pdf_path(site, manual, "fr"))
    middle = len(texts) // 2
    for index in range(middle, middle + 10):
        header, number, total = furniture(texts[index])
        match = HEADER.match(header)
        if match and number > 1:
            break
    doc_id = match.group(1)
    meta = front_matter(ROOT / "docs" / "fr" / DOCUMENTS[doc_id])
    assert header.startswith(f"{doc_id} — {meta['title']}")
    assert f"Version {meta['version']}" in header
    assert 1 < number <= total
    assert f"{public_url().split('://')[1]}{DOCUMENTS[doc_id].with_suffix('')}/" in texts[index]


def test_every_controlled_document_has_its_own_pdf_per_language_linked_from_its_page(site):
    for language in ("fr", "wo"):
        prefix = "" if language == "fr" else f"{language}/"
        for doc_id, relative in DOCUMENTS.items():
            pdf = site.site / prefix / "pdf" / "documents" / f"{doc_id.lower()}.pdf"
            assert pdf.is_file(), pdf
        page = site.html(f"{prefix}listes/lc-02/index.html")
        link = re.search(r'<p class="aar-print-link"><a href="([^"]+)"', page)
        assert link and LABELS["print_link"].get(language, LABELS["print_link"]["fr"]) in page
        assert (site.site / prefix / "listes" / "lc-02" / link.group(1)).resolve() == \
            (site.site / prefix / "pdf" / "documents" / "lc-02.pdf").resolve()


def test_landing_checklists_and_a_card_fit_one_a4_page(site):
    for language in ("fr", "wo"):
        prefix = "" if language == "fr" else f"{language}/"
        for doc_id in ("LC-01", "LC-02", "LC-03", "FIC-01"):
            pages = pdf_pages(site.site / prefix / "pdf" / "documents" / f"{doc_id.lower()}.pdf")
            assert len(pages) == 1, (language, doc_id)
            header, number, total = furniture(pages[0])
            assert header.startswith(f"{doc_id} — {title_in(DOCUMENTS[doc_id], language)}")
            assert (number, total) == (1, 1)


def test_wolof_text_with_eng_survives_extraction_and_every_glyph_is_embedded(site):
    wolof = "\n".join(page_texts(site.site / "wo" / "pdf" / "aar-bakkan.pdf"))
    assert re.search(r"\w*ŋ\w*", wolof)
    for letter in ("ŋ", "ë", "ñ", "ó", "à"):
        assert letter in wolof, letter
    french = "\n".join(page_texts(site.site / "pdf" / "aar-bakkan.pdf"))
    sources = "".join(path.read_text(encoding="utf-8") for path in (ROOT / "docs" / "fr").rglob("*.md"))
    for glyph in ("é", "à", "«", "»", "’"):
        if glyph in sources:
            assert glyph in french, repr(glyph)
    # pdftotext writes U+202F as a space: pypdf reads the narrow no-break spaces of one document.
    first_page = PdfReader(site.site / "pdf" / "documents" / "pos-01.pdf").pages[0].extract_text()
    assert "\u202f" in first_page
    for pdf in [site.site / "pdf" / "aar-bakkan.pdf", site.site / "wo" / "pdf" / "aar-bakkan.pdf",
                site.site / "wo" / "pdf" / "documents" / "lc-02.pdf"]:
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        rows = [line.split() for line in fonts.splitlines()[2:] if line.strip()]
        assert rows, pdf
        assert all("DejaVu" in row[0] for row in rows), fonts
        # Columns: name, type…, encoding, emb, sub, uni, object, id: "emb" is the fourth from the end.
        assert all(row[-5] == "yes" for row in rows), fonts


def test_every_page_is_a4_and_every_pdf_under_5_mb(site):
    for pdf in sorted(site.site.rglob("*.pdf")):
        assert pdf.stat().st_size <= 5 * 1024 * 1024, pdf
    for manual in MANUALS:
        for language in ("fr", "wo"):
            for page in PdfReader(pdf_path(site, manual, language)).pages:
                box = page.mediabox
                assert abs(float(box.width) - A4[0]) < 1 and abs(float(box.height) - A4[1]) < 1


def qr_code(pdf: Path, page: int, tmp_path: Path) -> str:
    image = tmp_path / f"{pdf.stem}-{page}"
    subprocess.run(["pdftoppm", "-r", "150", "-f", str(page), "-l", str(page), "-png", "-singlefile", str(pdf),
                    str(image)], check=True)
    result = subprocess.run(["zbarimg", "--quiet", "--raw", f"{image}.png"], capture_output=True, text=True)
    return result.stdout.strip()


def test_qr_codes_on_a_cover_and_a_document_lead_to_their_online_pages(site, tmp_path):
    base = public_url()
    guide = next(m for m in MANUALS if m["id"] == "guide-terrain")
    assert qr_code(pdf_path(site, guide, "wo"), 1, tmp_path) == f"{base}wo/a-propos/telechargements/#guide-terrain"
    assert qr_code(site.site / "pdf" / "documents" / "lc-02.pdf", 1, tmp_path) == f"{base}listes/lc-02/"
    if ".example/" in base:
        text = pdf_pages(site.site / "pdf" / "documents" / "lc-02.pdf")[0]
        assert "Adresse provisoire" in text


def test_downloads_page_lists_every_manual_with_its_pages_size_and_edition(site):
    from bs4 import BeautifulSoup

    edition = re.search(r'^\s+edition:\s*"([^"]+)"', (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    for language in ("fr", "wo"):
        prefix = "" if language == "fr" else f"{language}/"
        page = BeautifulSoup(site.html(f"{prefix}a-propos/telechargements/index.html"), "html.parser")
        rows = page.select("table.aar-downloads tbody tr")
        assert [row["id"] for row in rows] == [m["id"] for m in MANUALS]
        for row, manual in zip(rows, MANUALS):
            pdf = pdf_path(site, manual, language)
            cells = [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
            assert cells[1] == str(len(PdfReader(pdf).pages))
            megabytes = float(re.match(r"([\d.,]+)", cells[2]).group(1).replace(",", "."))
            unit = cells[2].split("\u202f")[-1]
            size = pdf.stat().st_size / (1024 * 1024 if unit == "Mo" else 1024)
            assert abs(megabytes - size) < 0.1 * max(size, 1), (cells, pdf.stat().st_size)
            assert cells[3] == edition.group(1)
            href = row.find("a")["href"]
            assert (site.site / prefix / "a-propos" / "telechargements" / href).resolve() == pdf.resolve()


def test_same_piece_renders_to_identical_bytes(tmp_path):
    from aar.printing.render import Stats, render_all

    html = ("<!DOCTYPE html><html lang='wo'><head><meta charset='utf-8'><style>html{font-family:'DejaVu Sans'}"
            "</style></head><body><p>Dëgg la : ŋ ñ ó à « ’ »</p></body></html>")
    first = render_all({"a": html}, Stats(), tmp_path / "one", workers=1)["a"]
    second = render_all({"a": html}, Stats(), tmp_path / "two", workers=1)["a"]
    assert first.path.read_bytes() == second.path.read_bytes()


# --- the cache, on a throwaway project ---------------------------------------------------------

def controlled(doc_id: str, title: str, body: str, protocol: str = "") -> str:
    return (f"---\nid: {doc_id}\ntitle: \"{title}\"\ntype: {'checklist' if doc_id.startswith('LC') else 'protocol'}\n"
            "version: \"0.1\"\nstatus: draft\neffective_date: 2026-12-01\nreview_date: 2027-12-01\nowner: CILMI\n"
            "history:\n  - version: \"0.1\"\n    date: 2026-12-01\n    summary: Première version.\n"
            f"{protocol}---\n\n# {title}\n\n{body}\n")


# A protocol opens with L'essentiel, linked to the checklist that applies it (hooks/aar/coherence.py).
PROTOCOL_BODY = ("## L'essentiel {#essentiel}\n\n1. Appliquer [la liste](../listes/lc-01.md).\n\n"
                 "## Étape 1 {#etape-1}\n\nAgir.")


def test_a_one_page_change_re_renders_only_that_document(tmp_path):
    project = Project(tmp_path / "project")
    project.page("fr/index.md", "# Accueil\n\nBienvenue.\n", "Accueil")
    project.page("wo/index.md", "---\ntranslation_status: draft\n---\n\n# Dalal\n\nDalal ak jàmm.\n")
    project.page("fr/protocoles/pos-01.md", controlled("POS-01", "Débarquement", PROTOCOL_BODY))
    checklist = "Protocole : [POS-01](../protocoles/pos-01.md).\n\n## Actions {#actions}\n\n- [ ] Compter"
    project.page("fr/listes/lc-01.md", controlled("LC-01", "Avant", checklist, "protocol: POS-01\n"))
    project.page("fr/listes/lc-02.md", controlled("LC-02", "Pendant", checklist, "protocol: POS-01\n"))
    env = {"AAR_PDF_CACHE": str(tmp_path / "cache"), "SOURCE_DATE_EPOCH": "1764547200"}
    first = project.build(pdf=True, env=env)
    assert first.returncode == 0, first.output
    assert re.search(r"PDF \(fr\) : 3 documents et 1 manuels .* 0 reprises du cache, \d+ rendues", first.output)
    before = {p: p.read_bytes() for p in first.site.rglob("documents/*.pdf")}

    page = project.base / "docs" / "fr" / "listes" / "lc-02.md"
    page.write_text(page.read_text(encoding="utf-8").replace("- [ ] Compter", "- [ ] Compter deux fois"),
                    encoding="utf-8")
    second = project.build(pdf=True, env=env)
    assert second.returncode == 0, second.output
    # French: LC-02 and the manual's front matter are new; Wolof: LC-02 is shown in French, reused.
    french = re.search(r"PDF \(fr\) : .* (\d+) reprises du cache, (\d+) rendues", second.output)
    wolof = re.search(r"PDF \(wo\) : .* (\d+) reprises du cache, (\d+) rendues", second.output)
    assert int(french.group(2)) == 1, second.output
    assert int(wolof.group(2)) == 0, second.output
    changed = sorted(str(p.relative_to(second.site)) for p in before if p.read_bytes() != before[p])
    assert changed == ["pdf/documents/lc-02.pdf", "wo/pdf/documents/lc-02.pdf"]


def test_a_wrong_manual_entry_stops_the_build_with_the_line(tmp_path):
    project = Project(tmp_path / "project")
    project.page("fr/index.md", "# Accueil\n\nBienvenue.\n", "Accueil")
    project.page("fr/protocoles/pos-01.md", controlled("POS-01", "Débarquement", PROTOCOL_BODY))
    project.page("fr/listes/lc-01.md", controlled("LC-01", "Avant", "Protocole : [POS-01](../protocoles/pos-01.md)."
                                                  "\n\n## Actions {#actions}\n\n- [ ] Compter", "protocol: POS-01\n"))
    manuals = project.base / "data" / "manuals.yml"
    manuals.write_text("manuals:\n  - id: guide\n    file: guide.pdf\n    title: {fr: Guide}\n"
                       "    audience: {fr: Tous}\n    parts:\n      - title: {fr: Listes}\n"
                       "        documents: [LC-01, LC-1]\n", encoding="utf-8")
    build = project.build(pdf=True, env={"AAR_PDF_CACHE": str(tmp_path / "cache")})
    assert build.returncode != 0
    assert ("data/manuals.yml, ligne 8 : manuel « guide », partie 1, document 2 : « LC-1 » : attendu l'id d'un "
            "document") in build.output


def test_public_address_must_be_complete(tmp_path):
    from aar.printing.address import public_address

    address, problems = public_address({"public_url": "https://aar-bakkan.example/"}, environ={})
    assert address.placeholder and not problems
    address, problems = public_address({}, environ={"AAR_PUBLIC_URL": "https://protocoles.sn/"})
    assert address.base == "https://protocoles.sn/" and not address.placeholder
    _, problems = public_address({"public_url": "aar-bakkan.example"}, environ={})
    assert "mkdocs.yml, extra.public_url : adresse publique « aar-bakkan.example » invalide" in str(problems[0])


# --- printing from the browser -----------------------------------------------------------------

@pytest.mark.browser
def test_a_page_prints_from_the_browser_without_navigation_or_search(site, browser):
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site.site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    page = browser.new_page()
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/listes/lc-02/")
        page.emulate_media(media="print")
        for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".aar-print-link"):
            for element in page.query_selector_all(selector):
                assert not element.is_visible(), selector
        assert not any(e.is_visible() for e in page.query_selector_all("input[type=search], .md-search"))
        assert page.locator(".aar-card__row").first.is_visible()
        assert page.locator("article h1").is_visible()
    finally:
        page.close()
        server.shutdown()
