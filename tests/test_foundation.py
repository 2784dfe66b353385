"""The real site: both languages, Wolof interface, fallback notice, search, PDFs, no third party."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from conftest import ROOT

DOCS = ROOT / "docs"


def french_pages() -> list[Path]:
    return sorted(p.relative_to(DOCS / "fr") for p in (DOCS / "fr").rglob("*.md"))


def html_path(relative: Path, language: str = "fr") -> str:
    stem = relative.with_suffix("")
    parts = [] if stem.name == "index" else [stem.as_posix()]
    if stem.name == "index" and stem.parent != Path("."):
        parts = [stem.parent.as_posix()]
    prefix = "" if language == "fr" else f"{language}/"
    return prefix + "/".join(parts + ["index.html"])


def soup(site, path: str) -> BeautifulSoup:
    return BeautifulSoup(site.html(path), "html.parser")


def test_every_french_page_is_published_at_the_root_and_under_wo(site):
    pages = french_pages()
    assert len(pages) >= 2
    for page in pages:
        assert (site.site / html_path(page)).is_file(), page
        assert (site.site / html_path(page, "wo")).is_file(), page


def test_wolof_pages_declare_lang_wo_and_french_pages_lang_fr(site):
    for page in french_pages():
        assert soup(site, html_path(page)).html["lang"] == "fr"
        assert soup(site, html_path(page, "wo")).html["lang"] == "wo"


def test_language_switcher_keeps_the_reader_on_the_same_page(site):
    page = next(p for p in french_pages() if p.name != "index.md")
    french = soup(site, html_path(page))
    wolof_link = french.select_one('a.md-select__link[hreflang="wo"]')["href"]
    target = (site.site / html_path(page)).parent / wolof_link / "index.html"
    assert target.resolve() == (site.site / html_path(page, "wo")).resolve()


def test_fallback_notice_under_the_title_of_french_only_pages(site):
    wolof = {p.relative_to(DOCS / "wo") for p in (DOCS / "wo").rglob("*.md")}
    french_only = [p for p in french_pages() if p not in wolof]
    translated = [p for p in french_pages() if p in wolof]
    assert french_only and translated
    for page in french_only:
        document = soup(site, html_path(page, "wo"))
        notice = document.select_one("article h1 + div.aar-fallback")
        assert notice is not None, page
        assert notice.find("p", lang="wo") and notice.find("p", lang="fr")
        assert "n'existe pas encore en wolof" in notice.get_text()
    for page in translated:
        assert soup(site, html_path(page, "wo")).select_one(".aar-fallback") is None
    for page in french_pages():
        assert soup(site, html_path(page)).select_one(".aar-fallback") is None


def test_search_index_holds_wolof_pages_and_words_with_eng(site):
    index = json.loads((site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["fr"]
    assert "wo" not in index["config"]["lang"]
    assert "stopWordFilter" not in index["config"]["pipeline"]
    wolof_docs = [d for d in index["docs"] if d["location"].startswith("wo/")]
    assert wolof_docs
    words = {w for d in wolof_docs for w in re.findall(r"\w+", d["text"] + " " + d["title"])}
    assert any("ŋ" in w for w in words), "no Wolof word with ŋ in the search index"
    assert any(d["location"] == "wo/" for d in index["docs"])


EXTERNAL = re.compile(r"^(?:https?:)?//", re.I)


def test_no_external_resource_in_the_build_output(site):
    offenders = []
    for path in site.site.rglob("*.html"):
        document = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag in document.find_all(["script", "img", "iframe", "source", "audio", "video", "embed", "object"]):
            for attribute in ("src", "data", "srcset"):
                if tag.get(attribute) and EXTERNAL.match(tag[attribute]):
                    offenders.append(f"{path}: {tag.name} {tag[attribute]}")
        for tag in document.find_all("link"):
            if tag.get("href") and EXTERNAL.match(tag["href"]) and "alternate" not in tag.get("rel", []):
                offenders.append(f"{path}: link {tag['href']}")
        for style in document.find_all("style"):
            offenders += [f"{path}: {u}" for u in re.findall(r"url\(\s*['\"]?((?:https?:)?//[^)'\"]+)", style.text)]
            offenders += [f"{path}: {u}" for u in re.findall(r"@import\s+['\"]?((?:https?:)?//[^'\";]+)", style.text)]
    for path in site.site.rglob("*.css"):
        text = path.read_text(encoding="utf-8")
        offenders += [f"{path}: {u}" for u in re.findall(r"@import\s+(?:url\()?['\"]?((?:https?:)?//[^'\")]+)", text)]
        offenders += [f"{path}: {u}" for u in re.findall(r"url\(\s*['\"]?((?:https?:)?//[^)'\"]+)", text)
                      if "www.w3.org" not in u]
    assert not offenders, "\n".join(offenders[:20])
    assert "fonts.googleapis.com" not in site.html("index.html")


def test_footer_shows_edition_build_date_and_revision(site):
    footer = soup(site, "index.html").select_one(".aar-edition").get_text(" ", strip=True)
    assert re.search(r"Édition 20\d\d\.\d+ · construite le \d{4}-\d{2}-\d{2} · révision \S+", footer)
    assert "Édition" in soup(site, "wo/index.html").select_one(".aar-edition").get_text()


def test_wolof_interface_file_has_every_key_of_materials_french_file():
    import material

    key = re.compile(r'^\s*"([\w.-]+)":', re.M)
    french = (Path(material.__file__).parent / "templates/partials/languages/fr.html").read_text(encoding="utf-8")
    wolof = (ROOT / "overrides/partials/languages/wo.html").read_text(encoding="utf-8")
    assert key.findall(wolof) == key.findall(french)
    header = wolof.split("-#}")[0]
    awaiting = re.findall(r'^\s*"([\w.-]+)": none,?$', wolof, re.M)
    assert len(awaiting) < len(key.findall(french)) / 2
    for name in awaiting:
        assert name in header or name.split(".")[0] + ".*" in header, f"{name} not listed as awaiting review"
    assert '"search.config.lang": "fr"' in wolof


def test_wolof_pages_show_wolof_interface_strings(site):
    document = soup(site, "wo/index.html")
    assert document.select_one(".md-search__input")["placeholder"] == "Seet"
    assert "Tànnal làkk" in site.html("wo/index.html")


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


@pytest.mark.pdf
def test_one_pdf_per_language_with_that_language_content(site):
    french = pdf_text(site.site / "pdf" / "aar-bakkan.pdf")
    wolof = pdf_text(site.site / "wo" / "pdf" / "aar-bakkan.pdf")
    assert "Table des matières" in french and "Protocoles opérationnels standard" in french
    assert "Li ci biir" in wolof
    assert re.search(r"\w*ŋ\w*", wolof), "no Wolof word with ŋ in the Wolof PDF"
    assert "None" not in french.split("Table des matières")[0], "the cover prints an unset value"
    assert re.search(r"Édition 20\d\d\.\d+", french)
