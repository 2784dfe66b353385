"""Say so, under the title, when a Wolof page is the French page shown as a fallback.

static-i18n serves the French file under /wo/ when no Wolof file exists; a reader must know that
the text is not (yet) in Wolof, and the notice says it in Wolof and in French.
"""

from __future__ import annotations

from pathlib import Path

from aar.pages import insert_after_title
from aar.project import DEFAULT_LANGUAGE, current_language
from aar.templates import render


def is_fallback(src_path: str, language: str) -> bool:
    """True when the page of a non-default language comes from the default language's folder."""
    if language == DEFAULT_LANGUAGE:
        return False
    return Path(src_path).parts[:1] == (DEFAULT_LANGUAGE,)


def fallback_block(language: str) -> str:
    return render("fallback-notice.html", language)


def on_page_markdown(markdown, page, config, files):
    language = current_language(config)
    if is_fallback(page.file.src_uri, language):
        return insert_after_title(markdown, fallback_block(language))
    return markdown
