"""The sizing model of a centre: every figure of DIR-02, DIR-03, DIR-04 and DIR-06 as one set of named formulas.

Why one model: the printed tables (for the reference capacities of data/centres.yml) and the
calculator of DIR-03 (for any capacity) must give the same numbers. Everything is assembled here
from the data files, as formulas of hooks/aar/formula.py:

- parameters (data/sizing.yml, data/staffing.yml, data/costs.yml): Sphere thresholds and stated
  assumptions, `None` when still to be confirmed;
- derived values (data/sizing.yml, data/costs.yml): beds, toilets and showers per population, water,
  surge, building brief;
- zone areas and equipment (data/centre-programme.yml), covered net, open and gross areas;
- staffing (data/staffing.yml): presence per shift, then full-time equivalents and posts;
- costs (data/costs.yml): quantity × unit cost per line, annual running cost per place;
- the plan's geometry (hooks/aar/plan.py).

`model()` lists them in evaluation order; the build evaluates them with `evaluate()` and the page
embeds the same list for the calculator, which evaluates it in the browser.
"""

from __future__ import annotations

from .formula import compile_rule, evaluate as evaluate_tree, order, parse
from .plan import area_name, key, layout
from .project import load_data

INPUT = "capacity"
PARAMETER_FILES = ("sizing", "staffing", "costs")
DERIVED_FILES = ("sizing", "costs")


def item_name(zone_id: str, item_id: str) -> str:
    return f"eq_{key(zone_id)}__{key(item_id)}"


def parameters() -> list[dict]:
    """Every named parameter, in file order, with the file it comes from."""
    found = []
    for name in PARAMETER_FILES:
        for parameter in (load_data(name) or {}).get("parameters", []) or []:
            found.append({**parameter, "file": f"data/{name}.yml"})
    return found


def derived() -> list[dict]:
    found = []
    for name in DERIVED_FILES:
        for value in (load_data(name) or {}).get("derived", []) or []:
            found.append({**value, "file": f"data/{name}.yml"})
    return found


def zones() -> list[dict]:
    return load_data("centre-programme")["zones"]


def schedule_terms(role: dict) -> tuple[str, dict]:
    """(days covered per week, hours per shift) of a role, as parameter names."""
    schedule = role.get("schedule", "continuous")
    if schedule == "office":
        return "office_days", {"day": "office_hours_day", "night": 0}
    if schedule == "daily":
        return "continuous_days", {"day": "office_hours_day", "night": 0}
    return "continuous_days", {"day": "shift_hours_day", "night": "shift_hours_night"}


def cost_lines() -> list[dict]:
    """Staff lines (one per role) then the other lines of data/costs.yml, each with its formulas."""
    costs = load_data("costs")
    lines = []
    for role in load_data("staffing")["roles"]:
        entry = (costs.get("staff", {}).get("unit_costs") or {}).get(role["id"]) or {}
        lines.append({"id": f"staff-{role['id']}", "kind": "running", "name": role["name"], "staff": True,
                      "quantity_tree": f"fte_{key(role['id'])}",
                      "quantity_unit": {"fr": "ETP"}, "unit": costs["staff"]["unit"],
                      "unit_cost": entry.get("unit_cost"), "source": entry.get("source")})
    for line in costs.get("lines", []):
        lines.append({**line, "quantity_tree": parse(str(line["quantity"]))})
    return lines


