"""Check the sizing, staffing and cost data before the build, with French messages naming file and field.

The centre model (hooks/aar/sizing.py) reads formulas written by reviewers in four files. A typo in a
name, a price without its source or a zone missing from the plan must stop the build with a message
that says where, not with a Python error or, worse, a silently wrong table. Called by
hooks/aar/datacheck.py.
"""

from __future__ import annotations

import re

from .formula import FormulaError, compile_rule, names, order, parse

BASES = ("standard", "assumption")
BRIEF_BASES = ("standard", "assumption", "confirm")
PARAMETER_GROUPS = ("sizing", "water", "brief", "workforce", "cost")
FIGURE_GROUPS = ("population", "sanitation", "rooms", "water", "surge", "brief", "cost")
SCHEDULES = ("continuous", "daily", "office")
SPACES = ("covered", "open")
KINDS = ("running", "investment")
_PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_]+)\}")


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _text(value) -> bool:
    return isinstance(value, dict) and isinstance(value.get("fr"), str) and bool(value["fr"].strip())


def _text_problem(value, where: str, field: str) -> list[str]:
    if _text(value):
        return []
    return [f"{where} : champ « {field} » attendu sous la forme {{fr: \"texte\"}} (wo facultatif)."]


def formula_problem(text) -> str | None:
    """French message if a formula cannot be read."""
    try:
        parse(str(text))
    except FormulaError as error:
        return str(error)
    return None


def parameter_problems(parameters, path: str, reference_ids: set[str]) -> list[str]:
    problems = []
    if parameters is None:
        return problems
    if not isinstance(parameters, list):
        return [f"{path} : « parameters » doit être une liste."]
    for parameter in parameters:
        where = f"{path}, paramètre « {parameter.get('id', '?')} »"
        if not isinstance(parameter.get("id"), str) or not re.fullmatch(r"[a-z][a-z0-9_]*", parameter["id"]):
            problems.append(f"{where} : « id » attendu en minuscules, chiffres et _ (par exemple water_lpd).")
        value = parameter.get("value")
        if value is not None and (not _is_number(value) or value < 0):
            problems.append(f"{where} : « value » doit être un nombre positif, ou null (à confirmer) ; "
                            f"trouvé {value!r}.")
        problems += _text_problem(parameter.get("label"), where, "label")
        if parameter.get("basis") not in BASES:
            problems.append(f"{where} : « basis » doit valoir {' ou '.join(BASES)} (seuil d'une norme citée, ou "
                            f"hypothèse à valider) ; trouvé {parameter.get('basis')!r}.")
        if parameter.get("basis") == "standard" and parameter.get("source") not in reference_ids:
            problems.append(f"{where} : un seuil de norme nomme sa « source », identifiant d'un texte de "
                            f"data/references.yml ; trouvé {parameter.get('source')!r}.")
        if parameter.get("group") not in PARAMETER_GROUPS:
            problems.append(f"{where} : « group » doit valoir {', '.join(PARAMETER_GROUPS)} ; "
                            f"trouvé {parameter.get('group')!r}.")
        span = parameter.get("range")
        if span is not None and not (isinstance(span, list) and len(span) == 2 and all(_is_number(v) for v in span)
                                     and span[0] <= span[1]):
            problems.append(f"{where} : « range » doit être [minimum, maximum] ; trouvé {span!r}.")
        if not isinstance(parameter.get("unit", ""), str):
            problems.append(f"{where} : « unit » doit être un texte entre guillemets, par exemple \"m²\".")
        if parameter.get("display") not in (None, "percent"):
            problems.append(f"{where} : « display » ne peut valoir que percent ; trouvé {parameter.get('display')!r}.")
        if "note" in parameter:
            problems += _text_problem(parameter.get("note"), where, "note")
    return problems


