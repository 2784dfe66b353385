"""Stop the build, before anything is written, when a content file breaks a rule.

Reviewers edit Markdown through pull requests. The document-control contract (front matter),
the data files, raw HTML and remote resources, the generated-block markers, the structure of up-to-date
translations and the safety rules between protocols and their checklists (hooks/aar/coherence.py) are
checked on every page of both languages, and all problems are reported
together, in French, with file and line.
"""

from __future__ import annotations

from pathlib import Path

from aar.coherence import check_coherence
from aar.contract import DEFAULT_LANGUAGE, catalogue_for, check_catalogue
from aar.datacheck import check_data
from aar.markers import check_markers
from aar.privacy import sensitive_content
from aar.problems import raise_once
from aar.safety import unsafe_content
from aar.structure import structure_problems


def check_tree(docs_dir: Path) -> list:
    problems = check_data()
    if problems:  # pages are checked against the data: fix the data first
        return problems
    catalogue = catalogue_for(docs_dir)
    problems = check_catalogue(catalogue)
    for path in sorted(docs_dir.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        shown = f"{docs_dir.name}/{path.relative_to(docs_dir).as_posix()}"
        problems += unsafe_content(text, shown)
        problems += check_markers(text, shown, catalogue)
    problems += translation_structure(docs_dir, catalogue)
    problems += sensitive_content(docs_dir)  # personal data, NFC, invisible characters (docs/ and data/)
    if not problems:  # safety rules between documents assume each one is well formed
        problems += check_coherence(catalogue, lambda doc: (docs_dir / doc.language / doc.relative)
                                    .read_text(encoding="utf-8"))
    return problems


def translation_structure(docs_dir: Path, catalogue) -> list:
    """Up-to-date translations must keep their source's structure (headings, links, lists…)."""
    problems = []
    for translation, source, up_to_date in catalogue.translations():
        if not up_to_date:
            continue
        problems += structure_problems(
            (docs_dir / DEFAULT_LANGUAGE / source.relative).read_text(encoding="utf-8"),
            (docs_dir / translation.language / translation.relative).read_text(encoding="utf-8"),
            translation.path, source.path)
    return problems


# static-i18n builds each language from the same files: they are checked once per process and change.
_CHECKED: set = set()


def on_pre_build(config):
    raise_once(_CHECKED, Path(config.docs_dir), check_tree)
