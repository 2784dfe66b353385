"""The document-control contract: what every controlled document declares, checked all at once.

A protocol is only usable if everyone knows which version is in force, who approved it, when it
must be reviewed and whether the Wolof text still matches the French one. Every breach is
reported in French with the file, the line, the field, what was expected and what was found.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .frontmatter import FrontMatter, read_front_matter
from .problems import Problem
from .project import DEFAULT_LANGUAGE, load_data

PREFIXES = {"protocol": "POS", "checklist": "LC", "card": "FIC", "form": "FORM", "guideline": "DIR",
            "training": "FOR", "template": "MOD"}
# Types that apply a protocol step by step and must name it in `protocol`.
APPLYING_TYPES = ("checklist", "card")
STATUSES = ("draft", "review", "approved", "retired")
TRANSLATION_STATUSES = ("machine", "draft", "reviewed", "validated")
ID_PATTERN = re.compile(r"^(POS|LC|FIC|FORM|DIR|FOR|MOD)-\d{2,3}$")
VERSION_PATTERN = re.compile(r"^\d+\.\d+(\.\d+)?$")

FRENCH_FIELDS = ("id", "title", "type", "version", "status", "effective_date", "review_date",
                 "owner", "history")
CONDITIONAL_FIELDS = ("approved_by", "approved_on", "replaced_by", "protocol")
WOLOF_FIELDS = ("id", "title", "source_version", "translation_status", "translated_by")
# Who or what produced a Wolof text (issue 11): a role or "machine", never a person's name. Required once a
# translation follows the current French version; a lagging one gets it when it is brought up to date.
TRANSLATORS = ("machine", "traducteur", "locuteur natif", "équipe wolof du projet")
# Front-matter keys that MkDocs or Material read on any page.
THEME_FIELDS = ("hide", "search", "template", "description", "icon")
ALLOWED_PROTOCOL_TYPES = ("protocol", "guideline")


@dataclass
class Document:
    """One Markdown page, controlled (with an `id`) or not."""

    path: str                 # as shown to reviewers: docs/fr/protocoles/pos-01.md
    language: str
    relative: str             # path under the language folder: protocoles/pos-01.md
    front: FrontMatter
    title: str = ""

    @property
    def meta(self) -> dict:
        return self.front.meta

    @property
    def id(self) -> str | None:
        value = self.meta.get("id")
        return value if isinstance(value, str) else None


@dataclass
class Catalogue:
    """All pages of both languages, and the controlled documents indexed by id."""

    documents: list[Document] = field(default_factory=list)
    french: dict[str, Document] = field(default_factory=dict)   # id -> French document
    wolof: dict[str, Document] = field(default_factory=dict)    # id -> Wolof document
    by_path: dict[tuple[str, str], Document] = field(default_factory=dict)

    def translation(self, doc_id: str) -> Document | None:
        return self.wolof.get(doc_id)

    def translations(self):
        """Each readable translation with its readable French source, and whether it follows the source's
        current version (a page without id always does)."""
        for document in self.documents:
            if document.language == DEFAULT_LANGUAGE or document.front.error:
                continue
            source = self.by_path.get((DEFAULT_LANGUAGE, document.relative))
            if source is None or source.front.error:
                continue
            current = document.meta.get("source_version") == source.meta.get("version")
            yield document, source, source.id is None or current


def version_key(version: str) -> tuple[int, ...]:
    parts = [int(p) for p in version.split(".")]
    return tuple(parts + [0] * (3 - len(parts)))


def _first_heading(text: str) -> str:
    match = re.search(r"^# (.+?)\s*$", text, re.M)
    return match.group(1) if match else ""


def _signature(docs_dir: Path) -> tuple:
    """Every page's path and modification time (asked for by several hooks on every page: os.scandir is
    several times faster than Path.rglob and stat)."""
    found, folders = [], [str(docs_dir)]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir():
                    folders.append(entry.path)
                elif entry.name.endswith(".md"):
                    found.append((entry.path, entry.stat().st_mtime_ns))
    return tuple(sorted(found))


def catalogue_for(docs_dir: Path) -> Catalogue:
    """The catalogue of a docs folder, read again only when a page changed."""
    return _cached_catalogue(Path(docs_dir), _signature(Path(docs_dir)))


@functools.lru_cache(maxsize=4)
def _cached_catalogue(docs_dir: Path, signature: tuple) -> Catalogue:
    return read_catalogue(docs_dir)


def read_catalogue(docs_dir: Path) -> Catalogue:
    catalogue = Catalogue()
    for language_dir in sorted(p for p in docs_dir.iterdir() if p.is_dir()):
        for path in sorted(language_dir.rglob("*.md")):
            text = path.read_text(encoding="utf-8")
            relative = PurePosixPath(path.relative_to(language_dir).as_posix())
            front = read_front_matter(text)
            title = front.meta.get("title") if isinstance(front.meta.get("title"), str) else None
            shown = f"{docs_dir.name}/{language_dir.name}/{relative}"
            document = Document(shown, language_dir.name, str(relative), front,
                                title or _first_heading(text))
            catalogue.documents.append(document)
            catalogue.by_path[(document.language, document.relative)] = document
            if document.id:
                index = catalogue.french if document.language == DEFAULT_LANGUAGE else catalogue.wolof
                index.setdefault(document.id, document)
    return catalogue


# --------------------------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------------------------

def _shown(value) -> str:
    if value is None:
        return "rien"
    if isinstance(value, str):
        return f"« {value} »"
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, float):
        return f"le nombre {value}"
    if isinstance(value, (list, dict)):
        return "une liste" if isinstance(value, list) else "un groupe de champs"
    return f"« {value} »"


class _Report:
    def __init__(self, document: Document):
        self.document = document
        self.problems: list[Problem] = []

    def add(self, name: str, expected: str, found=None, *, line: int | None = None, plain: str | None = None):
        where = line or self.document.front.line(name)
        message = plain or f"champ « {name} » : attendu {expected} ; trouvé {_shown(found)}."
        self.problems.append(Problem(self.document.path, where, message))


def _check_version(report: _Report, name: str, value, line: int | None = None) -> bool:
    if isinstance(value, float) or isinstance(value, int):
        report.add(name, 'une version entre guillemets au format MAJEUR.MINEUR, par exemple "1.2"',
                   value, line=line)
        return False
    if not isinstance(value, str) or not VERSION_PATTERN.match(value):
        report.add(name, 'une version au format MAJEUR.MINEUR ou MAJEUR.MINEUR.CORRECTIF, par exemple "1.2"',
                   value, line=line)
        return False
    return True


def _check_date(report: _Report, name: str, value, line: int | None = None) -> bool:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        report.add(name, "une date au format AAAA-MM-JJ, par exemple 2027-03-31", value, line=line)
        return False
    return True


def _check_text(report: _Report, name: str, value, line: int | None = None) -> bool:
    if not isinstance(value, str) or not value.strip():
        report.add(name, "un texte non vide", value, line=line)
        return False
    return True


def _check_choice(report: _Report, name: str, value, choices) -> bool:
    if value not in choices:
        report.add(name, "une de ces valeurs : " + ", ".join(choices), value)
        return False
    return True


def _check_history(report: _Report, history, version) -> None:
    if not isinstance(history, list) or not history:
        report.add("history", "une liste d'au moins une entrée (version, date, summary), la plus récente en premier",
                   history)
        return
    previous = None
    for index, entry in enumerate(history):
        line = report.document.front.line(f"history[{index}]")
        label = f"history, entrée {index + 1}"
        if not isinstance(entry, dict):
            report.add(label, "un groupe de champs version, date et summary", entry, line=line)
            continue
        unknown = sorted(set(entry) - {"version", "date", "summary"})
        if unknown:
            report.add(f"{label}, {unknown[0]}", "seulement version, date et summary", unknown[0], line=line)
        ok_version = _check_version(report, f"{label}, version", entry.get("version"), line)
        ok_date = _check_date(report, f"{label}, date", entry.get("date"), line)
        _check_text(report, f"{label}, summary", entry.get("summary"), line)
        if ok_version and ok_date:
            current = (version_key(entry["version"]), entry["date"])
            if previous and not (current[0] < previous[0] and current[1] <= previous[1]):
                report.add(label, "", plain=(
                    f"champ « history » : les entrées doivent aller de la plus récente à la plus ancienne "
                    f"(versions décroissantes, dates décroissantes) ; l'entrée {index + 1} "
                    f"(version {entry['version']} du {entry['date']}) ne respecte pas cet ordre."), line=line)
            previous = current
    first = history[0] if isinstance(history[0], dict) else {}
    if isinstance(version, str) and first.get("version") != version:
        versions = [e.get("version") for e in history if isinstance(e, dict)]
        if version in versions:
            message = (f"champ « history » : la première entrée doit être la version en vigueur {version} ; "
                       f"trouvé la version {first.get('version')}.")
        else:
            message = (f"champ « version » : la version {version} n'est pas dans l'historique ; "
                       f"ajoutez en tête de « history » une entrée pour la version {version} "
                       "(version, date, summary).")
        report.add("history", "", plain=message, line=report.document.front.line("version"))


def check_french(document: Document, owners: dict, catalogue: Catalogue) -> list[Problem]:
    report = _Report(document)
    meta = document.meta
    for name in FRENCH_FIELDS:
        if name not in meta:
            report.add(name, "", plain=f"champ obligatoire « {name} » absent. Voir le modèle dans "
                                       "a-propos/controle-documentaire.md.")
    allowed = set(FRENCH_FIELDS) | set(CONDITIONAL_FIELDS) | set(THEME_FIELDS)
    for name in meta:
        if name not in allowed:
            report.add(name, "", plain=(f"champ « {name} » inconnu. Champs possibles : "
                                        + ", ".join(FRENCH_FIELDS + CONDITIONAL_FIELDS) + "."))

    doc_id = meta.get("id")
    doc_type = meta.get("type")
    if "type" in meta:
        _check_choice(report, "type", doc_type, tuple(PREFIXES))
    if "id" in meta:
        if not isinstance(doc_id, str) or not ID_PATTERN.match(doc_id):
            report.add("id", "un identifiant comme POS-01, LC-03 ou FORM-02 (préfixe POS, LC, FIC, FORM, DIR, "
                             "FOR ou MOD, un tiret, deux ou trois chiffres)", doc_id)
        else:
            if doc_type in PREFIXES and not doc_id.startswith(PREFIXES[doc_type] + "-"):
                report.add("id", f"un identifiant commençant par {PREFIXES[doc_type]}- pour le type « {doc_type} »",
                           doc_id)
            expected_name = doc_id.lower() + ".md"
            if PurePosixPath(document.relative).name != expected_name:
                report.add("id", "", plain=(f"champ « id » : le fichier doit s'appeler {expected_name} "
                                            f"(l'identifiant en minuscules) ; trouvé "
                                            f"{PurePosixPath(document.relative).name}."))
            first = catalogue.french.get(doc_id)
            if first is not None and first is not document:
                report.add("id", "", plain=f"champ « id » : l'identifiant {doc_id} est déjà utilisé par {first.path}.")
    if "title" in meta:
        _check_text(report, "title", meta.get("title"))
    version_ok = "version" in meta and _check_version(report, "version", meta.get("version"))
    if "status" in meta:
        _check_choice(report, "status", meta.get("status"), STATUSES)
    dates_ok = all(["effective_date" in meta and _check_date(report, "effective_date", meta.get("effective_date")),
                    "review_date" in meta and _check_date(report, "review_date", meta.get("review_date"))])
    if dates_ok and meta["review_date"] <= meta["effective_date"]:
        report.add("review_date", f"une date postérieure à effective_date ({meta['effective_date']})",
                   meta["review_date"])
    if "owner" in meta and meta.get("owner") not in owners:
        report.add("owner", "une institution de la liste data/owners.yml : " + ", ".join(owners), meta.get("owner"))
    status = meta.get("status")
    if status == "approved":
        if "approved_by" not in meta:
            report.add("approved_by", "", plain="champ « approved_by » absent : obligatoire quand status vaut "
                                                "approved (l'institution qui a approuvé, voir data/owners.yml).")
        elif meta["approved_by"] not in owners:
            report.add("approved_by", "une institution de la liste data/owners.yml", meta["approved_by"])
        if "approved_on" not in meta:
            report.add("approved_on", "", plain="champ « approved_on » absent : obligatoire quand status vaut "
                                                "approved (date d'approbation AAAA-MM-JJ).")
        else:
            _check_date(report, "approved_on", meta["approved_on"])
    else:
        for name in ("approved_by", "approved_on"):
            if name in meta:
                report.add(name, "", plain=(f"champ « {name} » : seulement quand status vaut approved ; "
                                            f"ici status vaut {_shown(status)}."))
    if status == "retired":
        replacement = meta.get("replaced_by")
        if "replaced_by" not in meta:
            report.add("replaced_by", "", plain="champ « replaced_by » absent : obligatoire quand status vaut "
                                                "retired (l'identifiant du document qui le remplace).")
        elif replacement not in catalogue.french or replacement == doc_id:
            report.add("replaced_by", "l'identifiant d'un autre document existant", replacement)
    elif "replaced_by" in meta:
        report.add("replaced_by", "", plain=f"champ « replaced_by » : seulement quand status vaut retired ; "
                                            f"ici status vaut {_shown(status)}.")
    if doc_type in APPLYING_TYPES:
        target = meta.get("protocol")
        if "protocol" not in meta:
            report.add("protocol", "", plain="champ « protocol » absent : obligatoire pour une liste de contrôle "
                                             "ou une fiche réflexe (l'identifiant du protocole qu'elle applique).")
        elif target not in catalogue.french or catalogue.french[target].meta.get("type") not in ALLOWED_PROTOCOL_TYPES:
            report.add("protocol", "l'identifiant d'un protocole ou d'une directive existant", target)
    elif "protocol" in meta:
        report.add("protocol", "", plain="champ « protocol » : seulement pour une liste de contrôle "
                                            "ou une fiche réflexe (type checklist ou card).")
    if "history" in meta:
        _check_history(report, meta.get("history"), meta.get("version") if version_ok else None)
    return report.problems


def check_wolof(document: Document, catalogue: Catalogue) -> list[Problem]:
    report = _Report(document)
    meta = document.meta
    source = catalogue.by_path.get((DEFAULT_LANGUAGE, document.relative))
    if source is None:
        return [Problem(document.path, 1, f"aucune page française ne correspond (attendu : "
                                          f"docs/{DEFAULT_LANGUAGE}/{document.relative}). Une traduction a "
                                          "toujours une page source en français, au même chemin.")]
    if "translation_status" not in meta:
        report.add("translation_status", "", plain="champ obligatoire « translation_status » absent : "
                                                   "une de ces valeurs : " + ", ".join(TRANSLATION_STATUSES) + ".")
    else:
        _check_choice(report, "translation_status", meta.get("translation_status"), TRANSLATION_STATUSES)
    if "translated_by" in meta:
        _check_choice(report, "translated_by", meta.get("translated_by"), TRANSLATORS)
    if source.id is None:
        for name in meta:
            if name not in ("translation_status", "title", "translated_by") + THEME_FIELDS:
                report.add(name, "", plain=(f"champ « {name} » : cette page n'est pas un document contrôlé ; "
                                            "seuls translation_status, translated_by et title sont attendus."))
        return report.problems

    lagging = meta.get("source_version") != source.meta.get("version")
    for name in WOLOF_FIELDS:
        if name not in meta and not (name == "translated_by" and lagging):
            report.add(name, "", plain=f"champ obligatoire « {name} » absent (traduction de {source.id}).")
    for name in meta:
        if name in FRENCH_FIELDS + CONDITIONAL_FIELDS and name not in WOLOF_FIELDS:
            report.add(name, "", plain=(f"champ « {name} » : il est repris de la page française "
                                        f"({source.path}) ; ne l'écrivez pas dans la traduction."))
        elif name not in WOLOF_FIELDS + THEME_FIELDS + FRENCH_FIELDS + CONDITIONAL_FIELDS:
            report.add(name, "", plain=f"champ « {name} » inconnu. Champs possibles : " + ", ".join(WOLOF_FIELDS) + ".")
    if "id" in meta and meta.get("id") != source.id:
        report.add("id", f"le même identifiant que la page française ({source.id})", meta.get("id"))
    if "title" in meta:
        _check_text(report, "title", meta.get("title"))
    if "source_version" in meta and _check_version(report, "source_version", meta.get("source_version")):
        french_version = source.meta.get("version")
        if isinstance(french_version, str) and VERSION_PATTERN.match(french_version):
            if version_key(meta["source_version"]) > version_key(french_version):
                report.add("source_version", "", plain=(
                    f"champ « source_version » : la traduction dit suivre la version {meta['source_version']}, "
                    f"plus récente que la version française {french_version} ({source.path}). "
                    f"Attendu : {french_version} ou une version antérieure."))
    return report.problems


def check_catalogue(catalogue: Catalogue) -> list[Problem]:
    owners = load_data("owners")
    problems: list[Problem] = []
    for document in catalogue.documents:
        front = document.front
        if front.error:
            problems.append(Problem(document.path, front.error_line, front.error))
            continue
        if document.language == DEFAULT_LANGUAGE:
            controlled = "id" in document.meta
            if controlled:
                problems += check_french(document, owners, catalogue)
            else:
                reserved = [n for n in document.meta if n in FRENCH_FIELDS + CONDITIONAL_FIELDS + WOLOF_FIELDS
                            and n != "title"]
                for name in reserved:
                    problems.append(Problem(document.path, front.line(name), (
                        f"champ « {name} » : réservé aux documents contrôlés ; ajoutez un champ « id » "
                        "et tous les champs du contrat, ou retirez ce champ.")))
        else:
            problems += check_wolof(document, catalogue)
    return problems
