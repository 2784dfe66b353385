"""The real site: both languages, Wolof interface, fallback notice, search, PDFs, no third party."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, pdf_pages

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


def article(site, path: str) -> BeautifulSoup:
    """Only the page's <article>: a hundred pages parse in seconds instead of a minute."""
    html = site.html(path)
    start, end = html.find("<article"), html.rfind("</article>")
    return BeautifulSoup(html[start:end + len("</article>")], "html.parser")


def test_every_french_page_is_published_at_the_root_and_under_wo(site):
    pages = french_pages()
    assert len(pages) >= 2
    for page in pages:
        assert (site.site / html_path(page)).is_file(), page
        assert (site.site / html_path(page, "wo")).is_file(), page


HTML_LANG = re.compile(r"<html\b[^>]*\blang=\"([^\"]+)\"")


def test_wolof_pages_declare_lang_wo_and_french_pages_lang_fr(site):
    for page in french_pages():
        assert HTML_LANG.search(site.html(html_path(page))).group(1) == "fr"
        assert HTML_LANG.search(site.html(html_path(page, "wo"))).group(1) == "wo"


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
        document = article(site, html_path(page, "wo"))
        notice = document.select_one("article h1 + div.aar-fallback")
        assert notice is not None, page
        assert notice.find("p", lang="wo") and notice.find("p", lang="fr")
        assert "n'existe pas encore en wolof" in notice.get_text()
    for page in translated:
        assert 'class="aar-fallback' not in site.html(html_path(page, "wo")), page
    for page in french_pages():
        assert 'class="aar-fallback' not in site.html(html_path(page)), page


def test_search_index_holds_wolof_pages_and_words_with_eng(site):
    """Pagefind (hooks/search_index.py): one index per language; the Wolof one holds the Wolof pages
    (not the French fallbacks), with their words with ŋ, and no French stemming."""
    import gzip

    folder = site.site / "search"
    assert not (folder / "search_index.json").exists(), "Material's lunr index is still built"
    entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(entry["languages"]) == {"fr", "wo"}
    assert entry["languages"]["fr"]["wasm"] == "fr"
    assert entry["languages"]["wo"]["wasm"] is None, "French stemming applied to Wolof"
    wolof_sources = sorted((DOCS / "wo").rglob("*.md"))
    assert entry["languages"]["wo"]["page_count"] == len(wolof_sources)
    assert entry["languages"]["fr"]["page_count"] == len(french_pages())
    fragments = []
    for path in sorted((folder / "fragment").glob("wo_*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        fragments.append(json.loads(data[data.index(b"{"):]))
    assert {f["url"] for f in fragments} == {"/" + html_path(p.relative_to(DOCS / "wo"), "wo").removesuffix("index.html")
                                            for p in wolof_sources}
    words = {w for f in fragments for w in re.findall(r"\w+", f["content"])}
    assert any("ŋ" in w for w in words), "no Wolof word with ŋ in the search index"


EXTERNAL = re.compile(r"^(?:https?:)?//", re.I)


# Tags that load something, and the attributes that name what they load.
LOADING_TAG = re.compile(r"<(script|img|iframe|source|audio|video|embed|object|link)\b([^>]*)>", re.I)
LOADING_ATTRIBUTE = re.compile(r"\b(src|data|srcset|href)\s*=\s*[\"']?([^\"'\s>]+)")
STYLE = re.compile(r"<style\b[^>]*>(.*?)</style>", re.S | re.I)


def test_no_external_resource_in_the_build_output(site):
    offenders = []
    for path in site.site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for tag, attributes in LOADING_TAG.findall(html):
            for name, value in LOADING_ATTRIBUTE.findall(attributes):
                if name == "href" and (tag.lower() != "link" or "alternate" in attributes):
                    continue
                if EXTERNAL.match(value):
                    offenders.append(f"{path}: {tag} {value}")
        for style in STYLE.findall(html):
            offenders += [f"{path}: {u}" for u in re.findall(r"url\(\s*['\"]?((?:https?:)?//[^)'\"]+)", style)]
            offenders += [f"{path}: {u}" for u in re.findall(r"@import\s+['\"]?((?:https?:)?//[^'\";]+)", style)]
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
    assert "Edisiyoŋ" in soup(site, "wo/index.html").select_one(".aar-edition").get_text()  # data/terms.yml


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
    return "\n".join(pdf_pages(path))


@pytest.mark.pdf
def test_one_pdf_per_language_with_that_language_content(site):
    french = pdf_text(site.site / "pdf" / "aar-bakkan.pdf")
    wolof = pdf_text(site.site / "wo" / "pdf" / "aar-bakkan.pdf")
    assert "Table des matières" in french and "Protocoles opérationnels standard" in french
    assert "Li ci biir" in wolof
    assert re.search(r"\w*ŋ\w*", wolof), "no Wolof word with ŋ in the Wolof PDF"
    assert "None" not in french.split("Table des matières")[0], "the cover prints an unset value"
    assert re.search(r"Édition 20\d\d\.\d+", french)
