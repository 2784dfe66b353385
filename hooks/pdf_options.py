"""Localise the PDF of each language (cover subtitle, table-of-contents title, file name).

mkdocs-with-pdf has one configuration; static-i18n calls its `on_config` once per language
(priority -100), so this hook sets the language's values just before (priority -50).
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

from aar.project import DEFAULT_LANGUAGE
from aar.templates import labels

PLUGIN = "with-pdf"


def language_being_built(config) -> str:
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or DEFAULT_LANGUAGE


def pdf_settings(language: str) -> dict[str, str]:
    t = labels(language)
    return {"cover_subtitle": t["pdf_subtitle"], "toc_title": t["pdf_toc_title"], "author": t["pdf_author"]}


def cover_labels(language: str) -> dict[str, str]:
    """Labels the cover template reads (with-pdf passes `extra` to it)."""
    t = labels(language)
    return {"lang": language, "edition": t["edition"], "built_on": t["built_on"], "revision": t["revision"]}


@event_priority(-50)
def on_config(config):
    plugin = config.plugins.get(PLUGIN)
    if plugin is not None:
        language = language_being_built(config)
        plugin.config.update(pdf_settings(language))
        config.extra["aar_pdf"] = cover_labels(language)
    return config
