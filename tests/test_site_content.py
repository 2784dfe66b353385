"""The real site's generated content: tooltips, directory, centre tables, charts, register, printed card."""

from __future__ import annotations

import re

import pytest
import yaml
from bs4 import BeautifulSoup

from aar.contract import read_catalogue
from aar.project import format_date
from conftest import ROOT, pdf_pages


def soup(site, path: str) -> BeautifulSoup:
    return BeautifulSoup(site.html(path), "html.parser")


def test_acronyms_show_their_meaning_as_a_tooltip(site):
    acronyms = yaml.safe_load((ROOT / "data" / "acronyms.yml").read_text(encoding="utf-8"))
    tooltips = {a.get_text(): a["title"] for a in soup(site, "protocoles/pos-04/index.html").select("article abbr")}
    assert tooltips["CNLTP"] == acronyms["CNLTP"]["fr"]
    assert "DNLT" in tooltips


def test_directory_comes_from_the_data_file_with_its_check_date(site):
    document = soup(site, "references/annuaire/index.html")
    contacts = yaml.safe_load((ROOT / "data" / "contacts.yml").read_text(encoding="utf-8"))
    numbers = [a["href"] for a in document.select(".aar-contacts a.aar-tel")]
    expected = [f"tel:{n.replace(' ', '')}" for s in contacts["services"] for n in s["numbers"]]
    assert numbers == expected
    assert "Numéros recopiés de leur source le 28 novembre 2026" in document.select_one(".aar-checked").get_text()
    # A copied number is not a tested one: each row says whether someone called it, and when.
    tested = [td.get_text(strip=True) for td in document.select(".aar-contacts td.aar-tested")]
    expected_tested = [f"réussi le {format_date(s['call_tested_on'], 'fr')}" if s.get("call_tested_on")
                       else "jamais testé" for s in contacts["services"]]
    assert tested == expected_tested


def numbers_of(document) -> list[str]:
    return [td.get_text(strip=True) for td in document.select("article table td") if re.fullmatch(r"[\d  ,]+", td.get_text(strip=True))]


@pytest.mark.parametrize("page", ["centres/dir-02", "centres/dir-03", "centres/dir-04"])
def test_centre_tables_show_the_same_numbers_in_both_languages(site, page):
    french = numbers_of(soup(site, f"{page}/index.html"))
    assert len(french) > 20
    assert numbers_of(soup(site, f"wo/{page}/index.html")) == french


def test_equipment_quantities_follow_the_rules_for_each_reference_capacity(site):
    from aar.blocks.centres import quantity

    programme = yaml.safe_load((ROOT / "data" / "centre-programme.yml").read_text(encoding="utf-8"))
    capacities = yaml.safe_load((ROOT / "data" / "centres.yml").read_text(encoding="utf-8"))["reference_capacities"]
    first_zone = programme["zones"][0]
    table = soup(site, "centres/dir-03/index.html").select("article table")[0]
    first_row = [td.get_text(strip=True) for td in table.select("tbody tr")[0].select("td")]
    rule = first_zone["equipment"][0]["rule"]
    assert first_row[-len(capacities):] == [str(quantity(rule, c)) for c in capacities]


def test_decision_charts_link_every_answer_to_a_box_of_the_same_chart(site):
    document = soup(site, "protocoles/pos-04/index.html")
    chart = document.select_one("figure.aar-flow#traite-ou-trafic")
    ids = {li["id"] for li in chart.select("li.aar-flow__node")}
    answers = [a["href"].lstrip("#") for a in chart.select("a.aar-flow__answer")]
    assert answers and set(answers) <= ids
    assert chart.select("li.aar-flow__node--outcome")


def test_register_lists_every_controlled_document(site):
    catalogue = read_catalogue(ROOT / "docs")
    rows = soup(site, "a-propos/registre/index.html").select("article table tbody tr")
    assert sorted(r.td.get_text(strip=True) for r in rows) == sorted(catalogue.french)


def test_references_page_has_an_anchor_for_every_text(site):
    references = yaml.safe_load((ROOT / "data" / "references.yml").read_text(encoding="utf-8"))
    document = soup(site, "references/cadre-juridique/index.html")
    for group in references["groups"]:
        for entry in group["entries"]:
            assert document.find(id=entry["id"]) is not None, entry["id"]


@pytest.mark.pdf
def test_printed_manual_carries_document_cards_and_checklists(site):
    pages = pdf_pages(site.site / "pdf" / "aar-bakkan.pdf")
    text = "\n".join(pages)
    assert len(pages) > 200
    assert text.count("Prochaine révision") >= 60
    assert "Au point de débarquement" in text and "LC-02" in text
    assert "Document non approuvé" in text
