"""The centre model against the standards it claims to apply, without building the site.

Sphere (2018): 3.5 m² of covered living space per person, 1 toilet per 20 people in the stable
phase with 3 women's toilets per men's toilet, 15 L of water per person per day. The rules live in
data/ and hooks/aar/sizing.py; these tests hold them to those figures for a range of capacities.
"""

from __future__ import annotations

import copy
import math

import pytest

from aar import formula, sizing
from aar.blocks.centres import capacities, rounded
from aar.datacheck import rule_problem
from aar.project import load_data
from aar.sizingcheck import (check_costs, model_problems, parameter_problems, programme_problems,
                             staffing_problems)

CAPACITIES = [10, 30, 45, 50, 100, 160]
DORMS = {"dortoir-hommes": ("beds_men", "share_men"), "dortoir-femmes": ("beds_women", "share_women"),
         "dortoir-familles": ("beds_families", "share_families"),
         "dortoir-enfants": ("beds_children", "share_children")}


@pytest.fixture(scope="module", params=CAPACITIES)
def values(request) -> dict:
    return sizing.evaluate(request.param)


def param(name: str):
    return sizing.parameter(name)["value"]


# --- The formula language ---------------------------------------------------------------------------

def test_formula_compiles_to_a_tree_and_evaluates():
    tree = formula.parse("max(4, ceil(capacity * 0.07)) + 1")
    assert tree == ["+", ["max", 4, ["ceil", ["*", "capacity", 0.07]]], 1]
    assert formula.evaluate(tree, {"capacity": 100}) == 8   # 100 × 0.07 is 7.000000000000001: still 7


def test_short_rules_keep_their_meaning():
    assert formula.evaluate(formula.compile_rule({"per": 30, "min": 2}), {"capacity": 61}) == 3
    assert formula.evaluate(formula.compile_rule({"per": 10, "each": 3}), {"capacity": 45}) == 15
    assert formula.evaluate(formula.compile_rule({"per_person": 0.25, "min": 15}), {"capacity": 100}) == 25


def test_unknown_value_spreads_except_through_nz_and_isnull():
    assert formula.evaluate(["*", "price", 3], {"price": None}) is None
    assert formula.evaluate(["sum", ["nz", "a"], ["isnull", "a"]], {"a": None}) == 1
    assert formula.evaluate(["/", 1, 0], {}) is None


def test_a_formula_error_is_in_french():
    with pytest.raises(formula.FormulaError, match="fonction inconnue « exp »"):
        formula.parse("exp(capacity)")
    with pytest.raises(formula.FormulaError, match="calcul circulaire"):
        formula.order({"a": "b", "b": "a"}, set())


def test_reference_capacities_include_30_and_100():
    assert {30, 100} <= set(capacities())


# --- Sizing against the standards ----------------------------------------------------------------------

def test_every_dormitory_has_at_least_3_5_m2_per_bed_and_a_bed_per_share_of_capacity(values):
    for zone, (beds, share) in DORMS.items():
        assert values[beds] >= values["capacity"] * param(share) - 1e-9, zone
        assert values[sizing.area_name(zone)] >= param("area_per_person") * values[beds] - 1e-9, zone
    assert values["dorm_area_per_bed"] >= 3.5


def test_toilets_follow_sphere_per_population_not_total_capacity(values):
    per = param("toilet_people")
    ratio = param("toilet_female_male")
    # men: at least 1 per 20 of the men who use the block
    assert values["toilets_men"] >= values["users_men"] / per
    # women: the 3:1 ratio at 1 per 20 on average gives 3 toilets for 40 women
    assert values["toilets_women"] >= values["users_women"] * 2 * ratio / (ratio + 1) / per - 1e-9
    assert values["toilets_children"] >= max(2, values["users_children"] / per)
    assert values["toilets_total"] >= values["beds_total"] / per
    # every bed is counted in exactly one block
    assert values["users_women"] + values["users_men"] + values["users_children"] == values["beds_total"]


def test_showers_follow_the_same_rule_as_toilets(values):
    for group in ("women", "men", "children"):
        assert values[f"showers_{group}"] == values[f"toilets_{group}"]


