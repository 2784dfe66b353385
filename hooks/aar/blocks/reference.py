"""Reference blocks from the data files: legal framework, acronyms, emergency directory, term base."""

from __future__ import annotations

from itertools import groupby

from ..markers import BlockContext, renderer
from ..project import format_date, load_data, localized
from ..search import fold
from ..templates import render


@renderer("references")
def references(context: BlockContext) -> str:
    groups = []
    for group in load_data("references")["groups"]:
        groups.append({
            "id": group["id"], "title": localized(group["title"], context.language),
            "entries": [{"id": e["id"], "title": e["title"], "note": localized(e.get("note", ""), "fr"),
                         "confirm": bool(e.get("confirm"))} for e in group["entries"]],
        })
    return render("references.md", context.language, groups=groups)


def acronym_definitions(language: str) -> dict[str, str]:
    return {key: localized(value, language) for key, value in (load_data("acronyms") or {}).items()}


@renderer("acronyms")
def acronyms(context: BlockContext) -> str:
    rows = sorted(acronym_definitions(context.language).items(), key=lambda kv: kv[0].lower())
    return render("acronyms.md", context.language, rows=rows)


@renderer("contacts")
def contacts(context: BlockContext) -> str:
    data = load_data("contacts")
    services = [{
        "name": localized(s["name"], context.language),
        "numbers": [{"text": n, "tel": n.replace(" ", "")} for n in s["numbers"]],
        "use": localized(s.get("use", ""), context.language),
        "free": s.get("free"),
        "tested": format_date(s["call_tested_on"], context.language) if s.get("call_tested_on") else None,
    } for s in data["services"]]
    return render("contacts.html", context.language, services=services,
                  copied_on=format_date(data["copied_on"], context.language),
                  source=localized(data.get("source", ""), context.language))


@renderer("terms")
def terms(context: BlockContext) -> str:
    # One table per initial letter, each under its own heading: the long list can be browsed, and search
    # returns one letter's table rather than the whole base (hooks/aar/search.py).
    rows = sorted(load_data("terms")["terms"], key=lambda term: (fold(term["fr"]), term["fr"]))
    letters = [{"letter": letter, "anchor": "lettre-" + (letter.lower() if letter != "#" else "autres"),
                "rows": list(group)} for letter, group in groupby(rows, key=_initial)]
    return render("terms.md", context.language, letters=letters)


def _initial(term: dict) -> str:
    initial = fold(term["fr"].strip()[:1]).upper()
    return initial if initial.isalpha() else "#"