def derived_problems(values, path: str) -> list[str]:
    problems = []
    if values is None:
        return problems
    if not isinstance(values, list):
        return [f"{path} : « derived » doit être une liste."]
    for value in values:
        where = f"{path}, valeur calculée « {value.get('id', '?')} »"
        if not isinstance(value.get("id"), str) or not re.fullmatch(r"[a-z][a-z0-9_]*", value["id"]):
            problems.append(f"{where} : « id » attendu en minuscules, chiffres et _.")
        if (message := formula_problem(value.get("formula"))):
            problems.append(f"{where}, « formula » : {message}")
        problems += _text_problem(value.get("label"), where, "label")
        if value.get("group") not in FIGURE_GROUPS:
            problems.append(f"{where} : « group » doit valoir {', '.join(FIGURE_GROUPS)} ; "
                            f"trouvé {value.get('group')!r}.")
        if not isinstance(value.get("decimals", 0), int) or not 0 <= value.get("decimals", 0) <= 3:
            problems.append(f"{where} : « decimals » doit être un entier de 0 à 3.")
        if not isinstance(value.get("unit", ""), str):
            problems.append(f"{where} : « unit » doit être un texte entre guillemets, par exemple \"toilettes\".")
    return problems


def check_sizing(data, reference_ids: set[str]) -> list[str]:
    path = "data/sizing.yml"
    if not isinstance(data, dict):
        return [f"{path} : attendu les listes « parameters », « derived » et « brief »."]
    problems = parameter_problems(data.get("parameters"), path, reference_ids)
    problems += derived_problems(data.get("derived"), path)
    for entry in data.get("brief", []) or []:
        where = f"{path}, cahier des charges « {entry.get('id', '?')} »"
        problems += _text_problem(entry.get("topic"), where, "topic") + _text_problem(entry.get("text"), where, "text")
        if entry.get("basis") not in BRIEF_BASES:
            problems.append(f"{where} : « basis » doit valoir {', '.join(BRIEF_BASES)} ; trouvé {entry.get('basis')!r}.")
    return problems


def staffing_problems(data, reference_ids: set[str]) -> list[str]:
    """The fields of data/staffing.yml that turn presence into full-time equivalents."""
    path = "data/staffing.yml"
    problems = parameter_problems(data.get("parameters"), path, reference_ids)
    for role in data.get("roles", []) or []:
        where = f"{path}, fonction « {role.get('id', '?')} »"
        schedule = role.get("schedule", "continuous")
        if schedule not in SCHEDULES:
            problems.append(f"{where} : « schedule » doit valoir {', '.join(SCHEDULES)} ; trouvé {schedule!r}.")
        elif schedule != "continuous" and (role.get("per_shift") or {}).get("night") not in (None, {"fixed": 0}):
            problems.append(f"{where} : une fonction « {schedule} » ne travaille que de jour ; attendu "
                            "night: {fixed: 0}, ou schedule: continuous.")
    return problems


def _price_problems(entry: dict, where: str) -> list[str]:
    price = entry.get("unit_cost")
    if price is None:
        return []
    if not _is_number(price) or price < 0:
        return [f"{where} : « unit_cost » doit être un montant positif en FCFA, ou null (à confirmer) ; "
                f"trouvé {price!r}."]
    if not isinstance(entry.get("source"), str) or not entry["source"].strip():
        return [f"{where} : un coût unitaire saisi doit avoir sa « source » (devis, contrat, facture ou grille "
                "salariale, avec sa date). Sans source, laisser unit_cost: null."]
    return []


