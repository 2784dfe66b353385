"""Centre tables computed from one set of data files, so French and Wolof pages show the same numbers.

data/centres.yml (the three centres and the reference capacities), data/centre-programme.yml
(zones, areas, adjacency, equipment) and data/staffing.yml (roles per shift). A quantity is never
typed in a page: a rule gives it for any capacity, here and in the in-page calculator.
"""

from __future__ import annotations

import json
import math

from babel.numbers import format_decimal

from ..markers import BlockContext, renderer
from ..project import load_data, localized
from ..templates import render

CATEGORIES = ("public", "semi-private", "staff", "service", "private")


def quantity(rule: dict, capacity: int) -> float:
    """Apply a rule: {fixed: N} | {per: P, min: M, each: K} | {per_person: X, min: Y}."""
    if "fixed" in rule:
        return rule["fixed"]
    if "per" in rule:
        return max(rule.get("min", 0), math.ceil(capacity / rule["per"]) * rule.get("each", 1))
    if "per_person" in rule:
        return max(rule.get("min", 0), math.ceil(capacity * rule["per_person"]))
    raise ValueError(f"règle inconnue : {rule}")


def number(value: float, language: str) -> str:
    return format_decimal(value, locale="fr" if language == "wo" else language)


def rule_text(rule: dict, t: dict, language: str, unit: str = "") -> str:
    if "fixed" in rule:
        return t["rule_fixed"].format(n=number(rule["fixed"], language), unit=unit).strip()
    if "per" in rule:
        text = t["rule_per"].format(each=number(rule.get("each", 1), language), per=number(rule["per"], language))
    else:
        text = t["rule_per_person"].format(x=number(rule["per_person"], language), unit=unit)
    if rule.get("min"):
        text += " " + t["rule_min"].format(n=number(rule["min"], language), unit=unit).strip()
    return text


def capacities() -> list[int]:
    return list(load_data("centres")["reference_capacities"])


@renderer("centres")
def centres(context: BlockContext) -> str:
    rows = [{"name": localized(c["name"], context.language),
             "location": localized(c["location"], context.language) if c.get("location") else None,
             "capacity": c.get("capacity"),
             "status": localized(c.get("status", ""), context.language)}
            for c in load_data("centres")["centres"]]
    return render("centres.md", context.language, rows=rows, capacities=capacities())


@renderer("programme")
def programme(context: BlockContext) -> str:
    from ..templates import labels
    t = labels(context.language)
    caps = capacities()
    zones = load_data("centre-programme")["zones"]
    rows = [{"name": localized(z["name"], context.language),
             "category": t[f"category_{z['category']}"],
             "purpose": localized(z.get("purpose", ""), context.language),
             "rule": rule_text(z["area"], t, context.language, "m²"),
             "areas": [number(quantity(z["area"], c), context.language) for c in caps],
             "note": localized(z.get("note", ""), context.language)} for z in zones]
    totals = [number(sum(quantity(z["area"], c) for z in zones), context.language) for c in caps]
    adjacency = [{"name": localized(z["name"], context.language),
                  "text": localized(z.get("adjacency", ""), context.language)} for z in zones if z.get("adjacency")]
    return render("programme.md", context.language, rows=rows, capacities=caps, totals=totals, adjacency=adjacency)


@renderer("zoning")
def zoning(context: BlockContext) -> str:
    zones = load_data("centre-programme")["zones"]
    bands = [{"category": category,
              "zones": [localized(z["name"], context.language) for z in zones if z["category"] == category]}
             for category in CATEGORIES]
    return render("zoning.html", context.language, bands=[b for b in bands if b["zones"]])


@renderer("equipment")
def equipment(context: BlockContext) -> str:
    from ..templates import labels
    t = labels(context.language)
    caps = capacities()
    zones = []
    for z in load_data("centre-programme")["zones"]:
        items = [{"name": localized(i["name"], context.language),
                  "rule": rule_text(i["rule"], t, context.language),
                  "quantities": [number(quantity(i["rule"], c), context.language) for c in caps],
                  "note": localized(i.get("note", ""), context.language)} for i in z.get("equipment", [])]
        if items:
            zones.append({"name": localized(z["name"], context.language), "entries": items})
    return render("equipment.md", context.language, zones=zones, capacities=caps)


@renderer("staffing")
def staffing(context: BlockContext) -> str:
    data = load_data("staffing")
    caps = capacities()
    shifts = [{"id": s["id"], "name": localized(s["name"], context.language)} for s in data["shifts"]]
    tables = []
    for capacity in caps:
        rows = []
        for role in data["roles"]:
            cells = []
            for shift in shifts:
                count = quantity(role["per_shift"][shift["id"]], capacity)
                women = role.get("women_min", {}).get(shift["id"], 0)
                cells.append({"count": count, "women": min(women, count)})
            rows.append({"name": localized(role["name"], context.language), "cells": cells})
        totals = [{"count": sum(r["cells"][i]["count"] for r in rows),
                   "women": sum(r["cells"][i]["women"] for r in rows)} for i in range(len(shifts))]
        tables.append({"capacity": capacity, "rows": rows, "totals": totals})
    roles = [{"name": localized(r["name"], context.language),
              "description": localized(r.get("description", ""), context.language)} for r in data["roles"]]
    return render("staffing.md", context.language, shifts=shifts, tables=tables, roles=roles)


def calculator_data(language: str) -> dict:
    """Everything the in-page calculator needs, with display text already localised."""
    zones = load_data("centre-programme")["zones"]
    staffing_data = load_data("staffing")
    return {
        "zones": [{"name": localized(z["name"], language), "area": z["area"],
                   "items": [{"name": localized(i["name"], language), "rule": i["rule"]}
                             for i in z.get("equipment", [])]} for z in zones],
        "shifts": [{"id": s["id"], "name": localized(s["name"], language)} for s in staffing_data["shifts"]],
        "roles": [{"name": localized(r["name"], language), "per_shift": r["per_shift"],
                   "women_min": r.get("women_min", {})} for r in staffing_data["roles"]],
    }


@renderer("calculator")
def calculator(context: BlockContext) -> str:
    payload = json.dumps(calculator_data(context.language), ensure_ascii=False, sort_keys=True)
    payload = payload.replace("</", "<\\/")
    return render("calculator.html", context.language, payload=payload, default=capacities()[1])
