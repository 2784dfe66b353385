"""Turn PDF generation off with AAR_PDF=0.

A full build writes one PDF per language, which takes seconds per page set; reviewers running
`mkdocs serve` do not need it. mkdocs-with-pdf has no off switch that leaves the build quiet
(its `enabled_if_env` logs a warning, which fails a strict build), so the plugin and its events
are removed before static-i18n or MkDocs call it.
"""

from __future__ import annotations

import os

from mkdocs.plugins import event_priority

PLUGIN = "with-pdf"


def pdf_enabled(environ=os.environ) -> bool:
    return environ.get("AAR_PDF", "1").strip().lower() not in {"0", "false", "no", "non"}


def remove_plugin(plugins, name: str) -> None:
    plugin = plugins.get(name)
    if plugin is None:
        return
    for handlers in plugins.events.values():
        handlers[:] = [h for h in handlers if getattr(h, "__self__", None) is not plugin]
    del plugins[name]


@event_priority(100)
def on_config(config):
    if not pdf_enabled():
        remove_plugin(config.plugins, PLUGIN)
    return config