def test_sanitary_equipment_matches_the_computed_toilets(values):
    assert values[sizing.item_name("sanitaires-femmes", "toilette")] == values["toilets_women"]
    assert values[sizing.item_name("sanitaires-hommes", "toilette")] == values["toilets_men"]
    assert values[sizing.item_name("sanitaires-enfants", "toilette")] == values["toilets_children"]
    assert values[sizing.area_name("sanitaires-femmes")] == \
        (values["toilets_women"] + values["showers_women"]) * param("fixture_m2")


def test_gross_area_adds_the_stated_circulation_factor_to_the_covered_net_area(values):
    net = values["covered_net"]
    assert values["gross_area"] >= net
    assert values["gross_area"] == math.ceil(net * (1 + param("circulation_factor")) - 1e-9)
    covered = sum(values[sizing.area_name(z["id"])] for z in sizing.zones() if z.get("space") != "open")
    open_air = sum(values[sizing.area_name(z["id"])] for z in sizing.zones() if z.get("space") == "open")
    assert net == pytest.approx(covered) and values["open_area"] == pytest.approx(open_air)
    assert values["site_area"] == values["gross_area"] + values["open_area"]


def test_observation_is_separate_for_women_and_men(values):
    assert values["obs_beds_women"] >= 1 and values["obs_beds_men"] >= 1
    assert values[sizing.area_name("observation-femmes")] == values["obs_beds_women"] * param("obs_bed_m2")


def test_rooms_required_by_the_protocols_exist():
    ids = {z["id"] for z in sizing.zones()}
    assert {"visites", "priere", "allaitement", "activites", "douche-rincage", "isolement", "observation-femmes",
            "observation-hommes", "effets-souilles"} <= ids


def test_reception_follows_the_arrival_group_and_dormitories_the_capacity():
    small, large = sizing.evaluate(30), sizing.evaluate(30, {"arrival_group": 250})
    assert large[sizing.area_name("attente")] == 250 * param("waiting_m2")
    assert large["rinse_showers"] > small["rinse_showers"]
    assert large[sizing.item_name("magasin", "kit-hygiene")] == 250 + 30
    assert large[sizing.area_name("dortoir-hommes")] == small[sizing.area_name("dortoir-hommes")]


def test_water_storage_uses_building_consumption_with_sphere_as_survival_floor(values):
    assert param("water_lpd") > param("water_lpd_min") == 15
    assert values["water_storage_l"] >= values["capacity"] * param("water_lpd") * param("water_storage_days")
    assert values["water_tanks"] * param("tank_l") >= values["water_storage_l"]
    assert values["water_days_survival"] >= param("water_storage_days")


def test_surge_places_keep_3_5_m2_per_person(values):
    floor_area = sum(values[sizing.area_name(z)] for z in ("attente", "activites", "refectoire"))
    assert values["surge_places"] * param("area_per_person") <= floor_area


# --- Staff and money ---------------------------------------------------------------------------------------

def test_full_time_equivalents_follow_the_stated_shift_pattern():
    values = sizing.evaluate(100)
    available = param("hours_per_week") * (1 - param("absence_factor"))
    security = [r for r in load_data("staffing")["roles"] if r["id"] == "securite"][0]
    assert security["schedule"] == "continuous"
    weekly = (values["present_securite_day"] * param("shift_hours_day")
              + values["present_securite_night"] * param("shift_hours_night")) * param("continuous_days")
    assert values["fte_securite"] == pytest.approx(weekly / available)
    assert values["headcount_securite"] == math.ceil(values["fte_securite"] - 1e-9)
    assert values["fte_total"] == pytest.approx(sum(values[f"fte_{sizing.key(r['id'])}"]
                                                    for r in load_data("staffing")["roles"]))
    assert values["women_headcount_securite"] >= 1


def test_no_price_is_invented_so_the_cost_per_place_is_blank():
    for line in sizing.cost_lines():
        assert line.get("unit_cost") is None or line.get("source"), line["id"]
    values = sizing.evaluate(30)
    assert values["running_per_place"] is None and values["running_missing"] > 0