def definitions() -> dict:
    """Every named formula of the model (inputs excluded)."""
    defs: dict = {}
    for parameter in parameters():
        defs[parameter["id"]] = parameter.get("value")
    for value in derived():
        defs[value["id"]] = parse(value["formula"])

    # Zones, equipment and areas.
    covered, open_air, power = [], [], []
    sums: dict[str, list] = {}
    for zone in zones():
        name = area_name(zone["id"])
        defs[name] = compile_rule(zone["area"])
        (open_air if zone.get("space") == "open" else covered).append(name)
        for item in zone.get("equipment", []) or []:
            quantity = item_name(zone["id"], item["id"])
            defs[quantity] = compile_rule(item["rule"])
            sums.setdefault(key(item["id"]), []).append(quantity)
            if item.get("power_w"):
                power.append(["*", quantity, item["power_w"]])
    for item, quantities in sums.items():
        defs[f"eqsum_{item}"] = ["sum", *quantities]
    defs["equipment_power_w"] = ["sum", *power] if power else 0
    defs["covered_net"] = ["sum", *covered]
    defs["open_area"] = ["sum", *open_air] if open_air else 0
    defs["gross_area"] = ["ceil", ["*", "covered_net", ["+", 1, "circulation_factor"]]]
    defs["site_area"] = ["+", "gross_area", "open_area"]

    # Staffing: presence per shift -> full-time equivalents -> posts.
    staffing = load_data("staffing")
    shifts = [s["id"] for s in staffing["shifts"]]
    available = ["*", "hours_per_week", ["-", 1, "absence_factor"]]
    for shift in shifts:
        defs[f"present_total_{shift}"] = ["sum"]
        defs[f"women_total_{shift}"] = ["sum"]
    for field in ("fte_total", "headcount_total", "women_headcount_total"):
        defs[field] = ["sum"]
    for role in staffing["roles"]:
        r = key(role["id"])
        days, hours = schedule_terms(role)
        weekly, weekly_women = [], []
        for shift in shifts:
            present = f"present_{r}_{shift}"
            women = f"women_{r}_{shift}"
            defs[present] = compile_rule(role["per_shift"][shift])
            defs[women] = ["min", (role.get("women_min") or {}).get(shift, 0), present]
            weekly.append(["*", present, hours.get(shift, 0)])
            weekly_women.append(["*", women, hours.get(shift, 0)])
            defs[f"present_total_{shift}"].append(present)
            defs[f"women_total_{shift}"].append(women)
        defs[f"fte_{r}"] = ["/", ["*", ["sum", *weekly], days], available]
        defs[f"headcount_{r}"] = ["ceil", f"fte_{r}"]
        defs[f"women_headcount_{r}"] = ["ceil", ["/", ["*", ["sum", *weekly_women], days], available]]
        defs["fte_total"].append(f"fte_{r}")
        defs["headcount_total"].append(f"headcount_{r}")
        defs["women_headcount_total"].append(f"women_headcount_{r}")

    # Costs: quantity × unit cost; a missing unit cost leaves the line, and the total, to be confirmed.
    running, investment = [], []
    for line in cost_lines():
        n = key(line["id"])
        defs[f"unit_{n}"] = line.get("unit_cost")
        defs[f"qty_{n}"] = line["quantity_tree"]
        defs[f"cost_{n}"] = ["*", f"qty_{n}", f"unit_{n}"]
        (investment if line.get("kind") == "investment" else running).append(f"cost_{n}")
    for prefix, names in (("running", running), ("investment", investment)):
        defs[f"{prefix}_total"] = ["sum", *names]
        defs[f"{prefix}_priced"] = ["sum", *(["nz", n] for n in names)]
        defs[f"{prefix}_missing"] = ["sum", *(["isnull", n] for n in names)]
    defs["running_per_place"] = ["/", "running_total", INPUT]
    defs["running_per_day"] = ["/", "running_total", "resident_days"]

    # Geometry of the schematic plan.
    defs.update(layout(load_data("centre-programme")["plan"]))
    return defs


_CACHE: dict = {}


def model() -> list[list]:
    """[[name, formula], …] in evaluation order: what the calculator receives."""
    files = tuple(id(load_data(n)) for n in ("sizing", "staffing", "costs", "centre-programme"))
    if _CACHE.get("files") != files:
        defs = definitions()
        _CACHE.update(files=files, model=[[name, defs[name]] for name in order(defs, {INPUT})])
    return _CACHE["model"]


def evaluate(capacity: int, overrides: dict | None = None) -> dict:
    """Every value of the model for one capacity; `overrides` replaces parameters (what-if, tests)."""
    overrides = overrides or {}
    values = {INPUT: capacity}
    for name, tree in model():
        values[name] = overrides[name] if name in overrides else evaluate_tree(tree, values)
    return values


def parameter(identifier: str) -> dict:
    return next(p for p in parameters() if p["id"] == identifier)
