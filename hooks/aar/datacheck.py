"""Check the data files before the build, so that a reviewer's slip in data/ gets a French message."""

from __future__ import annotations

import datetime as dt

from .problems import Problem
from .project import DATA_DIR, DataFileError, load_data
from .sizingcheck import (check_costs, check_sizing, formula_problem, model_problems, programme_problems,
                          staffing_problems)

RULE_FORMS = ("{fixed: N}, {per: N, min: M} (une unité pour N résidents), {per_person: X, min: Y} "
              "ou {formula: \"…\", text: {fr: \"…\"}}")
TERM_SOURCES = ("U", "M", "D", "Q", "P")


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0


def rule_problem(rule) -> str | None:
    if not isinstance(rule, dict):
        return f"règle attendue ({RULE_FORMS}) ; trouvé {rule!r}"
    if "formula" in rule:
        unknown = sorted(set(rule) - {"formula", "text"})
        if unknown:
            return f"règle invalide {rule!r} : champ inconnu « {unknown[0]} » ; attendu formula et text"
        return formula_problem(rule["formula"])
    kinds = [k for k in ("fixed", "per", "per_person") if k in rule]
    unknown = sorted(set(rule) - {"fixed", "per", "per_person", "min", "each"})
    if len(kinds) != 1 or unknown or not all(_is_number(v) for v in rule.values()):
        return f"règle invalide {rule!r} ; attendu {RULE_FORMS}"
    if "per" in rule and rule["per"] == 0:
        return f"règle invalide {rule!r} : « per » doit être supérieur à 0"
    return None


def _text(value, where: str, problems: list, name: str = "name") -> None:
    if not isinstance(value, dict) or not isinstance(value.get("fr"), str) or not value["fr"].strip():
        problems.append(f"{where} : champ « {name} » attendu sous la forme {{fr: \"texte\"}} (wo facultatif).")


def check_programme(data) -> list[str]:
    from .blocks.centres import CATEGORIES
    problems: list[str] = []
    zones = data.get("zones") if isinstance(data, dict) else None
    if not isinstance(zones, list) or not zones:
        return ["data/centre-programme.yml : attendu une liste « zones »."]
    for zone in zones:
        where = f"data/centre-programme.yml, zone « {zone.get('id', '?')} »"
        _text(zone.get("name"), where, problems)
        if zone.get("category") not in CATEGORIES:
            problems.append(f"{where} : « category » doit valoir {', '.join(CATEGORIES)} ; trouvé {zone.get('category')!r}.")
        if (message := rule_problem(zone.get("area"))):
            problems.append(f"{where}, surface : {message}.")
        for item in zone.get("equipment", []) or []:
            item_where = f"{where}, article « {item.get('id', '?')} »"
            _text(item.get("name"), item_where, problems)
            if (message := rule_problem(item.get("rule"))):
                problems.append(f"{item_where} : {message}.")
    return problems + programme_problems(data)


def check_staffing(data) -> list[str]:
    problems: list[str] = []
    shifts = [s.get("id") for s in (data or {}).get("shifts", [])]
    if not shifts:
        return ["data/staffing.yml : attendu une liste « shifts »."]
    for role in data.get("roles", []):
        where = f"data/staffing.yml, fonction « {role.get('id', '?')} »"
        _text(role.get("name"), where, problems)
        for shift in shifts:
            rule = (role.get("per_shift") or {}).get(shift)
            if (message := rule_problem(rule)):
                problems.append(f"{where}, équipe « {shift} » : {message}.")
            women = (role.get("women_min") or {}).get(shift, 0)
            if not isinstance(women, int) or women < 0:
                problems.append(f"{where}, équipe « {shift} » : « women_min » doit être un nombre entier.")
    return problems + staffing_problems(data, reference_ids())


def check_centres(data) -> list[str]:
    problems: list[str] = []
    capacities = (data or {}).get("reference_capacities")
    if not isinstance(capacities, list) or not capacities or not all(isinstance(c, int) and c > 0 for c in capacities):
        problems.append("data/centres.yml : « reference_capacities » doit être une liste de nombres entiers positifs.")
    for centre in (data or {}).get("centres", []):
        where = f"data/centres.yml, centre « {centre.get('id', '?')} »"
        _text(centre.get("name"), where, problems)
        if centre.get("capacity") is not None and not (isinstance(centre["capacity"], int) and centre["capacity"] > 0):
            problems.append(f"{where} : « capacity » doit être un nombre entier ou null (à confirmer).")
    return problems


def check_contacts(data) -> list[str]:
    """A number is `copied_on` a date from a source; `call_tested_on` a date only once someone called it."""
    problems: list[str] = []
    if not isinstance((data or {}).get("copied_on"), dt.date):
        problems.append("data/contacts.yml : « copied_on » doit être la date à laquelle les numéros ont été "
                        "recopiés de leur source (AAAA-MM-JJ).")
    for service in (data or {}).get("services", []):
        where = f"data/contacts.yml, service « {service.get('id', '?')} »"
        _text(service.get("name"), where, problems)
        numbers = service.get("numbers")
        if not isinstance(numbers, list) or not numbers or not all(isinstance(n, str) for n in numbers):
            problems.append(f"{where} : « numbers » doit être une liste de numéros entre guillemets, par exemple [\"17\"].")
        tested = service.get("call_tested_on", None)
        if tested is not None and not isinstance(tested, dt.date):
            problems.append(f"{where} : « call_tested_on » doit être la date d'un appel d'essai réussi (AAAA-MM-JJ), "
                            "ou null tant que personne n'a appelé le numéro pour le vérifier.")
        if "call_tested_on" not in service:
            problems.append(f"{where} : champ « call_tested_on » absent. Attendu : la date d'un appel d'essai réussi, "
                            "ou null si le numéro n'a jamais été testé par un appel.")
    return problems


