"""Centre tables, plans and calculator, computed from one model so French and Wolof pages show the same numbers.

Every figure comes from hooks/aar/sizing.py, which assembles data/centres.yml (reference capacities),
data/sizing.yml (Sphere thresholds and assumptions), data/centre-programme.yml (zones, equipment,
plan), data/staffing.yml and data/costs.yml. A quantity is never typed in a page: the same formula
gives it in the printed tables (here) and in the in-page calculator (docs/fr/assets/calculator.js),
which receives the model as JSON.
"""

from __future__ import annotations

import json
import math
import re

from babel.numbers import format_decimal

from .. import sizing
from ..formula import compile_rule, evaluate
from ..markers import BlockContext, renderer
from ..plan import elements, fill
from ..project import load_data, localized
from ..sizingcheck import FIGURE_GROUPS, PARAMETER_GROUPS
from ..templates import labels, render

CATEGORIES = ("public", "semi-private", "staff", "service", "private")
_PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_]+)\}")


def quantity(rule: dict, capacity: int) -> float:
    """A short-form rule ({fixed}, {per, min, each}, {per_person, min}) for one capacity."""
    return evaluate(compile_rule(rule), {"capacity": capacity})


def rounded(value, decimals: int = 0):
    """The displayed value; keep in step with `rounded` in calculator.js."""
    if value is None:
        return None
    scale = 10 ** decimals
    value = math.floor(value * scale + 0.5) / scale
    return int(value) if decimals == 0 else value


def number(value, language: str, decimals: int = 0) -> str:
    """A number as French readers write it (Wolof pages use French digits); '' when unknown."""
    shown = rounded(value, decimals)
    if shown is None:
        return ""
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return format_decimal(shown, format=pattern, locale="fr" if language == "wo" else language)


def cell(value, language: str, t: dict, decimals: int = 0) -> str:
    """A Markdown table cell: the number, or « à confirmer » in italics."""
    return number(value, language, decimals) if value is not None else f"*{t['to_confirm_lower']}*"


def parameter_value(parameter: dict, language: str) -> str | None:
    value = parameter.get("value")
    if value is None:
        return None
    if parameter.get("display") == "percent":
        return number(value * 100, language, 1) + "\u00a0%"
    return number(value, language, 2)


def with_parameters(text: str, language: str) -> str:
    """Replace {name} in a data text by the value of that parameter."""
    known = {p["id"]: p for p in sizing.parameters()}
    return _PLACEHOLDER.sub(lambda m: parameter_value(known[m.group(1)], language) or "…", text)


def rule_text(rule, t: dict, language: str, unit: str = "") -> str:
    if isinstance(rule, dict) and "formula" in rule:
        return with_parameters(localized(rule.get("text", ""), language), language)
    if "fixed" in rule:
        return t["rule_fixed"].format(n=number(rule["fixed"], language, 2), unit=unit).strip()
    if "per" in rule:
        text = t["rule_per"].format(each=number(rule.get("each", 1), language, 2),
                                    per=number(rule["per"], language, 2))
    else:
        text = t["rule_per_person"].format(x=number(rule["per_person"], language, 2), unit=unit)
    if rule.get("min"):
        text += " " + t["rule_min"].format(n=number(rule["min"], language, 2), unit=unit).strip()
    return text


def capacities() -> list[int]:
    return list(load_data("centres")["reference_capacities"])


def reference_values() -> list[dict]:
    return [sizing.evaluate(c) for c in capacities()]


# ---------------------------------------------------------------------------------------------------
# Rows shared by the printed tables and the calculator: labels with the names of the values they show.
# ---------------------------------------------------------------------------------------------------

def programme_rows(language: str, t: dict) -> list[dict]:
    rows = []
    for z in sizing.zones():
        category = t[f"category_{z['category']}"]
        if z.get("space") == "open":
            category += f" ({t['space_open']})"
        rows.append({"name": localized(z["name"], language), "category": category,
                     "purpose": localized(z.get("purpose", ""), language),
                     "note": localized(z.get("note", ""), language),
                     "rule": rule_text(z["area"], t, language, "m²"), "value": sizing.area_name(z["id"])})
    return rows


def total_rows(language: str, t: dict) -> list[dict]:
    factor = number(1 + sizing.parameter("circulation_factor")["value"], language, 2)
    return [{"label": t["total_covered_net"], "value": "covered_net"},
            {"label": t["total_open"], "value": "open_area"},
            {"label": t["total_gross"].format(factor=factor), "value": "gross_area"},
            {"label": t["total_site"], "value": "site_area"}]


def figure_rows(group: str, language: str) -> list[dict]:
    return [{"label": localized(v["label"], language), "unit": v.get("unit", ""), "value": v["id"],
             "decimals": v.get("decimals", 0)} for v in sizing.derived() if v.get("group") == group]


