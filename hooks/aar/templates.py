"""Render the project's HTML partials (overrides/partials/aar/) from the hooks.

HTML lives in Jinja templates, not in Python strings. The environment autoescapes, and it is the
same in builds and in tests.
"""

from __future__ import annotations

import functools

import jinja2

from .project import ROOT, load_data, localized


def markdown_cell(value) -> str:
    """Text safe inside a Markdown table cell: no HTML, no pipe, one line."""
    text = str(value)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return " ".join(text.replace("|", "\\|").split())


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """HTML partials (*.html) are autoescaped; Markdown partials (*.md) escape with `cell`."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(ROOT / "overrides" / "partials" / "aar")),
        autoescape=jinja2.select_autoescape(["html"], default_for_string=False, default=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["cell"] = markdown_cell
    return env


def labels(language: str) -> dict[str, str]:
    """Interface labels of the project's own blocks, from data/labels.yml."""
    return {key: localized(value, language) for key, value in load_data("labels").items()}


def render(name: str, language: str, **context) -> str:
    """Render one partial.

    An HTML partial comes out as a single block with no blank lines (a blank line would end a
    raw HTML block in Markdown); a Markdown partial keeps its layout.
    """
    output = environment().get_template(name).render(
        lang=language, t=labels(language), t_fr=labels("fr"), **context
    )
    if name.endswith(".html"):
        return "\n".join(line for line in output.splitlines() if line.strip())
    return output.strip("\n")
