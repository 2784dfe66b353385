"""The schematic plan of a centre: zones drawn to scale from the programme, as named formulas.

Why formulas and not coordinates: the plan printed in DIR-02 for each reference capacity and the plan
the calculator of DIR-03 redraws for any capacity must be the same drawing. The layout below is
written once, as formulas over the zone areas (data/centre-programme.yml, `plan:`); the build
evaluates them for the printed plans, and the calculator evaluates the same formulas in the browser
and moves the shapes (attributes in `data-bind`). HTML stays in overrides/partials/aar/plan.html.

Layout: rows from the entrance (top) to the services (bottom); in a row, blocks side by side, each
as wide as its share of the row's area; in a block, zones stacked, each as high as its area over the
block's width, or, for a block marked `across`, side by side, each as wide as its area over the row's
height. Every rectangle therefore has the zone's area in m² (1 unit = 1 m). The gaps stand
for circulations and are not to scale.
"""

from __future__ import annotations

import re

from .project import localized

CATEGORY_FILL = {"public": "#bbdefb", "semi-private": "#c8e6c9", "private": "#f8bbd0", "staff": "#ffe0b2",
                 "service": "#e1bee7"}
OPEN_FILL = "#f1f8e9"
_PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_]+)\}")


def key(text: str) -> str:
    return text.replace("-", "_")


def area_name(zone_id: str) -> str:
    return f"area_{key(zone_id)}"


def legend_rows(plan: dict) -> int:
    """Lines of the legend's longer column: space types, or circulations and entrances."""
    return max(len(CATEGORY_FILL) + 1, len(plan.get("circulations", [])) + len(plan.get("entrances", [])))


def _sum(items: list):
    return ["sum", *items] if items else 0


def layout(plan: dict) -> dict:
    """Named formulas of the drawing: plan_width, plan_height, plan_{x,y,w,h,cx,cy}_<zone>, gates, paths."""
    gap = plan["gap"]
    rows = plan["rows"]
    widest = max(len(r["blocks"]) for r in rows)
    defs: dict = {}
    for row in rows:
        for block in row["blocks"]:
            defs[f"plan_area_{key(block['id'])}"] = _sum([area_name(z) for z in block["zones"]])
        defs[f"plan_area_row_{key(row['id'])}"] = _sum([f"plan_area_{key(b['id'])}" for b in row["blocks"]])
    defs["plan_area"] = _sum([f"plan_area_row_{key(r['id'])}" for r in rows])
    defs["plan_width"] = ["+", ["sqrt", ["*", "plan_area", plan["aspect"]]], (widest - 1) * gap]
    previous_row = None
    for row in rows:
        r = key(row["id"])
        available = ["-", "plan_width", (len(row["blocks"]) - 1) * gap]
        defs[f"plan_rowh_{r}"] = ["/", f"plan_area_row_{r}", available]
        defs[f"plan_rowy_{r}"] = 0 if previous_row is None else \
            ["+", ["+", f"plan_rowy_{previous_row}", f"plan_rowh_{previous_row}"], gap]
        previous_block = None
        for block in row["blocks"]:
            b = key(block["id"])
            defs[f"plan_bw_{b}"] = ["/", ["*", available, f"plan_area_{b}"], f"plan_area_row_{r}"]
            defs[f"plan_bx_{b}"] = 0 if previous_block is None else \
                ["+", ["+", f"plan_bx_{previous_block}", f"plan_bw_{previous_block}"], gap]
            previous_zone = None
            for zone in block["zones"]:
                z = key(zone)
                if block.get("across"):   # side by side, each as wide as its area over the row's height
                    defs[f"plan_y_{z}"] = f"plan_rowy_{r}"
                    defs[f"plan_h_{z}"] = f"plan_rowh_{r}"
                    defs[f"plan_w_{z}"] = ["/", area_name(zone), f"plan_rowh_{r}"]
                    defs[f"plan_x_{z}"] = f"plan_bx_{b}" if previous_zone is None else \
                        ["+", f"plan_x_{previous_zone}", f"plan_w_{previous_zone}"]
                else:                     # stacked, each as high as its area over the block's width
                    defs[f"plan_x_{z}"] = f"plan_bx_{b}"
                    defs[f"plan_w_{z}"] = f"plan_bw_{b}"
                    defs[f"plan_h_{z}"] = ["/", area_name(zone), f"plan_bw_{b}"]
                    defs[f"plan_y_{z}"] = f"plan_rowy_{r}" if previous_zone is None else \
                        ["+", f"plan_y_{previous_zone}", f"plan_h_{previous_zone}"]
                defs[f"plan_cx_{z}"] = ["+", f"plan_x_{z}", ["/", f"plan_w_{z}", 2]]
                defs[f"plan_cy_{z}"] = ["+", f"plan_y_{z}", ["/", f"plan_h_{z}", 2]]
                defs[f"plan_ly_{z}"] = ["+", f"plan_cy_{z}", ["*", "plan_font", 0.35]]
                previous_zone = z
            previous_block = b
        previous_row = r
    last = key(rows[-1]["id"])
    defs["plan_height"] = ["+", f"plan_rowy_{last}", f"plan_rowh_{last}"]
    # Lettering and frame: a font size that follows the drawing, a legend under it.
    defs["plan_font"] = ["/", "plan_width", 45]
    defs["plan_vb_y"] = -(gap + 1)
    defs["plan_vb_w"] = ["+", "plan_width", 2]
    defs["plan_legend_y"] = ["+", ["+", "plan_height", gap], ["*", "plan_font", 1.5]]
    defs["plan_vb_h"] = ["+", ["+", ["-", "plan_legend_y", "plan_vb_y"], ["*", "plan_font", 1.7 * legend_rows(plan)]], 1]
    defs["plan_legend_x2"] = ["/", "plan_width", 2]
    defs["plan_scale_x"] = ["-", "plan_width", 10]
    defs["plan_scale_y"] = -gap + 0.5
    defs["plan_scale_tx"] = ["-", "plan_scale_x", 0.5]
    defs["plan_scale_ty"] = ["+", -gap + 0.5, ["*", "plan_font", 0.35]]
    defs["plan_legend_tx"] = ["*", "plan_font", 1.5]
    defs["plan_legend_tx2"] = ["+", "plan_legend_x2", ["*", "plan_font", 2.2]]
    defs["plan_legend_lx2"] = ["+", "plan_legend_x2", ["*", "plan_font", 1.6]]
    defs["plan_legend_gx2"] = ["+", "plan_legend_x2", ["*", "plan_font", 0.8]]
    for k in range(legend_rows(plan)):
        defs[f"plan_legend_y_{k}"] = ["+", "plan_legend_y", ["*", "plan_font", 1.7 * k]]
        defs[f"plan_legend_sy_{k}"] = ["-", f"plan_legend_y_{k}", ["*", "plan_font", 0.8]]
        defs[f"plan_legend_ly_{k}"] = ["-", f"plan_legend_y_{k}", ["*", "plan_font", 0.3]]
    _gates(plan, defs)
    _paths(plan, defs)
    return defs


