"""The downloads page: every printed manual of the page's language, with its pages, size and edition.

The manuals are declared in data/manuals.yml; their pages and size are only known once the PDFs exist, and the
edition comes from mkdocs.yml, so the block leaves marked cells that hooks/print.py fills in at the end of the
build.
"""

from __future__ import annotations

from mkdocs.utils import get_relative_url

from ..markers import BlockContext, renderer
from ..printing.manuals import LANGUAGE_NAMES, manuals_from, read_manuals_file
from ..templates import labels, render
from .flowchart import page_url


def _check(arguments: dict, catalogue) -> str | None:
    data, _, problems = read_manuals_file()
    if problems:
        return str(problems[0])
    if not isinstance(data, dict) or not isinstance(data.get("manuals"), list):
        return "data/manuals.yml : attendu une liste « manuals » (voir l'en-tête du fichier)."
    return None


def pdf_href(relative: str, file: str) -> str:
    """The link from a page (path under its language folder) to a PDF of the same language."""
    return get_relative_url(f"pdf/{file}", page_url(relative))


@renderer("downloads", check=_check)
def downloads(context: BlockContext) -> str:
    data, _, _ = read_manuals_file()
    t = labels(context.language)
    manuals = [{"id": m.id, "title": m.text("title", context.language),
                "audience": m.text("audience", context.language), "href": pdf_href(context.relative, m.file)}
               for m in manuals_from(data)]
    language = LANGUAGE_NAMES.get(context.language, context.language)
    return render("downloads.html", context.language, manuals=manuals, edition="—",
                  caption=t["downloads_language"].format(language=language))