def equipment_zones(language: str, t: dict) -> list[dict]:
    zones = []
    for z in sizing.zones():
        items = [{"name": localized(i["name"], language), "rule": rule_text(i["rule"], t, language),
                  "note": localized(i.get("note", ""), language), "value": sizing.item_name(z["id"], i["id"])}
                 for i in z.get("equipment", []) or []]
        if items:
            zones.append({"name": localized(z["name"], language), "entries": items})
    return zones


def staff_rows(language: str) -> tuple[list[dict], list[dict]]:
    data = load_data("staffing")
    shifts = [{"id": s["id"], "name": localized(s["name"], language)} for s in data["shifts"]]
    rows = []
    for role in data["roles"]:
        r = sizing.key(role["id"])
        rows.append({"name": localized(role["name"], language),
                     "description": localized(role.get("description", ""), language),
                     "shifts": [{"present": f"present_{r}_{s['id']}", "women": f"women_{r}_{s['id']}"} for s in shifts],
                     "fte": f"fte_{r}", "posts": f"headcount_{r}", "women_posts": f"women_headcount_{r}"})
    return shifts, rows


def cost_rows(language: str, kind: str) -> list[dict]:
    return [{"name": localized(line["name"], language), "counted_in": localized(line["quantity_unit"], language),
             "unit": localized(line["unit"], language), "unit_value": f"unit_{sizing.key(line['id'])}",
             "quantity": f"qty_{sizing.key(line['id'])}", "cost": f"cost_{sizing.key(line['id'])}",
             "decimals": 1 if line.get("staff") else 0}
            for line in sizing.cost_lines() if line.get("kind", "running") == kind]


def cost_total_rows(t: dict) -> list[dict]:
    currency = load_data("costs")["currency"]
    return [{"label": t["cost_priced"].format(currency=currency), "value": "running_priced"},
            {"label": t["cost_missing"], "value": "running_missing"},
            {"label": t["cost_running_total"].format(currency=currency), "value": "running_total"},
            {"label": t["cost_per_place"].format(currency=currency), "value": "running_per_place"},
            {"label": t["cost_per_day"].format(currency=currency), "value": "running_per_day"},
            {"label": t["cost_investment_total"].format(currency=currency), "value": "investment_total"}]


# ---------------------------------------------------------------------------------------------------
# Printed blocks (reference capacities)
# ---------------------------------------------------------------------------------------------------

def _check_group(groups):
    def check(arguments, catalogue):
        if arguments.get("group") not in groups:
            return f"argument « group » : une de ces valeurs : {', '.join(groups)}."
        return None
    return check


@renderer("centres")
def centres(context: BlockContext) -> str:
    rows = [{"name": localized(c["name"], context.language),
             "location": localized(c["location"], context.language) if c.get("location") else None,
             "capacity": c.get("capacity"),
             "status": localized(c.get("status", ""), context.language)}
            for c in load_data("centres")["centres"]]
    return render("centres.md", context.language, rows=rows, capacities=capacities())


@renderer("parameters", arguments=("group",), required=("group",), check=_check_group(PARAMETER_GROUPS))
def parameters_block(context: BlockContext, group: str) -> str:
    t = labels(context.language)
    references = context.link("references/cadre-juridique.md")
    rows = []
    for p in sizing.parameters():
        if p.get("group") != group:
            continue
        value = parameter_value(p, context.language)
        if value is not None and p.get("unit"):
            value += f" {p['unit']}"
        if p.get("range"):
            low, high = p["range"]
            value += f" ({t['range_text'].format(low=number(low, context.language), high=number(high, context.language))})"
        basis = t[f"basis_{p.get('basis', 'assumption')}"]
        if p.get("basis") == "standard":
            title = next((e["title"] for g in load_data("references")["groups"] for e in g["entries"]
                          if e["id"] == p["source"]), p["source"])
            basis = f"{basis} : [{title.split(',')[0]}]({references}#{p['source']})"
        rows.append({"label": localized(p["label"], context.language), "value": value, "basis": basis,
                     "note": localized(p.get("note", ""), context.language)})
    return render("parameters.md", context.language, rows=rows)


@renderer("programme")
def programme(context: BlockContext) -> str:
    t = labels(context.language)
    values = reference_values()
    rows = [{**r, "areas": [cell(v[r["value"]], context.language, t, 1) for v in values]}
            for r in programme_rows(context.language, t)]
    totals = [{**r, "areas": [cell(v[r["value"]], context.language, t, 1) for v in values]}
              for r in total_rows(context.language, t)]
    adjacency = [{"name": localized(z["name"], context.language),
                  "text": localized(z.get("adjacency", ""), context.language)}
                 for z in sizing.zones() if z.get("adjacency")]
    return render("programme.md", context.language, rows=rows, capacities=capacities(), totals=totals,
                  adjacency=adjacency)