def check_style(data) -> list[str]:
    import re

    problems: list[str] = []
    for index, entry in enumerate((data or {}).get("avoid", []), 1):
        where = f"data/style.yml, mot n° {index}"
        if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) for k in ("pattern", "why", "instead")):
            problems.append(f"{where} : attendu les champs pattern, why et instead (textes).")
            continue
        try:
            re.compile(entry["pattern"])
        except re.error as error:
            problems.append(f"{where} : « pattern » n'est pas une expression régulière valide ({error}).")
    return problems


def check_terms(data) -> list[str]:
    problems: list[str] = []
    seen = set()
    for index, term in enumerate((data or {}).get("terms", []), 1):
        where = f"data/terms.yml, terme n° {index}"
        if not isinstance(term, dict) or not term.get("fr") or not term.get("wo"):
            problems.append(f"{where} : attendu les champs fr, wo et source.")
            continue
        if term["fr"] in seen:
            problems.append(f"{where} : le terme français « {term['fr']} » a déjà une traduction (un seul terme wolof par terme français).")
        seen.add(term["fr"])
        if term.get("source") not in TERM_SOURCES:
            problems.append(f"{where} : « source » doit valoir {', '.join(TERM_SOURCES)} ; trouvé {term.get('source')!r}.")
        unknown = sorted(set(term) - {"fr", "wo", "source", "note", "variants", "keep_french"})
        variants = term.get("variants", [])
        if unknown:
            problems.append(f"{where} : champ « {unknown[0]} » inconnu ; attendu fr, wo, source, note, variants, keep_french.")
        if not isinstance(variants, list) or not all(isinstance(v, str) and v.strip() for v in variants) \
                or term["wo"] in variants:
            problems.append(f"{where} : « variants » doit être une liste de formes refusées (textes), sans la forme "
                            f"verrouillée « {term['wo']} ».")
        if not isinstance(term.get("keep_french", False), bool):
            problems.append(f"{where} : « keep_french » vaut true (nom, sigle ou titre gardé en français) ou est absent.")
    return problems


def check_acronyms(data) -> list[str]:
    problems: list[str] = []
    if not isinstance(data, dict):
        return ["data/acronyms.yml : attendu une liste « SIGLE: {fr: \"signification\"} »."]
    for key, value in data.items():
        _text(value, f"data/acronyms.yml, sigle « {key} »", problems, "signification")
    return problems


def check_labels(data) -> list[str]:
    problems: list[str] = []
    for key, value in (data or {}).items():
        _text(value, f"data/labels.yml, libellé « {key} »", problems, key)
    return problems


def check_references(data) -> list[str]:
    problems: list[str] = []
    seen = set()
    for group in (data or {}).get("groups", []):
        for entry in group.get("entries", []):
            if not entry.get("id") or not entry.get("title"):
                problems.append("data/references.yml : chaque texte a un « id » et un « title ».")
            elif entry["id"] in seen:
                problems.append(f"data/references.yml : l'identifiant « {entry['id']} » est utilisé deux fois.")
            seen.add(entry.get("id"))
    return problems


def reference_ids() -> set[str]:
    try:
        groups = (load_data("references") or {}).get("groups", [])
    except DataFileError:
        return set()
    return {e.get("id") for g in groups for e in g.get("entries", [])}


def role_ids() -> list[str]:
    try:
        return [r.get("id") for r in (load_data("staffing") or {}).get("roles", [])]
    except DataFileError:
        return []


CHECKS = {
    "owners": lambda d: [f"data/owners.yml, « {k} » : attendu {{name: \"nom de l'institution\"}}."
                         for k, v in (d or {}).items() if not isinstance(v, dict) or not v.get("name")],
    "acronyms": check_acronyms, "contacts": check_contacts, "terms": check_terms, "labels": check_labels,
    "references": check_references, "centres": check_centres, "centre-programme": check_programme,
    "staffing": check_staffing, "style": check_style,
    "sizing": lambda d: check_sizing(d, reference_ids()),
    "costs": lambda d: check_costs(d, role_ids(), reference_ids()),
}


def _without_path(message: str, path: str) -> str:
    """Messages name their file; the Problem already does."""
    return message[len(path):].lstrip(" ,:") if message.startswith(path) else message


def check_data(data_dir=None) -> list[Problem]:
    from .blocks.flowchart import flowchart_problems

    data_dir = data_dir or DATA_DIR
    problems: list[Problem] = []
    for name, check in CHECKS.items():
        try:
            messages = check(load_data(name, data_dir))
        except DataFileError as error:
            messages = [str(error)]
        path = f"data/{name}.yml"
        problems += [Problem(path, None, _without_path(m, path)) for m in messages]
    if not problems and data_dir == DATA_DIR:  # formulas across files, once each file is well formed
        data = {name: load_data(name) for name in ("centre-programme", "sizing", "staffing", "costs")}
        for message in model_problems(data["centre-programme"], data["sizing"], data["staffing"], data["costs"]):
            path = message.split(" : ", 1)[0].split(",")[0] if message.startswith("data/") else "data/"
            problems.append(Problem(path, None, _without_path(message, path)))
    for path in sorted((data_dir / "flowcharts").glob("*.yml")):
        try:
            messages = flowchart_problems(load_data(f"flowcharts/{path.stem}", data_dir), path.stem, None)
        except DataFileError as error:
            messages = [str(error)]
        shown = f"data/flowcharts/{path.name}"
        problems += [Problem(shown, None, _without_path(m, shown)) for m in messages]
    return problems
