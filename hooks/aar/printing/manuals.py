"""Which document goes in which printed manual: data/manuals.yml, checked, then resolved per language.

A typo in the data file (an id that is no document, a section anchor that a document does not have) stops
the build with the file, the line, the field and what is expected, in French.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..contract import ID_PATTERN, Catalogue
from ..problems import Problem
from ..project import DATA_DIR, DEFAULT_LANGUAGE, localized

FILE = "data/manuals.yml"
# Each language's name in that language, for covers and the downloads page.
LANGUAGE_NAMES = {"fr": "français", "wo": "wolof"}
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
PDF_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\.pdf$")
CHART_MARKER = re.compile(r"<!--\s*aar:flowchart\s+id=([A-Za-z0-9_.-]+)\s*-->")
HEADING_ANCHOR = re.compile(r"^#{2,6} .*\{#([A-Za-z0-9_-]+)[^}]*\}\s*$", re.M)


@dataclass(frozen=True)
class Item:
    """One printed piece of a manual."""

    kind: str                       # "page" (whole page) | "extract" | "chart"
    relative: str                   # the page's path under its language folder
    doc_id: str | None = None       # the controlled document's id, if any
    sections: tuple[str, ...] = ()  # for an extract: heading anchors to keep
    chart: str | None = None        # for a chart: its name under data/flowcharts/


@dataclass
class Part:
    title: str
    items: list[Item] = field(default_factory=list)


@dataclass
class Manual:
    id: str
    file: str
    title: dict
    audience: dict
    parts: list = field(default_factory=list)   # raw parts from the data file
    navigation: bool = False
    exclude: tuple[str, ...] = ()

    def text(self, name: str, language: str) -> str:
        return localized(getattr(self, name), language)


# --------------------------------------------------------------------------------------------
# Reading, with the line of every value
# --------------------------------------------------------------------------------------------

def _lines(node, path=(), found=None) -> dict:
    found = {} if found is None else found
    found[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _lines(value, path + (key.value,), found)
    elif isinstance(node, yaml.SequenceNode):
        for index, value in enumerate(node.value):
            _lines(value, path + (index,), found)
    return found


def read_manuals_file(path: Path | None = None) -> tuple[object, dict, list[Problem]]:
    """The data, the line of each value (by path), and the problem if the file cannot be read."""
    path = path or DATA_DIR / "manuals.yml"
    try:
        return _read(path, path.stat().st_mtime_ns)
    except FileNotFoundError:
        return None, {}, [Problem(FILE, None, "fichier introuvable ; il déclare les manuels imprimés.")]


@functools.lru_cache(maxsize=4)
def _read(path: Path, mtime: int) -> tuple[object, dict, list[Problem]]:
    text = path.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return None, {}, [Problem(FILE, mark.line + 1 if mark else None,
                                  f"YAML illisible ({getattr(error, 'problem', None) or error}). Vérifiez "
                                  "l'indentation (espaces, pas de tabulations) et les deux-points.")]
    return data, (_lines(node) if node is not None else {}), []


# --------------------------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------------------------

def chart_sources(catalogue: Catalogue, read_text) -> dict[str, str]:
    """Decision chart name -> the French page (relative path) that shows it."""
    found = {}
    for document in catalogue.documents:
        if document.language == DEFAULT_LANGUAGE:
            for name in CHART_MARKER.findall(read_text(document)):
                found.setdefault(name, document.relative)
    return found


def heading_anchors(text: str) -> set[str]:
    return set(HEADING_ANCHOR.findall(text))


def _is_text(value) -> bool:
    return isinstance(value, dict) and isinstance(value.get(DEFAULT_LANGUAGE), str) and bool(value["fr"].strip()) \
        and all(isinstance(v, str) for v in value.values())


def check_manuals(data, lines: dict, catalogue: Catalogue, read_text) -> list[Problem]:
    """Every problem of data/manuals.yml, with its line."""
    problems: list[Problem] = []

    def add(path: tuple, message: str) -> None:
        line = None
        while line is None and path is not None:
            line = lines.get(path)
            path = path[:-1] if path else None
        problems.append(Problem(FILE, line, message))

    if not isinstance(data, dict) or not isinstance(data.get("manuals"), list) or not data["manuals"]:
        add((), "attendu une liste « manuals » d'au moins un manuel.")
        return problems
    charts = chart_sources(catalogue, read_text)
    french_pages = {d.relative: d for d in catalogue.documents if d.language == DEFAULT_LANGUAGE}
    seen_ids, seen_files = set(), set()
    for index, manual in enumerate(data["manuals"]):
        at = ("manuals", index)
        if not isinstance(manual, dict):
            add(at, f"manuel {index + 1} : attendu un groupe de champs id, file, title, audience et parts.")
            continue
        name = manual.get("id")
        label = f"manuel « {name} »" if isinstance(name, str) else f"manuel {index + 1}"
        unknown = sorted(set(manual) - {"id", "file", "title", "audience", "parts", "navigation", "exclude"})
        if unknown:
            add(at + (unknown[0],), f"{label} : champ « {unknown[0]} » inconnu ; champs possibles : id, file, "
                                    "title, audience, parts, navigation, exclude.")
        if not isinstance(name, str) or not SLUG.match(name):
            add(at + ("id",), f"{label} : « id » attendu en minuscules et tirets, par exemple guide-terrain.")
        elif name in seen_ids:
            add(at + ("id",), f"{label} : cet id est déjà celui d'un autre manuel.")
        seen_ids.add(name)
        file = manual.get("file")
        if not isinstance(file, str) or not PDF_NAME.match(file):
            add(at + ("file",), f"{label} : « file » attendu comme nom de fichier en minuscules et tirets qui finit "
                                "par .pdf, par exemple aar-bakkan-guide-terrain.pdf.")
        elif file in seen_files:
            add(at + ("file",), f"{label} : le fichier {file} est déjà celui d'un autre manuel.")
        seen_files.add(file)
        for text_field in ("title", "audience"):
            if not _is_text(manual.get(text_field)):
                add(at + (text_field,), f"{label} : « {text_field} » attendu sous la forme {{fr: \"texte\"}} "
                                        "(wo facultatif).")
        if manual.get("navigation") is True:
            if "parts" in manual:
                add(at + ("parts",), f"{label} : « parts » et « navigation: true » s'excluent ; gardez l'un des deux.")
            exclude = manual.get("exclude", [])
            if not isinstance(exclude, list):
                add(at + ("exclude",), f"{label} : « exclude » attendu comme liste de chemins sous docs/fr/.")
                continue
            for position, path in enumerate(exclude):
                if not isinstance(path, str) or not any(excluded(page, (path,)) for page in french_pages):
                    add(at + ("exclude", position), f"{label}, exclude : « {path} » n'est aucune page ni aucun "
                                                    "dossier de docs/fr/ (un dossier finit par /).")
            continue
        if "navigation" in manual and manual["navigation"] is not False:
            add(at + ("navigation",), f"{label} : « navigation » attendu true ou false.")
        if "exclude" in manual:
            add(at + ("exclude",), f"{label} : « exclude » ne sert qu'avec « navigation: true ».")
        parts = manual.get("parts")
        if not isinstance(parts, list) or not parts:
            add(at + ("parts",), f"{label} : attendu « parts », une liste de parties (title, documents), ou "
                                 "« navigation: true ».")
            continue
        for part_index, part in enumerate(parts):
            part_at = at + ("parts", part_index)
            part_label = f"{label}, partie {part_index + 1}"
            if not isinstance(part, dict) or not _is_text(part.get("title")) \
                    or not isinstance(part.get("documents"), list) or not part["documents"]:
                add(part_at, f"{part_label} : attendu title ({{fr: \"texte\"}}) et documents (une liste non vide).")
                continue
            for entry_index, entry in enumerate(part["documents"]):
                message = _entry_problem(entry, catalogue, french_pages, charts, read_text)
                if message:
                    add(part_at + ("documents", entry_index),
                        f"{part_label}, document {entry_index + 1} : {message}")
    return problems


def _entry_problem(entry, catalogue: Catalogue, french_pages: dict, charts: dict, read_text) -> str | None:
    if isinstance(entry, str):
        if ID_PATTERN.match(entry):
            return None if entry in catalogue.french else f"aucun document n'a l'id « {entry} »."
        if entry.endswith(".md"):
            return None if entry in french_pages else f"« {entry} » n'est aucune page de docs/fr/."
        return (f"« {entry} » : attendu l'id d'un document (par exemple LC-02) ou le chemin d'une page sous "
                "docs/fr/ (par exemple references/glossaire.md).")
    if isinstance(entry, dict) and set(entry) == {"chart"}:
        name = entry["chart"]
        if name not in charts:
            return (f"l'arbre de décision « {name} » n'est montré par aucune page (attendu le nom d'un fichier de "
                    "data/flowcharts/ qu'une page affiche avec <!-- aar:flowchart id=… -->).")
        return None
    if isinstance(entry, dict) and set(entry) == {"extract", "sections"}:
        doc_id, sections = entry["extract"], entry["sections"]
        if doc_id not in catalogue.french:
            return f"extrait : aucun document n'a l'id « {doc_id} »."
        if not isinstance(sections, list) or not sections:
            return "extrait : « sections » attendu comme liste d'ancres de titres, par exemple [essentiel, etape-1]."
        anchors = heading_anchors(read_text(catalogue.french[doc_id]))
        missing = [s for s in sections if s not in anchors]
        if missing:
            return (f"extrait de {doc_id} : aucun titre n'a l'ancre « {missing[0]} » (ancres possibles : "
                    + ", ".join(sorted(anchors)) + ").")
        return None
    return ("attendu un id (LC-02), un chemin (references/glossaire.md), {extract: ID, sections: [ancres]} "
            "ou {chart: nom}.")


# --------------------------------------------------------------------------------------------
# Resolution, for one language
# --------------------------------------------------------------------------------------------

def manuals_from(data) -> list[Manual]:
    return [Manual(m["id"], m["file"], m["title"], m["audience"], m.get("parts", []), m.get("navigation") is True,
                   tuple(m.get("exclude", []))) for m in data["manuals"]]


def plan(manual: Manual, language: str, catalogue: Catalogue, navigation: list[tuple[str, list[str]]],
         charts: dict[str, str]) -> list[Part]:
    """The parts and items of a manual in one language.

    `navigation` is the site navigation of that language: (section title, page paths under the language folder).
    """
    if manual.navigation:
        parts = []
        for title, pages in navigation:
            items = [_page_item(relative, catalogue) for relative in pages if not excluded(relative, manual.exclude)]
            if items:
                parts.append(Part(title, items))
        return parts
    parts = []
    for raw in manual.parts:
        items = []
        for entry in raw["documents"]:
            if isinstance(entry, str) and ID_PATTERN.match(entry):
                items.append(Item("page", catalogue.french[entry].relative, entry))
            elif isinstance(entry, str):
                items.append(_page_item(entry, catalogue))
            elif "chart" in entry:
                relative = charts[entry["chart"]]
                source = catalogue.by_path[(DEFAULT_LANGUAGE, relative)]
                items.append(Item("chart", relative, source.id, chart=entry["chart"]))
            else:
                items.append(Item("extract", catalogue.french[entry["extract"]].relative, entry["extract"],
                                  tuple(entry["sections"])))
        parts.append(Part(localized(raw["title"], language), items))
    return parts


def excluded(relative: str, exclude) -> bool:
    return any(relative == path or (path.endswith("/") and relative.startswith(path)) for path in exclude)


def _page_item(relative: str, catalogue: Catalogue) -> Item:
    source = catalogue.by_path.get((DEFAULT_LANGUAGE, relative))
    return Item("page", relative, source.id if source is not None else None)
