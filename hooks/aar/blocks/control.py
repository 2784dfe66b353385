"""Document-control blocks: a page's revision history, the register, the change log, translations."""

from __future__ import annotations

from ..contract import PREFIXES, Document, version_key
from ..markers import BlockContext, renderer
from ..project import DEFAULT_LANGUAGE, format_date, load_data, localized
from ..templates import labels, render


def _title(context: BlockContext, source: Document) -> str:
    translation = context.catalogue.wolof.get(source.id) if context.language != DEFAULT_LANGUAGE else None
    return (translation.title if translation and translation.title else source.title) or source.id


def _controlled(context: BlockContext) -> list[Document]:
    return sorted(context.catalogue.french.values(), key=lambda d: d.id)


@renderer("history", controlled_only=True)
def history(context: BlockContext) -> str:
    entries = [{"version": e["version"], "date": format_date(e["date"], context.language), "summary": e["summary"]}
               for e in context.document.meta["history"]]
    return render("history.md", context.language, entries=entries)


@renderer("register")
def register(context: BlockContext) -> str:
    t = labels(context.language)
    owners = load_data("owners")
    groups = []
    for doc_type in PREFIXES:
        rows = [{
            "id": d.id, "title": _title(context, d), "link": context.link(d.relative),
            "version": d.meta["version"], "status": t[f"status_{d.meta['status']}"],
            "effective": d.meta["effective_date"].isoformat(), "review": d.meta["review_date"].isoformat(),
            "owner": d.meta["owner"], "owner_name": localized(owners[d.meta["owner"]]["name"], context.language),
        } for d in _controlled(context) if d.meta["type"] == doc_type]
        if rows:
            groups.append({"type": t[f"type_{doc_type}"], "rows": rows})
    return render("register.md", context.language, groups=groups,
                  total=sum(len(g["rows"]) for g in groups))


@renderer("changelog")
def changelog(context: BlockContext) -> str:
    entries = []
    for d in _controlled(context):
        for entry in d.meta["history"]:
            entries.append({"date": entry["date"], "id": d.id, "title": _title(context, d),
                            "link": context.link(d.relative), "version": entry["version"],
                            "summary": entry["summary"]})
    entries.sort(key=lambda e: (e["date"], e["id"], version_key(e["version"])), reverse=True)
    for entry in entries:
        entry["date"] = entry["date"].isoformat()
    return render("changelog.md", context.language, entries=entries)


def translation_rows(context: BlockContext) -> list[dict]:
    t = labels(context.language)
    rows = []
    for d in _controlled(context):
        translation = context.catalogue.wolof.get(d.id)
        row = {"id": d.id, "title": _title(context, d), "link": context.link(d.relative),
               "version": d.meta["version"], "source_version": "", "status": t["translation_none"],
               "state": "missing"}
        if translation is not None:
            row["source_version"] = translation.meta["source_version"]
            row["status"] = t[f"translation_{translation.meta['translation_status']}"]
            behind = version_key(translation.meta["source_version"]) < version_key(d.meta["version"])
            row["state"] = "outdated" if behind else translation.meta["translation_status"]
        rows.append(row)
    return rows


def coverage(rows: list[dict], catalogue) -> dict:
    translated = [r for r in rows if r["state"] != "missing"]
    pages_fr = [d for d in catalogue.documents if d.language == DEFAULT_LANGUAGE]
    pages_wo = [d for d in catalogue.documents if d.language != DEFAULT_LANGUAGE]
    return {
        "documents": len(rows),
        "translated": len(translated),
        "percent": round(100 * len(translated) / len(rows)) if rows else 0,
        "validated": sum(r["state"] == "validated" for r in rows),
        "outdated": sum(r["state"] == "outdated" for r in rows),
        "pages_fr": len(pages_fr),
        "pages_wo": len(pages_wo),
    }


@renderer("translation-status")
def translation_status(context: BlockContext) -> str:
    rows = translation_rows(context)
    return render("translation-status.md", context.language, rows=rows, figures=coverage(rows, context.catalogue))
