"""A translation keeps its source's structure: headings and anchors, links, lists, tables, markers.

Compared only when the translation says it follows the current French version: a translation that
is behind is expected to differ, and its banner says so.
"""

from __future__ import annotations

import re
from collections import Counter

from .pages import strip_code
from .problems import Problem

_HEADING = re.compile(r"^(#{2,6})\s+.*?\{#([^}\s]+)[^}]*\}\s*$", re.M)
_LINK = re.compile(r"\]\(([^)\s]+)\)")
_TASK = re.compile(r"^\s*[-*] \[[ xX]\] ", re.M)
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$", re.M)
_MARKER = re.compile(r"<!--\s*aar:.*?-->")
_ADMONITION = re.compile(r"^\s*!!! (\w+)", re.M)


def _body(text: str) -> str:
    match = re.match(r"---\s*\n.*?\n---\s*\n", text, re.S)
    return text[match.end():] if match else text


def structure(text: str) -> dict:
    body = _body(text)
    plain = strip_code(body)
    return {
        "titres": [f"{'#' * len(level)} {{#{anchor}}}" for level, anchor in _HEADING.findall(plain)],
        "liens": Counter(_LINK.findall(plain)),
        "cases à cocher": len(_TASK.findall(plain)),
        "lignes de tableau": len(_TABLE_ROW.findall(plain)),
        "marqueurs": _MARKER.findall(body),
        "encadrés": _ADMONITION.findall(plain),
    }


def structure_problems(source_text: str, translation_text: str, path: str, source_path: str) -> list[Problem]:
    source, translation = structure(source_text), structure(translation_text)
    problems = []
    for name in source:
        if source[name] == translation[name]:
            continue
        if name == "liens":
            missing = sorted((source[name] - translation[name]).elements())
            extra = sorted((translation[name] - source[name]).elements())
            detail = "; ".join(filter(None, [f"absents : {', '.join(missing[:5])}" if missing else "",
                                             f"en trop : {', '.join(extra[:5])}" if extra else ""]))
        elif isinstance(source[name], list):
            detail = f"attendu {len(source[name])}, trouvé {len(translation[name])}"
            for position, (a, b) in enumerate(zip(source[name], translation[name]), 1):
                if a != b:
                    detail = f"n° {position} : attendu {a}, trouvé {b}"
                    break
        else:
            detail = f"attendu {source[name]}, trouvé {translation[name]}"
        problems.append(Problem(path, None, (
            f"la traduction ne suit pas la structure de {source_path} ({name} : {detail}). Une traduction "
            "à jour garde les mêmes titres et ancres, liens, listes, tableaux, encadrés et marqueurs ; si la "
            "page française a changé, indiquez dans source_version la version réellement traduite.")))
    return problems