@renderer("figures", arguments=("group",), required=("group",), check=_check_group(FIGURE_GROUPS))
def figures(context: BlockContext, group: str) -> str:
    t = labels(context.language)
    values = reference_values()
    rows = [{**r, "cells": [cell(v[r["value"]], context.language, t, r["decimals"]) for v in values]}
            for r in figure_rows(group, context.language)]
    return render("figures.md", context.language, rows=rows, capacities=capacities())


@renderer("zoning")
def zoning(context: BlockContext) -> str:
    zones = sizing.zones()
    bands = [{"category": category,
              "zones": [localized(z["name"], context.language) for z in zones if z["category"] == category]}
             for category in CATEGORIES]
    return render("zoning.html", context.language, bands=[b for b in bands if b["zones"]])


def plan_context(language: str, values: dict, bind: bool) -> dict:
    t = labels(language)
    zones = {z["id"]: z for z in sizing.zones()}
    drawing = elements(load_data("centre-programme")["plan"], zones, language, t)
    slots = {"n": ("capacity", 0), "group": ("arrival_group", 0), "net": ("covered_net", 1),
             "gross": ("gross_area", 1), "open": ("open_area", 1)}
    caption = []
    for text, slot in re.findall(r"([^{]*)(?:\{(\w+)\})?", t["plan_caption"]):
        if text:
            caption.append({"text": text, "name": None})
        if slot:
            name, decimals = slots[slot]
            caption.append({"name": name, "decimals": decimals, "text": number(values[name], language, decimals)})
    for zone in drawing["legend_zones"]:
        zone["shown"] = number(values[zone["area"]], language, 1)
    return {"drawing": drawing, "caption": caption, "label": "".join(part["text"] for part in caption),
            "bind": bind, "fill": lambda template: fill(template, values), "capacity": values["capacity"]}


@renderer("plan")
def plan(context: BlockContext) -> str:
    parts = [render("plan.html", context.language, **plan_context(context.language, v, bind=False))
             for v in reference_values()]
    return "\n\n".join(parts)


@renderer("building-brief")
def building_brief(context: BlockContext) -> str:
    t = labels(context.language)
    rows = [{"topic": localized(b["topic"], context.language),
             "text": with_parameters(localized(b["text"], context.language), context.language),
             "basis": t[f"basis_{b.get('basis', 'assumption')}"]}
            for b in load_data("sizing").get("brief", [])]
    return render("brief.md", context.language, rows=rows)


@renderer("equipment")
def equipment(context: BlockContext) -> str:
    t = labels(context.language)
    values = reference_values()
    zones = equipment_zones(context.language, t)
    for zone in zones:
        for item in zone["entries"]:
            item["quantities"] = [cell(v[item["value"]], context.language, t) for v in values]
    return render("equipment.md", context.language, zones=zones, capacities=capacities())


@renderer("staffing")
def staffing(context: BlockContext) -> str:
    t = labels(context.language)
    shifts, rows = staff_rows(context.language)
    tables = []
    for values in reference_values():
        lines = [{"name": r["name"],
                  "cells": [{"count": values[s["present"]], "women": values[s["women"]]} for s in r["shifts"]],
                  "fte": number(values[r["fte"]], context.language, 1), "posts": values[r["posts"]],
                  "women_posts": values[r["women_posts"]]} for r in rows]
        totals = {"cells": [{"count": values[f"present_total_{s['id']}"], "women": values[f"women_total_{s['id']}"]}
                            for s in shifts],
                  "fte": number(values["fte_total"], context.language, 1), "posts": values["headcount_total"],
                  "women_posts": values["women_headcount_total"]}
        tables.append({"capacity": values["capacity"], "rows": lines, "totals": totals})
    return render("staffing.md", context.language, shifts=shifts, tables=tables, roles=rows)


@renderer("costs")
def costs(context: BlockContext) -> str:
    t = labels(context.language)
    values = reference_values()
    currency = load_data("costs")["currency"]
    sections = []
    for kind, title in (("running", t["cost_running_title"]), ("investment", t["cost_investment_title"])):
        rows = [{**r, "unit_cost": cell(values[0][r["unit_value"]], context.language, t),
                 "quantities": [cell(v[r["quantity"]], context.language, t, r["decimals"]) for v in values]}
                for r in cost_rows(context.language, kind)]
        sections.append({"title": title, "rows": rows})
    totals = [{**r, "cells": [cell(v[r["value"]], context.language, t) for v in values]}
              for r in cost_total_rows(t)]
    return render("costs.md", context.language, sections=sections, totals=totals, capacities=capacities(),
                  currency=currency)


