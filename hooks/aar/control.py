"""What a controlled page shows under its title: its document card and its banners."""

from __future__ import annotations

from dataclasses import dataclass

from .contract import Document, version_key
from .project import format_date, localized


@dataclass
class Banner:
    name: str          # unapproved | retired | overdue | outdated | unvalidated
    kind: str          # admonition class: warning | danger | info
    title: str
    text: str
    link_text: str = ""
    href: str = ""


# A Wolof text not validated by a native speaker is a warning, not an info box, where a reader acts on it
# alone (issue 11): safety-critical documents and the texts read to or by residents. Uncontrolled pages
# (the home page, the emergency directory) are listed by path (hooks/wolof_notice.py).
WARNING_TYPES = ("protocol", "card", "checklist", "form")
WARNING_IDS = ("DIR-07",)                                   # house rules for residents
WARNING_PAGES = ("index.md", "references/annuaire.md")      # home page, emergency numbers


def draft_is_warning(meta: dict, relative: str = "") -> bool:
    return meta.get("type") in WARNING_TYPES or meta.get("id") in WARNING_IDS or relative in WARNING_PAGES


def unvalidated_banner(translation_status: str, warning: bool, t: dict, french_href: str = "") -> Banner:
    """« Not checked by a native speaker », with a link to the French text."""
    status = t[f"translation_{translation_status}"]
    if warning:
        return Banner("unvalidated", "warning", t["banner_unchecked_title"],
                      t["banner_unchecked_text"].format(status=status), t["banner_french_link"], french_href)
    return Banner("unvalidated", "info", t["banner_unvalidated_title"], t["banner_unvalidated_text"].format(status=status),
                  t["banner_french_link"], french_href)


def card(source: Document, translation: Document | None, language: str, owners: dict, t: dict) -> list[tuple[str, str]]:
    """The rows of the card: (label, value), in the page's language."""
    meta = source.meta
    rows = [
        (t["card_id"], meta["id"]),
        (t["card_type"], t[f"type_{meta['type']}"]),
        (t["card_version"], meta["version"]),
        (t["card_status"], t[f"status_{meta['status']}"]),
        (t["card_effective"], format_date(meta["effective_date"], language)),
        (t["card_review"], format_date(meta["review_date"], language)),
        (t["card_owner"], localized(owners[meta["owner"]]["name"], language)),
    ]
    if meta["status"] == "approved":
        by = localized(owners[meta["approved_by"]]["name"], language)
        rows.append((t["card_approval"], t["card_approved"].format(by=by, on=format_date(meta["approved_on"], language))))
    else:
        rows.append((t["card_approval"], t["card_not_approved"]))
    if translation is not None:
        status = t[f"translation_{translation.meta['translation_status']}"]
        rows.append((t["card_translation"],
                     t["card_translation_value"].format(source=translation.meta["source_version"], status=status)))
    return rows


def banners(source: Document, translation: Document | None, language: str, owners: dict, t: dict,
            today, french_href: str = "", replacement_href: str = "") -> list[Banner]:
    meta = source.meta
    found = []
    if meta["status"] in ("draft", "review"):
        found.append(Banner("unapproved", "warning", t["banner_unapproved_title"],
                            t["banner_unapproved_text"].format(status=t[f"status_{meta['status']}"])))
    if meta["status"] == "retired":
        found.append(Banner("retired", "danger", t["banner_retired_title"], t["banner_retired_text"],
                            meta["replaced_by"], replacement_href))
    if meta["status"] != "retired" and meta["review_date"] < today:
        owner = localized(owners[meta["owner"]]["name"], language)
        found.append(Banner("overdue", "warning", t["banner_overdue_title"],
                            t["banner_overdue_text"].format(date=format_date(meta["review_date"], language),
                                                            owner=owner)))
    if translation is not None:
        source_version = translation.meta["source_version"]
        if version_key(source_version) < version_key(meta["version"]):
            found.append(Banner("outdated", "warning", t["banner_outdated_title"],
                                t["banner_outdated_text"].format(source=source_version, version=meta["version"]),
                                t["banner_outdated_link"], french_href))
        if translation.meta["translation_status"] != "validated":
            found.append(unvalidated_banner(translation.meta["translation_status"], draft_is_warning(meta), t,
                                            french_href))
    return found
