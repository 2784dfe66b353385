"""Replace the explicit markers of a page (`<!-- aar:NAME … -->`) by their generated block.

Data that appears on several pages (register, change log, references, contacts, centre tables,
decision charts) lives in one place and is rendered here, in the page's language. Markers were
checked before the build (hooks/content_checks.py), so an unknown one never reaches a page.
"""

from __future__ import annotations

from pathlib import Path

from aar.contract import catalogue_for
from aar.markers import BlockContext, MarkerError, expand
from aar.problems import Problem, raise_if_any
from aar.project import DEFAULT_LANGUAGE, build_date, current_language


def on_page_markdown(markdown, page, config, files):
    catalogue = catalogue_for(Path(config.docs_dir))
    _, _, relative = page.file.src_uri.partition("/")
    context = BlockContext(
        language=current_language(config),
        relative=relative,
        catalogue=catalogue,
        today=build_date(),
        document=catalogue.by_path.get((DEFAULT_LANGUAGE, relative)),
    )
    try:
        return expand(markdown, context)
    except MarkerError as error:
        raise_if_any([Problem(f"docs/{page.file.src_uri}", None, str(error))])