# ---------------------------------------------------------------------------------------------------
# Calculator (DIR-03): the model and the tables to show, for any capacity, in the browser
# ---------------------------------------------------------------------------------------------------

def _v(name: str, decimals: int = 0) -> dict:
    """A cell that shows a value of the model, refreshed by the calculator."""
    return {"v": name, "d": decimals}


def calculator_data(language: str) -> dict:
    """The model (names and formulas) and the tables, with display text already localised."""
    t = labels(language)
    shifts, staff = staff_rows(language)
    women = t["women_count"].split("{n}")
    posts_women = t["posts_women"].split("{n}")
    population = [[r["label"], _v(r["value"], r["decimals"])]
                  for g in ("population", "sanitation", "rooms") for r in figure_rows(g, language)]
    areas = [[r["name"], _v(r["value"], 1)] for r in programme_rows(language, t)]
    areas += [[r["label"], _v(r["value"], 1)] for r in total_rows(language, t)]
    water = [[r["label"], _v(r["value"], r["decimals"])]
             for g in ("water", "surge", "brief") for r in figure_rows(g, language)]
    equipment_tables = [{"caption": z["name"], "headers": [t["col_item"], "#"],
                         "rows": [[i["name"], _v(i["value"], 0)] for i in z["entries"]]}
                        for z in equipment_zones(language, t)]
    staff_table = [[r["name"]] +
                   [[_v(s["present"], 0), {**_v(s["women"], 0), "pre": " (" + women[0], "post": women[1] + ")",
                                           "hide_zero": True}] for s in r["shifts"]] +
                   [_v(r["fte"], 1), [_v(r["posts"], 0), {**_v(r["women_posts"], 0), "pre": " (" + posts_women[0],
                                                         "post": posts_women[1] + ")", "hide_zero": True}]]
                   for r in staff]
    staff_table.append([t["total"]] + [_v(f"present_total_{s['id']}", 0) for s in shifts] +
                       [_v("fte_total", 1), _v("headcount_total", 0)])
    cost_tables = {kind: [[r["name"], r["counted_in"], _v(r["quantity"], r["decimals"]), {"input": r["unit_value"]},
                           _v(r["cost"], 0)] for r in cost_rows(language, kind)]
                   for kind in ("running", "investment")}
    currency = load_data("costs")["currency"]
    cost_headers = [t["col_cost_line"], t["col_counted_in"], "#", f"{t['col_unit_cost']} ({currency})", currency]
    cost_parameters = [[localized(p["label"], language) + (" (%)" if p.get("display") == "percent" else ""),
                        {"input": p["id"], "scale": 0.01} if p.get("display") == "percent" else {"input": p["id"]}]
                       for p in sizing.parameters() if p.get("group") == "cost"]
    return {
        "model": sizing.model(),
        "sections": [
            {"title": t["calc_population"], "tables": [{"headers": [t["col_figure"], "#"], "rows": population}]},
            {"title": t["calc_area"], "tables": [{"headers": [t["col_zone"], "m²"], "rows": areas}]},
            {"title": t["calc_plan"], "plan": True},
            {"title": t["calc_water"], "tables": [{"headers": [t["col_figure"], "#"], "rows": water}]},
            {"title": t["calc_equipment"], "tables": equipment_tables},
            {"title": t["calc_fte"], "tables": [{"headers": [t["col_role"]] + [s["name"] for s in shifts] +
                                                            [t["col_fte"], t["col_posts"]], "rows": staff_table}]},
            {"title": t["calc_costs"], "tables": [
                {"caption": t["calc_cost_parameters"], "headers": [t["col_parameter"], t["col_value"]],
                 "rows": cost_parameters},
                {"caption": t["cost_running_title"], "headers": cost_headers, "rows": cost_tables["running"]},
                {"caption": t["cost_investment_title"], "headers": cost_headers, "rows": cost_tables["investment"]},
                {"headers": [t["col_figure"], currency],
                 "rows": [[r["label"], _v(r["value"], 0)] for r in cost_total_rows(t)]}]},
        ],
    }


@renderer("calculator")
def calculator(context: BlockContext) -> str:
    default = capacities()[1]
    payload = json.dumps(calculator_data(context.language), ensure_ascii=False, sort_keys=True,
                         separators=(",", ":"))
    payload = payload.replace("</", "<\\/")
    values = sizing.evaluate(default)
    return render("calculator.html", context.language, payload=payload, default=default,
                  arrival_group=values["arrival_group"],
                  plan=plan_context(context.language, values, bind=True))