def _block_of(plan: dict) -> dict[str, tuple[int, str]]:
    """zone id -> (row index, block id)."""
    found = {}
    for index, row in enumerate(plan["rows"]):
        for block in row["blocks"]:
            for zone in block["zones"]:
                found[zone] = (index, block["id"])
    return found


def _gates(plan: dict, defs: dict) -> None:
    for gate in plan.get("entrances", []):
        g, b = key(gate["id"]), key(gate["block"])
        defs[f"plan_gate_x_{g}"] = ["+", f"plan_bx_{b}", ["/", f"plan_bw_{b}", 2]]
        defs[f"plan_gate_y_{g}"] = 0 if gate["side"] == "top" else "plan_height"


def _corridor(plan: dict, row_from: int, row_to: int, offset: float):
    """The y of the circulation gap used to go from one row to another (rows -1 and n are the margins)."""
    gap = plan["gap"]
    rows = [key(r["id"]) for r in plan["rows"]]
    if row_from < row_to:          # going down: the gap under row_from
        below = row_from + 1
        return ["+", f"plan_rowy_{rows[below]}", -gap / 2 + offset]
    if row_from > row_to and row_from == len(rows):   # from the bottom margin
        return ["+", "plan_height", gap / 2 + offset]
    return ["+", f"plan_rowy_{rows[row_from]}", -gap / 2 + offset]   # up, or across the same row


def path_points(plan: dict) -> dict[str, list]:
    """Each circulation as a list of (x, y) formulas: from its entrance, through the gaps, to each zone."""
    where = _block_of(plan)
    gates = {g["id"]: g for g in plan.get("entrances", [])}
    circulations = plan.get("circulations", [])
    found = {}
    for index, path in enumerate(circulations):
        offset = round((index - (len(circulations) - 1) / 2) * 0.6, 2)
        gate = gates[path["from"]]
        row = -1 if gate["side"] == "top" else len(plan["rows"])
        block = gate["block"]
        points = [(f"plan_gate_x_{key(gate['id'])}", f"plan_gate_y_{key(gate['id'])}")]
        for zone in path["route"]:
            target_row, target_block = where[zone]
            x, y = f"plan_cx_{key(zone)}", f"plan_cy_{key(zone)}"
            if target_block != block:
                corridor = _corridor(plan, row, target_row, offset)
                points.append((points[-1][0], corridor))
                points.append((x, corridor))
            points.append((x, y))
            row, block = target_row, target_block
        found[path["id"]] = points
    return found


