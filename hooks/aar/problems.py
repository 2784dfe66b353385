"""Build-stopping problems, reported together in French for reviewers who do not read Python."""

from __future__ import annotations

from dataclasses import dataclass

from mkdocs.exceptions import PluginError


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}, ligne {self.line}" if self.line else self.path
        return f"{where} : {self.message}"


class ContentProblems(PluginError):
    """Raised with every problem found, so one build lists them all."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=lambda p: (p.path, p.line or 0, p.message))
        count = len(self.problems)
        header = (
            f"La construction du site est arrêtée : {count} problème"
            f"{'s' if count > 1 else ''} à corriger."
        )
        super().__init__("\n".join([header, *(f"  - {p}" for p in self.problems)]))


def raise_if_any(problems: list[Problem]) -> None:
    if problems:
        raise ContentProblems(problems)


def raise_once(checked: set, docs_dir, check) -> None:
    """Stop on `check(docs_dir)`'s problems, checking once per state of the pages and data files:
    static-i18n builds each language from the same files."""
    from .project import tree_signature

    signature = tree_signature(docs_dir)
    if signature not in checked:
        raise_if_any(check(docs_dir))
        checked.add(signature)
