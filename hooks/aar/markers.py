"""Generated blocks: explicit markers in the Markdown, replaced by content from data or front matter.

A marker is an HTML comment, `<!-- aar:NAME key=value … -->`, alone on its line. Each NAME has
one renderer; an unknown name, a malformed marker or a wrong argument stops the build with the
file and line, instead of leaking into the page.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from typing import Callable

from .contract import Catalogue, Document
from .pages import code_ranges, in_ranges
from .problems import Problem

_ANY = re.compile(r"<!--\s*aar:(.*?)-->", re.S)
_MARKER = re.compile(r"^<!--\s*aar:([a-z][a-z-]*)((?:\s+[a-z_]+=[A-Za-z0-9_.-]+)*)\s*-->$")


class MarkerError(Exception):
    """A marker that cannot be rendered; the message is in French."""


@dataclass
class BlockContext:
    language: str
    relative: str                   # the page's path under its language folder
    catalogue: Catalogue
    today: object = None
    document: Document | None = None   # the French controlled document of the page, if any

    def link(self, target_relative: str) -> str:
        """A relative Markdown link target from this page to another page of the same language."""
        return posixpath.relpath(target_relative, posixpath.dirname(self.relative) or ".")


@dataclass
class Renderer:
    function: Callable[..., str]
    arguments: tuple[str, ...] = ()
    required: tuple[str, ...] = ()
    controlled_only: bool = False
    check: Callable[[dict, Catalogue], str | None] | None = None   # French message when arguments are wrong


RENDERERS: dict[str, Renderer] = {}


def renderer(name: str, arguments=(), required=(), controlled_only=False, check=None):
    def register(function):
        RENDERERS[name] = Renderer(function, tuple(arguments), tuple(required), controlled_only, check)
        return function
    return register


@dataclass
class Marker:
    name: str
    arguments: dict = field(default_factory=dict)
    line: int = 0
    text: str = ""


def _parse(match: re.Match, text: str) -> tuple[Marker | None, str | None]:
    raw = match.group(0)
    line = text.count("\n", 0, match.start()) + 1
    strict = _MARKER.match(raw.strip())
    if not strict:
        return None, (f"marqueur mal formé « {' '.join(raw.split())} ». Attendu : "
                      "<!-- aar:nom clé=valeur --> sur une seule ligne, par exemple <!-- aar:history -->.")
    arguments = dict(pair.split("=", 1) for pair in strict.group(2).split())
    return Marker(strict.group(1), arguments, line, raw), None


def find_markers(text: str) -> list[tuple[Marker | None, str | None, int]]:
    found = []
    code = code_ranges(text)
    for match in _ANY.finditer(text):
        if in_ranges(match.start(), code):
            continue
        marker, error = _parse(match, text)
        found.append((marker, error, text.count("\n", 0, match.start()) + 1))
    return found


def marker_problem(marker: Marker, controlled: bool, catalogue: Catalogue) -> str | None:
    spec = RENDERERS.get(marker.name)
    if spec is None:
        return (f"marqueur inconnu « aar:{marker.name} ». Marqueurs possibles : "
                + ", ".join(f"aar:{n}" for n in sorted(RENDERERS)) + ".")
    unknown = sorted(set(marker.arguments) - set(spec.arguments))
    if unknown:
        allowed = ", ".join(spec.arguments) or "aucun"
        return f"marqueur « aar:{marker.name} » : argument « {unknown[0]} » inconnu (arguments possibles : {allowed})."
    missing = [a for a in spec.required if a not in marker.arguments]
    if missing:
        return f"marqueur « aar:{marker.name} » : argument « {missing[0]} » obligatoire, par exemple {missing[0]}=…"
    if spec.controlled_only and not controlled:
        return f"marqueur « aar:{marker.name} » : seulement dans un document contrôlé (avec un champ « id »)."
    if spec.check:
        return spec.check(marker.arguments, catalogue)
    return None


def _source_document(path: str, catalogue: Catalogue) -> Document | None:
    """The French document behind a page, given the page's path as shown to reviewers."""
    for document in catalogue.documents:
        if document.path == path:
            return catalogue.by_path.get(("fr", document.relative))
    return None


def check_markers(text: str, path: str, catalogue: Catalogue) -> list[Problem]:
    from . import blocks  # noqa: F401  (registers the renderers)

    source = _source_document(path, catalogue)
    controlled = source is not None and source.id is not None
    problems = []
    for marker, error, line in find_markers(text):
        message = error or marker_problem(marker, controlled, catalogue)
        if message:
            problems.append(Problem(path, line, message))
    return problems


def expand(text: str, context: BlockContext) -> str:
    """Replace every marker of a page by its rendered block (markers were checked before the build)."""
    from . import blocks  # noqa: F401

    code = code_ranges(text)

    def replace(match: re.Match) -> str:
        if in_ranges(match.start(), code):
            return match.group(0)
        marker, error = _parse(match, text)
        if error:
            raise MarkerError(error)
        problem = marker_problem(marker, context.document is not None and context.document.id is not None,
                                 context.catalogue)
        if problem:
            raise MarkerError(problem)
        try:
            return RENDERERS[marker.name].function(context, **marker.arguments)
        except MarkerError:
            raise
        except Exception as error:  # a data file the checks let through: say which block failed
            raise MarkerError(f"ligne {marker.line}, bloc « aar:{marker.name} » impossible à produire "
                              f"({type(error).__name__} : {error}). Vérifiez le fichier de données "
                              "correspondant.") from error

    return _ANY.sub(replace, text)
