"""Offline reading: a service worker, its file lists per language and build, and web app manifests.

Centre staff read the protocols where there is no signal. Pages a reader opens stay readable
offline; « Enregistrer pour lire hors ligne » (footer) keeps the whole language, its search and
its checklists, after saying how many MB that costs; a new edition replaces the kept one whole.
Everything is computed from the built site (hooks/aar/offline.py), so it runs last: after the
search index (hooks/search_index.py), once static-i18n has built every language.
`mkdocs serve` (reviewers' live preview) registers no service worker, so edits show at once.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.plugins import event_priority

from aar.offline import BUILD_PLACEHOLDER, SIZE_PLACEHOLDER, finish_offline, megabytes
from aar.project import DEFAULT_LANGUAGE, LANGUAGES, current_language

log = logging.getLogger("mkdocs.hooks.offline")
_state = {"serve": False, "descriptions": {}}


def on_startup(command, dirty):
    _state["serve"] = command == "serve"


def on_env(env, config, files):
    """Values the page templates need (overrides/partials/aar/phone-meta.html, phone-config.html, offline.html)."""
    env.globals["aar_phone"] = {"build_placeholder": BUILD_PLACEHOLDER, "size_placeholder": SIZE_PLACEHOLDER,
                                "serve": _state["serve"]}
    return env


def on_pre_build(config):
    _state["descriptions"][current_language(config)] = config.site_description or ""


@event_priority(-220)
def on_post_build(config):
    i18n = config.plugins.get("i18n")
    if getattr(i18n, "building", False):
        return
    site = Path(config.site_dir)
    languages = [lang for lang in LANGUAGES if lang == DEFAULT_LANGUAGE or (site / lang).is_dir()]
    summary = finish_offline(site, languages, DEFAULT_LANGUAGE,
                             str(config.extra.get("edition", "?")), config.site_name,
                             _state["descriptions"])
    log.info("Hors ligne : build %s ; %s", next(iter(summary.values()))["build"],
             ", ".join(f"{lang} {megabytes(s['bytes'])} Mo en {s['files']} fichiers" for lang, s in summary.items()))