def _point_name(path_id: str, k: int, axis: str) -> str:
    return f"plan_path_{key(path_id)}_{k}_{axis}"


def _paths(plan: dict, defs: dict) -> None:
    for path_id, points in path_points(plan).items():
        for k, (x, y) in enumerate(points):
            defs[_point_name(path_id, k, "x")] = x
            defs[_point_name(path_id, k, "y")] = y


def coordinate(value) -> str:
    """An SVG coordinate with at most two decimals; keep in step with `coordinate` in calculator.js."""
    if value is None:
        return "0"
    return f"{value:.2f}".rstrip("0").rstrip(".")


def fill(template: str, values: dict) -> str:
    """Replace {name} by the value's coordinate; keep in step with `fill` in calculator.js."""
    return _PLACEHOLDER.sub(lambda m: coordinate(values.get(m.group(1))), template)


def elements(plan: dict, zones: dict, language: str, t: dict) -> dict:
    """What plan.html draws: shapes with their bound attributes (templates of names), legend, numbers."""
    number = 0
    shapes, legend_zones = [], []
    for row in plan["rows"]:
        for block in row["blocks"]:
            for zone_id in block["zones"]:
                number += 1
                zone = zones[zone_id]
                z = key(zone_id)
                is_open = zone.get("space") == "open"
                name = localized(zone["name"], language)
                shapes.append({
                    "number": number, "name": name,
                    "fill": OPEN_FILL if is_open else CATEGORY_FILL[zone["category"]], "open": is_open,
                    "rect": {"x": f"{{plan_x_{z}}}", "y": f"{{plan_y_{z}}}", "width": f"{{plan_w_{z}}}",
                             "height": f"{{plan_h_{z}}}"},
                    "label": {"x": f"{{plan_cx_{z}}}", "y": f"{{plan_ly_{z}}}", "font-size": "{plan_font}"},
                })
                legend_zones.append({"number": number, "name": name, "area": area_name(zone_id)})
    gates = []
    for gate in plan.get("entrances", []):
        g = key(gate["id"])
        x, y = f"plan_gate_x_{g}", f"plan_gate_y_{g}"
        # a triangle pointing into the building, 2 m wide, outside the edge
        depth = -2 if gate["side"] == "top" else 2
        gates.append({"label": localized(gate["label"], language), "side": gate["side"],
                      "marker": {"transform": f"translate({{{x}}} {{{y}}})"},
                      "points": f"-1,{depth} 1,{depth} 0,0"})
    points = path_points(plan)
    paths = [{"id": p["id"], "colour": p["colour"], "dash": p.get("dash", ""),
              "label": localized(p["label"], language),
              "line": {"points": " ".join(f"{{{_point_name(p['id'], k, 'x')}}},{{{_point_name(p['id'], k, 'y')}}}"
                                 for k in range(len(points[p["id"]])))}}
             for p in plan.get("circulations", [])]
    categories = [{"fill": CATEGORY_FILL[c], "label": t[f"category_{c}"], "open": False} for c in CATEGORY_FILL]
    categories.append({"fill": OPEN_FILL, "label": t["plan_open"], "open": True})
    for k, entry in enumerate(categories):
        entry.update(swatch={"x": "0", "y": f"{{plan_legend_sy_{k}}}", "width": "{plan_font}", "height": "{plan_font}"},
                     text={"x": "{plan_legend_tx}", "y": f"{{plan_legend_y_{k}}}", "font-size": "{plan_font}"})
    for k, entry in enumerate(paths):
        entry.update(sample={"x1": "{plan_legend_x2}", "x2": "{plan_legend_lx2}", "y1": f"{{plan_legend_ly_{k}}}",
                             "y2": f"{{plan_legend_ly_{k}}}"},
                     text={"x": "{plan_legend_tx2}", "y": f"{{plan_legend_y_{k}}}", "font-size": "{plan_font}"})
    for k, entry in enumerate(gates, start=len(paths)):
        entry.update(sample={"transform": f"translate({{plan_legend_gx2}} {{plan_legend_y_{k}}}) scale(0.5)"},
                     text={"x": "{plan_legend_tx2}", "y": f"{{plan_legend_y_{k}}}", "font-size": "{plan_font}"})
    frame = {"viewBox": "-1 {plan_vb_y} {plan_vb_w} {plan_vb_h}"}
    scale = {"bar": {"x1": "{plan_scale_x}", "x2": "{plan_width}", "y1": "{plan_scale_y}", "y2": "{plan_scale_y}"},
             "text": {"x": "{plan_scale_tx}", "y": "{plan_scale_ty}", "font-size": "{plan_font}"}}
    return {"shapes": shapes, "gates": gates, "paths": paths, "categories": categories, "frame": frame,
            "scale": scale, "legend_zones": legend_zones}
