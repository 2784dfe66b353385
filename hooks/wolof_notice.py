"""Say under the title of a Wolof page that is not a controlled document (the home page, the emergency
directory…) that its Wolof has not been checked by a native speaker, with a link to the French text.

Controlled documents get this banner with their card (hooks/document_card.py, hooks/aar/control.py).
Issue 11: the Wolof home page says so at the top, and residents' texts carry a warning, not an info box.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.utils import get_relative_url

from aar.contract import catalogue_for
from aar.control import draft_is_warning, unvalidated_banner
from aar.pages import insert_after_title
from aar.project import DEFAULT_LANGUAGE, current_language
from aar.templates import labels, render


def notice_block(relative: str, translation_status: str, language: str, french_href: str) -> str:
    banner = unvalidated_banner(translation_status, draft_is_warning({}, relative), labels(language), french_href)
    return render("banners.html", language, banners=[banner])


def on_page_markdown(markdown, page, config, files):
    language = current_language(config)
    folder, _, relative = page.file.src_uri.partition("/")
    status = (page.meta or {}).get("translation_status")
    if language == DEFAULT_LANGUAGE or folder != language or status in (None, "validated"):
        return markdown
    source = catalogue_for(Path(config.docs_dir)).by_path.get((DEFAULT_LANGUAGE, relative))
    if source is None or source.id is not None:
        return markdown   # controlled documents: the banner comes with the card
    french_href = get_relative_url(page.url.removeprefix(f"{language}/"), page.url)
    return insert_after_title(markdown, notice_block(relative, status, language, french_href))
