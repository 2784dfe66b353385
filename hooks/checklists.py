"""Checklists on screen: tick boxes with a label, kept on the phone, with a visible reset.

A team at a landing point ticks LC-02 on a phone as it goes. The boxes of `- [ ]` items become
tickable and named (hooks/aar/checklists.py); assets/phone.js keeps the ticks in the phone's
localStorage, per page and version, and sends nothing anywhere. Printing shows empty boxes
(assets/phone.css). The reference cards (fiches) use numbered lists and are not touched.
"""

from __future__ import annotations

from aar.checklists import checklist_key, make_tickable
from aar.project import current_language
from aar.templates import render


def on_page_content(html, page, config, files):
    if "task-list-item" not in html:
        return html
    meta = page.meta or {}
    version = meta.get("version") or meta.get("source_version") or config.extra.get("edition")
    key = checklist_key(page.url, str(version))
    return make_tickable(html, render("checklist-tools.html", current_language(config), key=key))