def check_costs(data, role_ids: list[str], reference_ids: set[str]) -> list[str]:
    path = "data/costs.yml"
    if not isinstance(data, dict):
        return [f"{path} : attendu « currency », « parameters », « staff » et « lines »."]
    problems = []
    if not isinstance(data.get("currency"), str):
        problems.append(f"{path} : « currency » attendu (par exemple FCFA).")
    problems += parameter_problems(data.get("parameters"), path, reference_ids)
    problems += derived_problems(data.get("derived"), path)
    staff = data.get("staff") or {}
    problems += _text_problem(staff.get("unit"), f"{path}, staff", "unit")
    costs = staff.get("unit_costs") or {}
    for role in role_ids:
        if role not in costs:
            problems.append(f"{path}, staff, unit_costs : fonction « {role} » absente (une ligne par fonction de "
                            "data/staffing.yml, par exemple {unit_cost: null, source: null}).")
    for role, entry in costs.items():
        where = f"{path}, staff, fonction « {role} »"
        if role not in role_ids:
            problems.append(f"{where} : fonction inconnue de data/staffing.yml.")
        problems += _price_problems(entry or {}, where)
    seen = set()
    for line in data.get("lines", []) or []:
        where = f"{path}, ligne « {line.get('id', '?')} »"
        if line.get("id") in seen or not isinstance(line.get("id"), str):
            problems.append(f"{where} : « id » absent ou déjà utilisé.")
        seen.add(line.get("id"))
        if line.get("kind") not in KINDS:
            problems.append(f"{where} : « kind » doit valoir running (fonctionnement) ou investment ; "
                            f"trouvé {line.get('kind')!r}.")
        for field in ("name", "quantity_unit", "unit"):
            problems += _text_problem(line.get(field), where, field)
        if (message := formula_problem(line.get("quantity"))):
            problems.append(f"{where}, « quantity » : {message}")
        problems += _price_problems(line, where)
    return problems


def programme_problems(data) -> list[str]:
    """Fields of data/centre-programme.yml added for the plan and the building brief."""
    path = "data/centre-programme.yml"
    problems = []
    zone_ids = [z.get("id") for z in data.get("zones", [])]
    for zone in data.get("zones", []):
        where = f"{path}, zone « {zone.get('id', '?')} »"
        if zone.get("space", "covered") not in SPACES:
            problems.append(f"{where} : « space » doit valoir covered ou open ; trouvé {zone.get('space')!r}.")
        for item in zone.get("equipment", []) or []:
            power = item.get("power_w")
            if power is not None and (not _is_number(power) or power < 0):
                problems.append(f"{where}, article « {item.get('id', '?')} » : « power_w » doit être une "
                                "puissance en watts.")
    plan = data.get("plan")
    if not isinstance(plan, dict):
        return problems + [f"{path} : section « plan » attendue (rangées, blocs, entrées, circulations)."]
    for field in ("aspect", "gap"):
        if not _is_number(plan.get(field)) or plan[field] <= 0:
            problems.append(f"{path}, plan : « {field} » doit être un nombre positif.")
    placed, blocks = [], set()
    for row in plan.get("rows", []) or []:
        for block in row.get("blocks", []) or []:
            blocks.add(block.get("id"))
            placed += block.get("zones", []) or []
            if not isinstance(block.get("across", False), bool):
                problems.append(f"{path}, plan, bloc « {block.get('id', '?')} » : « across » vaut true ou false.")
    for zone in zone_ids:
        if placed.count(zone) != 1:
            problems.append(f"{path}, plan : la zone « {zone} » doit figurer une fois dans les blocs du plan "
                            f"(trouvée {placed.count(zone)} fois).")
    for zone in sorted(set(placed) - set(zone_ids)):
        problems.append(f"{path}, plan : zone inconnue « {zone} » dans un bloc.")
    gates = set()
    for gate in plan.get("entrances", []) or []:
        where = f"{path}, plan, entrée « {gate.get('id', '?')} »"
        gates.add(gate.get("id"))
        if gate.get("block") not in blocks:
            problems.append(f"{where} : « block » doit nommer un bloc du plan ; trouvé {gate.get('block')!r}.")
        if gate.get("side") not in ("top", "bottom"):
            problems.append(f"{where} : « side » doit valoir top ou bottom.")
        problems += _text_problem(gate.get("label"), where, "label")
    for path_entry in plan.get("circulations", []) or []:
        where = f"{path}, plan, circulation « {path_entry.get('id', '?')} »"
        if path_entry.get("from") not in gates:
            problems.append(f"{where} : « from » doit nommer une entrée du plan ; trouvé {path_entry.get('from')!r}.")
        for zone in path_entry.get("route", []) or []:
            if zone not in zone_ids:
                problems.append(f"{where} : zone inconnue « {zone} » dans « route ».")
        if not re.fullmatch(r"#[0-9a-fA-F]{6}", str(path_entry.get("colour", ""))):
            problems.append(f"{where} : « colour » attendu sous la forme \"#1565c0\".")
        if not re.fullmatch(r"[\d. ]*", str(path_entry.get("dash", ""))):
            problems.append(f"{where} : « dash » attendu sous la forme \"2 1\" (longueurs du trait et du blanc), ou \"\".")
        problems += _text_problem(path_entry.get("label"), where, "label")
    return problems