def test_cost_per_place_is_the_sum_of_quantities_times_unit_costs():
    lines = sizing.cost_lines()
    prices = {f"unit_{sizing.key(line['id'])}": 1000 + 10 * k for k, line in enumerate(lines)}
    values = sizing.evaluate(100, {**prices, "average_stay_days": 20})
    running = [line for line in lines if line.get("kind", "running") == "running"]
    expected = sum(values[f"qty_{sizing.key(line['id'])}"] * prices[f"unit_{sizing.key(line['id'])}"]
                   for line in running)
    assert values["running_missing"] == 0
    assert values["running_total"] == pytest.approx(expected)
    assert values["running_per_place"] == pytest.approx(expected / 100)
    assert values[f"qty_staff_securite"] == values["fte_securite"]


def test_the_plan_draws_every_zone_to_scale():
    values = sizing.evaluate(100)
    for zone in sizing.zones():
        z = sizing.key(zone["id"])
        assert values[f"plan_w_{z}"] * values[f"plan_h_{z}"] == pytest.approx(values[sizing.area_name(zone["id"])])
        assert 0 <= values[f"plan_x_{z}"] and values[f"plan_x_{z}"] + values[f"plan_w_{z}"] <= values["plan_width"] + 1e-6


def test_displayed_rounding_is_half_up():
    assert rounded(12.25, 1) == 12.3 and rounded(2.5) == 3 and rounded(None) is None


# --- Data checks: French messages naming file and field ----------------------------------------------------

def test_a_price_without_source_is_refused():
    costs = copy.deepcopy(load_data("costs"))
    costs["lines"][0]["unit_cost"] = 5000
    roles = [r["id"] for r in load_data("staffing")["roles"]]
    problems = check_costs(costs, roles, {"sphere-2018"})
    assert any(p.startswith("data/costs.yml, ligne « alimentation » : un coût unitaire saisi doit avoir sa « source »")
               for p in problems), problems
    del costs["staff"]["unit_costs"]["securite"]
    assert any("fonction « securite » absente" in p for p in check_costs(costs, roles, set()))


def test_a_standard_names_its_source_and_an_assumption_is_labelled():
    problems = parameter_problems([{"id": "x", "value": 3, "basis": "standard", "source": "inconnu",
                                    "group": "sizing", "label": {"fr": "X"}},
                                   {"id": "y", "value": 1, "basis": "devine", "group": "sizing",
                                    "label": {"fr": "Y"}}], "data/sizing.yml", {"sphere-2018"})
    assert any("data/sizing.yml, paramètre « x » : un seuil de norme nomme sa « source »" in p for p in problems)
    assert any("data/sizing.yml, paramètre « y » : « basis » doit valoir" in p for p in problems)


def test_unknown_name_in_a_formula_names_the_zone_and_field():
    programme = copy.deepcopy(load_data("centre-programme"))
    zone = next(z for z in programme["zones"] if z["id"] == "dortoir-hommes")
    zone["area"] = {"formula": "lits_hommes * area_per_person", "text": {"fr": "{area_per_personne} m² par lit"}}
    problems = model_problems(programme, load_data("sizing"), load_data("staffing"), load_data("costs"))
    assert ("data/centre-programme.yml, zone « dortoir-hommes », surface : nom inconnu « lits_hommes » dans la "
            "formule") in " ".join(problems)
    assert any("{area_per_personne} n'est pas un paramètre" in p for p in problems)


def test_formula_syntax_and_plan_and_schedule_mistakes_are_named():
    assert "formule illisible" in rule_problem({"formula": "ceil(capacity /", "text": {"fr": "t"}})
    programme = copy.deepcopy(load_data("centre-programme"))
    programme["plan"]["rows"][0]["blocks"][0]["zones"].remove("visites")
    assert any("plan : la zone « visites » doit figurer une fois" in p for p in programme_problems(programme))
    staffing = copy.deepcopy(load_data("staffing"))
    role = next(r for r in staffing["roles"] if r["id"] == "responsable")
    role["per_shift"]["night"] = {"fixed": 1}
    assert any("fonction « responsable » : une fonction « office » ne travaille que de jour" in p
               for p in staffing_problems(staffing, {"sphere-2018"}))


def test_the_real_data_has_no_problem():
    from aar.datacheck import check_data

    assert [str(p) for p in check_data() if "sizing" in p.path or "costs" in p.path or "programme" in p.path
            or "staffing" in p.path or p.path == "data/"] == []
