"""Make the critical steps of a protocol stand out, on screen and on paper.

A step marked `{#etape-N .critique}` is one whose omission costs a life or a right (at most three
per protocol, hooks/aar/coherence.py). Its heading gets a visible label in the page's language,
read by screen readers too, and styles in assets/aar.css and pdf/styles.scss.
"""

from __future__ import annotations

import re

from aar.project import current_language
from aar.templates import render

_CRITICAL_HEADING = re.compile(r'(<h3\b[^>]*\bclass="[^"]*\bcritique\b[^"]*"[^>]*>)')


def label_critical_steps(html: str, language: str) -> str:
    badge = render("critical-badge.html", language)
    return _CRITICAL_HEADING.sub(lambda m: m.group(1) + badge + " ", html)


def on_page_content(html, page, config, files):
    return label_critical_steps(html, current_language(config))