def _formula_sources(programme, sizing, costs):
    """(where, formula tree or text, texts with {placeholders}) of every formula a reviewer wrote."""
    for zone in programme.get("zones", []):
        where = f"data/centre-programme.yml, zone « {zone.get('id')} »"
        yield f"{where}, surface", zone.get("area")
        for item in zone.get("equipment", []) or []:
            yield f"{where}, article « {item.get('id')} »", item.get("rule")
    for name, data in (("sizing", sizing), ("costs", costs)):
        for value in data.get("derived", []) or []:
            yield f"data/{name}.yml, valeur calculée « {value.get('id')} »", value.get("formula")
    for line in costs.get("lines", []) or []:
        yield f"data/costs.yml, ligne « {line.get('id')} », quantité", str(line.get("quantity"))


def model_problems(programme, sizing_data, staffing, costs) -> list[str]:
    """Names read by formulas and text placeholders exist; the model has no circular calculation."""
    from . import sizing

    problems = []
    try:
        definitions = sizing.definitions()
    except Exception as error:  # the per-file checks passed: name the failure anyway
        return [f"data/ : modèle de dimensionnement impossible à construire ({type(error).__name__} : {error})."]
    known = set(definitions) | {sizing.INPUT}
    parameters = {p["id"] for p in sizing.parameters()}
    ids = [p["id"] for p in sizing.parameters()] + [d["id"] for d in sizing.derived()]
    for identifier in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(f"data/ : le nom « {identifier} » est défini deux fois (paramètres et valeurs calculées de "
                        "data/sizing.yml, data/staffing.yml et data/costs.yml).")
    for where, rule in _formula_sources(programme, sizing_data, costs):
        try:
            tree = compile_rule(rule)
        except FormulaError as error:
            problems.append(f"{where} : {error}")
            continue
        for name in sorted(names(tree) - known):
            problems.append(f"{where} : nom inconnu « {name} » dans la formule. Attendu : capacity, un paramètre "
                            "ou une valeur calculée de data/sizing.yml (par exemple beds_men), ou area_<zone>.")
        if isinstance(rule, dict) and "formula" in rule:
            if not _text(rule.get("text")):
                problems.append(f"{where} : une formule s'accompagne de « text: {{fr: \"…\"}} », qui "
                                "l'explique au lecteur.")
            else:
                for name in sorted(set(_PLACEHOLDER.findall(rule["text"]["fr"])) - parameters):
                    problems.append(f"{where}, « text » : {{{name}}} n'est pas un paramètre de data/sizing.yml.")
    for entry in sizing_data.get("brief", []) or []:
        for name in sorted(set(_PLACEHOLDER.findall((entry.get("text") or {}).get("fr", ""))) - parameters):
            problems.append(f"data/sizing.yml, cahier des charges « {entry.get('id')} », « text » : {{{name}}} n'est "
                            "pas un paramètre.")
    if not problems:
        try:
            order(definitions, {sizing.INPUT})
        except FormulaError as error:
            problems.append(f"data/ : {error}.")
    return problems
