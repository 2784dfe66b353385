"""Stop the build, before anything is written, when a content file breaks a rule.

Reviewers edit Markdown through pull requests. The document-control contract (front matter),
raw HTML and remote resources, and the generated-block markers are checked on every page of
both languages, and all problems are reported together, in French, with file and line.
"""

from __future__ import annotations

from pathlib import Path

from aar.contract import catalogue_for, check_catalogue
from aar.markers import check_markers
from aar.problems import raise_if_any
from aar.safety import unsafe_content


def check_tree(docs_dir: Path) -> list:
    catalogue = catalogue_for(docs_dir)
    problems = check_catalogue(catalogue)
    for path in sorted(docs_dir.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        shown = f"{docs_dir.name}/{path.relative_to(docs_dir).as_posix()}"
        problems += unsafe_content(text, shown)
        problems += check_markers(text, shown, catalogue)
    return problems


def on_pre_build(config):
    raise_if_any(check_tree(Path(config.docs_dir)))
