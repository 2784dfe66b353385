"""Show, under the title of every controlled page, its document card and its banners.

Printed copies outlive the website: a page or sheet must say what it is (id, version, status,
dates, owner, approval) and warn when it is not approved, retired, overdue for review, or a
Wolof text behind or not yet validated. Everything is in the page's language, and prints in
the PDFs since it is part of the page.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from mkdocs.utils import get_relative_url

from aar.contract import Catalogue, catalogue_for
from aar.control import banners, card
from aar.pages import insert_after_title
from aar.project import DEFAULT_LANGUAGE, build_date, current_language, load_data
from aar.templates import labels, render


def split_source(src_uri: str) -> tuple[str, str]:
    """`wo/protocoles/pos-01.md` -> ("wo", "protocoles/pos-01.md")."""
    language, _, relative = src_uri.partition("/")
    return language, relative


def card_block(catalogue: Catalogue, src_uri: str, language: str, page_url: str, url_of=None, today=None) -> str | None:
    """The card and banners of a page, or None for a page that is not a controlled document."""
    folder, relative = split_source(src_uri)
    source = catalogue.by_path.get((DEFAULT_LANGUAGE, relative))
    if source is None or source.id is None:
        return None
    translation = catalogue.by_path.get((folder, relative)) if folder != DEFAULT_LANGUAGE else None
    t = labels(language)
    owners = load_data("owners")
    french_url = page_url.removeprefix(f"{language}/") if language != DEFAULT_LANGUAGE else page_url
    replacement_href = ""
    replaced_by = source.meta.get("replaced_by")
    if replaced_by and url_of and replaced_by in catalogue.french:
        target = url_of(catalogue.french[replaced_by].relative)
        replacement_href = get_relative_url(target, page_url) if target else ""
    rows = card(source, translation, language, owners, t)
    return render(
        "document-card.html", language, rows=rows,
        summary=t["card_summary"].format(id=source.meta["id"], version=source.meta["version"],
                                         status=t[f"status_{source.meta['status']}"]),
        banners=banners(source, translation, language, owners, t, today or build_date(),
                        french_href=get_relative_url(french_url, page_url), replacement_href=replacement_href),
    )


def on_page_markdown(markdown, page, config, files):
    language = current_language(config)

    def url_of(relative: str) -> str | None:
        for folder in (language, DEFAULT_LANGUAGE):
            file = files.get_file_from_path(str(PurePosixPath(folder) / relative))
            if file is not None:
                return file.url
        return None

    block = card_block(catalogue_for(Path(config.docs_dir)), page.file.src_uri, language, page.url, url_of)
    return insert_after_title(markdown, block) if block else markdown
