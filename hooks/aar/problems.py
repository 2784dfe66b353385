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
