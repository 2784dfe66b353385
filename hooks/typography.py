"""Apply French typography (narrow no-break spaces) to every page's content, on screen and in the PDFs.

It runs after every hook that adds HTML to a page, so cards, banners and generated blocks are set
the same way as the text. The rules and their limits are in hooks/aar/typography.py.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

from aar.typography import typeset


@event_priority(-90)
def on_page_content(html, page, config, files):
    return typeset(html)
