"""Show every acronym's meaning as a tooltip wherever it appears on the site.

The meanings live in one data file (data/acronyms.yml); this hook appends them to each page as
Markdown abbreviation definitions, which the `abbr` extension turns into <abbr title="…">.
"""

from __future__ import annotations

from aar.blocks.reference import acronym_definitions
from aar.project import current_language


def abbreviation_lines(definitions: dict[str, str]) -> str:
    return "\n".join(f"*[{key}]: {value}" for key, value in sorted(definitions.items()) if value)


def on_page_markdown(markdown, page, config, files):
    lines = abbreviation_lines(acronym_definitions(current_language(config)))
    return f"{markdown}\n\n{lines}\n" if lines else markdown
