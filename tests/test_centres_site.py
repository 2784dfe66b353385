"""The built centre pages at 30 and 100 places: programme, plan, staff (DIR-02/03/04) and budget (DIR-06).

Each printed figure is compared with the model (hooks/aar/sizing.py) for the same capacity, so a page
cannot show a number its rules do not give.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from aar import sizing
from aar.blocks.centres import capacities, rounded

CHECKED = [30, 100]


def soup(site, path: str) -> BeautifulSoup:
    return BeautifulSoup(site.html(path), "html.parser")


def parse(text: str):
    text = text.strip().replace("\u202f", "").replace("\u00a0", "").replace(" ", "").replace(",", ".")
    return None if not text or "confirmer" in text else float(text)


def column(table, capacity: int) -> int:
    headers = [th.get_text(strip=True) for th in table.select("thead th")]
    return headers.index(f"{capacity} rés.")


def rows_of(table) -> dict[str, list[str]]:
    found = {}
    for tr in table.select("tbody tr"):
        cells = [" ".join(td.get_text(" ", strip=True).replace("\u202f", " ").replace("\u00a0", " ").split())
                 for td in tr.select("td")]
        found[cells[0].strip("* ")] = cells
    return found


def table_with(document, first_header: str, contains: str):
    for table in document.select("article table"):
        headers = [th.get_text(strip=True) for th in table.select("thead th")]
        if headers and headers[0] == first_header and contains in table.get_text():
            return table
    raise AssertionError(f"aucun tableau « {first_header} » contenant « {contains} »")


@pytest.mark.parametrize("capacity", CHECKED)
def test_dir02_programme_separates_net_open_and_gross_areas(site, capacity):
    values = sizing.evaluate(capacity)
    table = table_with(soup(site, "centres/dir-02/index.html"), "Zone", "Surface nette couverte")
    rows, index = rows_of(table), column(table, capacity)
    assert parse(rows["Surface nette couverte"][index]) == rounded(values["covered_net"], 1)
    assert parse(rows["Espace extérieur (non couvert)"][index]) == rounded(values["open_area"], 1)
    gross = next(label for label in rows if label.startswith("Surface brute estimée"))
    assert "× 1,3" in gross
    assert parse(rows[gross][index]) == values["gross_area"] >= values["covered_net"]
    assert parse(rows["Dortoir des hommes"][index]) == 3.5 * values["beds_men"]


@pytest.mark.parametrize("capacity", CHECKED)
def test_dir02_sanitation_is_counted_per_population(site, capacity):
    values = sizing.evaluate(capacity)
    table = table_with(soup(site, "centres/dir-02/index.html"), "Valeur calculée", "Sanitaires des hommes")
    rows, index = rows_of(table), column(table, capacity)
    men = next(label for label in rows if label.startswith("Sanitaires des hommes : toilettes"))
    women = next(label for label in rows if label.startswith("Sanitaires des femmes : toilettes"))
    assert parse(rows[men][index]) == values["toilets_men"] >= values["users_men"] / 20
    assert parse(rows[women][index]) == values["toilets_women"] >= values["users_women"] * 3 / 40


def test_dir02_shows_a_plan_to_scale_per_reference_capacity(site):
    document = soup(site, "centres/dir-02/index.html")
    plans = document.select("article figure.aar-plan")
    assert len(plans) == len(capacities())
    for capacity, plan in zip(capacities(), plans):
        values = sizing.evaluate(capacity)
        assert f"centre de {capacity} résidents" in plan.figcaption.get_text()
        rects = plan.select("g.aar-plan__zones rect")
        assert len(rects) == len(sizing.zones())
        for zone, rect in zip(plan.select("ol.aar-plan__legend li"), rects):
            area = float(rect["width"]) * float(rect["height"])
            shown = parse(zone.select_one("[data-v]").get_text())
            assert area == pytest.approx(shown, rel=0.02, abs=0.2)
        assert len(plan.select("polyline")) == 4          # women, children, men, service
        assert plan.select_one("svg").get("data-bind") is None   # printed plans are fixed


def test_dir02_building_brief_marks_its_bases(site):
    document = soup(site, "centres/dir-02/index.html")
    brief = table_with(document, "Sujet", "Hauteur et ventilation")
    bases = {cells[-1] for cells in rows_of(brief).values()}
    assert bases <= {"Seuil de norme", "Hypothèse à valider", "À confirmer"}
    assert "Hypothèse à valider" in document.select_one("#eau").find_next("table").get_text()


@pytest.mark.parametrize("capacity", CHECKED)
def test_dir03_equipment_has_the_computed_toilets_and_tanks(site, capacity):
    values = sizing.evaluate(capacity)
    document = soup(site, "centres/dir-03/index.html")
    tanks = table_with(document, "Article", "Cuve d'eau potable")
    row = next(cells for label, cells in rows_of(tanks).items() if label.startswith("Cuve d'eau potable"))
    assert parse(row[column(tanks, capacity)]) == values["water_tanks"]


@pytest.mark.parametrize("capacity", CHECKED)
def test_dir04_gives_full_time_equivalents_and_posts(site, capacity):
    values = sizing.evaluate(capacity)
    document = soup(site, "centres/dir-04/index.html")
    heading = next(h for h in document.select("article h3") if h.get_text().startswith(f"Centre de {capacity} résidents"))
    table = heading.find_next("table")
    total = rows_of(table)["Total"]
    assert parse(total[-2]) == rounded(values["fte_total"], 1)
    assert parse(total[-1].split("(")[0]) == values["headcount_total"]
    assert "Durée hebdomadaire du travail" in document.get_text()


@pytest.mark.parametrize("capacity", CHECKED)
def test_dir06_cost_model_has_quantities_and_a_blank_cost_per_place(site, capacity):
    values = sizing.evaluate(capacity)
    document = soup(site, "centres/dir-06/index.html")
    lines = table_with(document, "Poste de dépense", "Alimentation")
    rows, index = rows_of(lines), column(lines, capacity)
    assert parse(rows["Agents de sécurité"][index]) == rounded(values["fte_securite"], 1)
    food = next(label for label in rows if label.startswith("Alimentation"))
    assert parse(rows[food][index]) == values["resident_days"]
    assert "à confirmer" in rows[food][2]
    totals = table_with(document, "Valeur calculée", "par place")
    per_place = next(cells for label, cells in rows_of(totals).items() if label.startswith("Coût annuel de fonctionnement par place"))
    assert per_place[column(totals, capacity)] == "à confirmer"
    assert re.search(r"modele-cout", soup(site, "centres/dir-12/index.html").decode())
