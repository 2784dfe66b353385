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


def test_fallback_notice_under_the_title_of_french_only_pages(project):
    project.page("fr/index.md", "# Accueil\n\nPage d'accueil.\n").page("fr/guide.md", "# Guide\n\nUne page.\n")
    project.page("wo/index.md", "---\ntranslation_status: draft\n---\n\n# Dalal\n\nXët wi.\n")
    build = project.build()
    assert build.returncode == 0, build.output[-3000:]
    notice = BeautifulSoup(build.html("wo/guide/index.html"), "html.parser").select_one("article h1 + div.aar-fallback")
    assert notice is not None
    assert notice.find("p", lang="wo") and notice.find("p", lang="fr")
    assert "n'existe pas encore en wolof" in notice.get_text()
    for page in ("wo/index.html", "index.html", "guide/index.html"):
        assert 'class="aar-fallback' not in build.html(page), page


def test_every_real_page_has_its_wolof_page_without_fallback_notice(site):
    wolof = {p.relative_to(DOCS / "wo") for p in (DOCS / "wo").rglob("*.md")}
    assert [p for p in french_pages() if p not in wolof] == []
    for page in french_pages():
        assert 'class="aar-fallback' not in site.html(html_path(page, "wo")), page
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
    records = {}
    for language in ("fr", "wo"):
        records[language] = []
        for path in sorted((folder / "fragment").glob(f"{language}_*.pf_fragment")):
            data = gzip.decompress(path.read_bytes())
            records[language].append(json.loads(data[data.index(b"{"):]))
        assert entry["languages"][language]["page_count"] == len(records[language])
    # One record per section: each page's own record, and its sections' records in its folder.
    pages = {language: {re.sub(r"_section_[^/]+\.html$", "", r["url"]) for r in records[language]}
             for language in records}
    assert pages["wo"] == {"/" + html_path(p.relative_to(DOCS / "wo"), "wo").removesuffix("index.html")
                           for p in wolof_sources}
    assert len(pages["fr"]) == len(french_pages())
    assert {r["url"] for r in records["wo"]} >= pages["wo"], "a page without its own record"
    # A long page is split (POS-01: about 10,000 words), a short one is not (LC-02).
    assert sum(r["url"].startswith("/protocoles/pos-01/") for r in records["fr"]) > 3
    assert [r["url"] for r in records["fr"] if r["url"].startswith("/listes/lc-02/")] == ["/listes/lc-02/"]
    fragments = records["wo"]
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
