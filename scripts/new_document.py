"""Create a new controlled document: the French file, its navigation entry and its Wolof stub.

A reviewer who adds a protocol should not have to learn the document contract first. This command
writes a French file whose front matter passes the contract (next free identifier, version 0.1,
status draft, dates, owner, history) and whose body is the skeleton of its type (for a protocol:
every section in order, « L'essentiel » first, the history marker last; for a checklist or a card:
the layout of the existing ones); it adds the page to the navigation in mkdocs.yml, and writes the
Wolof counterpart with the same structure (source_version: 0.1) so that the translation starts from
the right skeleton. The stub is marked `translation_status: machine`, the status of a text no one has
reviewed: its placeholders are French, and hooks/aar/wolof.py reports French left in such a page
without stopping the build (a `draft` must already be Wolof).

A protocol passes the safety rules only with a checklist or a card that applies it
(hooks/aar/coherence.py), so creating a protocol also creates its checklist (or its card with
--with card), linked both ways: the two files pass every check as created.

Usage: python scripts/new_document.py TYPE "Titre" --owner OWNER [--protocol POS-01] [--with card]
       TYPE: protocol, checklist, card, form, guideline, training, template
             (or in French: protocole, liste, fiche, formulaire, directive, formation, modele)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import posixpath
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Kind:
    prefix: str
    folder: str
    section: str            # navigation section for a new folder
    label: str              # how the command names it


KINDS = {
    "protocol": Kind("POS", "protocoles", "Protocoles", "protocole"),
    "checklist": Kind("LC", "listes", "Listes de contrôle", "liste de contrôle"),
    "card": Kind("FIC", "fiches", "Fiches réflexes", "fiche réflexe"),
    "form": Kind("FORM", "formulaires", "Formulaires", "formulaire"),
    "guideline": Kind("DIR", "centres", "Centres d'assistance", "directive"),
    "training": Kind("FOR", "formation", "Formation", "module de formation"),
    "template": Kind("MOD", "mission", "Missions d'expertise", "modèle"),
}
ALIASES = {"protocole": "protocol", "liste": "checklist", "fiche": "card", "formulaire": "form",
           "directive": "guideline", "formation": "training", "modele": "template", "modèle": "template"}
APPLYING = ("checklist", "card")
TODO = "*À rédiger.*"
TODO_WO = "*À traduire depuis la page française.*"


class ScaffoldError(Exception):
    """A French message for the person who ran the command."""


# --------------------------------------------------------------------------------------------
# Skeletons: the French body of each type, line by line (the Wolof stub is derived from it)
# --------------------------------------------------------------------------------------------

def heading(level: int, text: str, anchor: str) -> str:
    return f"{'#' * level} {text} {{#{anchor}}}"


def section(anchor: str, text: str, *body: str, level: int = 2) -> list[str]:
    return ["", heading(level, text, anchor), "", *body]


HISTORY = section("historique", "Historique des révisions", "<!-- aar:history -->")


def protocol_body(applier_id: str, applier_link: str, applier_title: str, applier_label: str) -> list[str]:
    return [
        *section("essentiel", "L'essentiel",
                 f"1. **À rédiger** : le geste qui sauve une vie ou un droit ([étape 1](#etape-1) ; "
                 f"[{applier_id}]({applier_link}))."),
        *section("objet", "Objet", "*À rédiger : ce que le protocole permet d'obtenir, et pour qui.*"),
        *section("champ-application", "Champ d'application", "- **Personnes :** *à rédiger.*",
                 "- **Acteurs :** *à rédiger.*", "- **Moment :** *à rédiger.*", "- **Hors champ :** *à rédiger.*"),
        *section("definitions", "Définitions", TODO),
        *section("references", "Références", "- *À rédiger : chaque source citée, liée à la page du cadre "
                                             "juridique.*"),
        *section("principes", "Principes", "1. **À rédiger.**"),
        *section("roles", "Rôles et responsabilités", "| Activité | Réalise | Décide | Consulté | Informé |",
                 "|---|---|---|---|---|", "| *À rédiger* | | | | |"),
        *section("procedure", "Procédure"),
        *section("etape-1", "Étape 1 — À rédiger", "- **Qui :** *à rédiger.*", "- **Quand :** *à rédiger.*",
                 "- **Trace :** *à rédiger.*", "", "1. *Action à l'impératif, à rédiger.*", level=3),
        *section("cas-particuliers", "Cas particuliers et escalade", TODO),
        *section("annexes", "Formulaires et annexes",
                 f"- [{applier_id} {applier_title}]({applier_link}) ({applier_label})"),
        *section("indicateurs", "Indicateurs de suivi", "| Indicateur | Calcul | Fréquence | Source |",
                 "|---|---|---|---|", "| *À rédiger* | | | |"),
        *HISTORY,
    ]


def applier_body(kind: str, parent_id: str, parent_link: str, parent_kind: str, step_link: str | None) -> list[str]:
    parent = "Protocole" if parent_kind == "protocol" else "Directive"
    step = f" ([étape 1]({step_link}))" if step_link else ""
    if kind == "checklist":
        return [f"{parent} : [{parent_id}]({parent_link}). Cocher chaque action quand elle est faite.",
                *section("actions", "Actions", f"- [ ] *À rédiger : une action à l'infinitif*{step}"), *HISTORY]
    return [f"Pour : *à rédiger (les personnes qui appliquent la fiche)*. {parent} : [{parent_id}]({parent_link}).",
            *section("gestes", "Gestes", f"1. **À rédiger** : un geste à l'infinitif{step}"), *HISTORY]


def other_body(kind: str) -> list[str]:
    if kind == "form":
        return [*section("objet", "Objet", "*À rédiger : à quoi sert le formulaire, qui le remplit, où il est "
                                           "conservé.*"),
                *section("partie-1", "Partie 1 — À rédiger", "- Champ à remplir : …………"),
                *section("signatures", "Signatures", "- Fonction et signature : …………"), *HISTORY]
    if kind == "guideline":
        return [*section("objet", "Objet", TODO), *section("champ-application", "Champ d'application", TODO),
                *section("definitions", "Définitions", TODO), *section("references", "Références", TODO),
                *section("principes", "Principes", TODO), *section("roles", "Rôles et responsabilités", TODO),
                *section("procedure", "Procédure"),
                *section("etape-1", "Étape 1 — À rédiger", "1. *Action à l'impératif, à rédiger.*", level=3),
                *section("cas-particuliers", "Cas particuliers et escalade", TODO),
                *section("indicateurs", "Indicateurs de suivi", TODO), *HISTORY]
    if kind == "training":
        parts = (("objectifs", "Objectifs"), ("duree-public", "Durée et public"), ("methode", "Méthode"),
                 ("materiel", "Matériel"), ("deroule", "Déroulé"), ("etude-de-cas", "Étude de cas"),
                 ("evaluation", "Évaluation"))
        return [line for anchor, text in parts for line in section(anchor, text, TODO)] + HISTORY
    return [*section("mode-emploi", "Mode d'emploi", TODO), *section("contenu", "Contenu", TODO),
            *section("validation", "Validation", TODO), *HISTORY]


# --------------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------------

def front_matter(fields: dict) -> str:
    lines = ["---"]
    for key, value in fields.items():
        if key == "history":
            lines.append("history:")
            for entry in value:
                lines += [f'  - version: "{entry["version"]}"', f"    date: {entry['date'].isoformat()}",
                          f"    summary: {json.dumps(entry['summary'], ensure_ascii=False)}"]
        elif isinstance(value, dt.date):
            lines.append(f"{key}: {value.isoformat()}")
        elif key in ("version", "source_version", "title"):
            lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
        else:
            lines.append(f"{key}: {value}")
    return "\n".join(lines + ["---", ""])


def one_year_later(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def wolof_headings(docs_dir: Path) -> dict[str, str]:
    """The Wolof heading most used for each section anchor in the existing translations."""
    found: dict[str, Counter] = {}
    for path in (docs_dir / "wo").rglob("*.md"):
        for text, anchor in re.findall(r"^#{2,6} (.+?) \{#([\w-]+)[^}]*\}\s*$", path.read_text(encoding="utf-8"),
                                       re.M):
            if not anchor.startswith("etape-"):
                found.setdefault(anchor, Counter())[text] += 1
    return {anchor: texts.most_common(1)[0][0] for anchor, texts in found.items()}


def wolof_stub(french_lines: list[str], headings: dict[str, str]) -> list[str]:
    """The same structure (headings and anchors, links, lists, tables, markers), text left to translate."""
    out = []
    for line in french_lines:
        match = re.match(r"^(#{2,6}) (.+?) \{#([\w-]+)\}$", line)
        if match and match.group(3) in headings:
            out.append(heading(len(match.group(1)), headings[match.group(3)], match.group(3)))
        elif match:
            out.append(line.replace("À rédiger", "À traduire"))
        else:
            out.append(line.replace("*À rédiger.*", TODO_WO).replace("À rédiger", "À traduire")
                       .replace("à rédiger", "à traduire"))
    return out


@dataclass
class NewFile:
    path: Path
    text: str
    description: str


def wolof_contract_fields() -> tuple[str, ...]:
    """The fields the document contract asks of a Wolof page (hooks/aar/contract.py)."""
    from aar.contract import WOLOF_FIELDS

    return WOLOF_FIELDS


def document_files(docs_dir: Path, kind: str, doc_id: str, title: str, owner: str, today: dt.date,
                   body: list[str], wolof_title: str, headings: dict[str, str], protocol: str | None,
                   folder: str) -> list[NewFile]:
    relative = f"{folder}/{doc_id.lower()}.md"
    fields = {"id": doc_id, "title": title, "type": kind, "version": "0.1", "status": "draft",
              "effective_date": today, "review_date": one_year_later(today), "owner": owner,
              "history": [{"version": "0.1", "date": today, "summary": "Création du document (squelette à rédiger)."}]}
    if protocol:
        fields["protocol"] = protocol
    french = front_matter(fields) + "\n" + "\n".join([f"# {title}", "", *body]).replace("\n\n\n", "\n\n") + "\n"
    wolof_body = wolof_stub(body, headings)
    wolof_fields = {"id": doc_id, "title": wolof_title, "source_version": "0.1", "translation_status": "machine"}
    if "translated_by" in wolof_contract_fields():  # who produced the text: a command, hence `machine`
        wolof_fields["translated_by"] = "machine"
    wolof = (front_matter(wolof_fields)
             + "\n" + "\n".join([f"# {wolof_title}", "", "*Ébauche : la traduction wolof reste à faire ; la page "
                                 "française fait foi.*", "", *wolof_body]).replace("\n\n\n", "\n\n") + "\n")
    label = KINDS[kind].label
    return [NewFile(docs_dir / "fr" / relative, french, f"{label} {doc_id}, version 0.1, statut projet (draft)"),
            NewFile(docs_dir / "wo" / relative, wolof, "ébauche wolof de même structure, à traduire "
                                                       "(translation_status: machine, source_version: 0.1)")]


# --------------------------------------------------------------------------------------------
# Navigation
# --------------------------------------------------------------------------------------------

def add_to_nav(config_text: str, relative: str, section_title: str) -> str:
    """Insert `relative` after the last navigation entry of its folder, or in a new section at the end.

    The file is edited as text (comments and layout stay); the navigation is the last section of mkdocs.yml.
    """
    lines = config_text.rstrip("\n").split("\n")
    try:
        start = next(i for i, line in enumerate(lines) if re.match(r"^nav:\s*$", line))
    except StopIteration:
        raise ScaffoldError("mkdocs.yml : section « nav: » introuvable ; ajoutez la page à la navigation à la main.")
    folder = posixpath.dirname(relative)
    entry = re.compile(rf"^(\s*)- (?:[^:\n]+: )?{re.escape(folder)}/[\w.-]+\.md\s*$")
    matches = [i for i in range(start + 1, len(lines)) if entry.match(lines[i])]
    if matches:
        last = matches[-1]
        indent = entry.match(lines[last]).group(1)
        lines.insert(last + 1, f"{indent}- {relative}")
    else:
        items = [re.match(r"^(\s*)- ", line) for line in lines[start + 1:]]
        indent = next((m.group(1) for m in items if m), "  ")
        lines += [f"{indent}- {section_title}:", f"{indent}    - {relative}"]
    text = "\n".join(lines) + "\n"
    nav = yaml.safe_load("\n".join(text.split("\n")[start:]))["nav"]
    if relative not in json.dumps(nav, ensure_ascii=False):
        raise ScaffoldError(f"mkdocs.yml : impossible d'ajouter {relative} à la navigation ; ajoutez-la à la main.")
    return text


# --------------------------------------------------------------------------------------------
# The command
# --------------------------------------------------------------------------------------------

def next_id(catalogue, prefix: str) -> str:
    numbers = [int(i.split("-")[1]) for i in catalogue.french if i.startswith(prefix + "-")]
    number = max(numbers, default=0) + 1
    return f"{prefix}-{number:02d}"


def steps_of(text: str) -> list[str]:
    return re.findall(r"^### .*?\{#(etape-\d+)[^}]*\}\s*$", text, re.M)


def create(project: Path, kind: str, title: str, owner: str, protocol: str | None = None,
           companion: str = "checklist", folder: str | None = None, wolof_title: str | None = None,
           today: dt.date | None = None) -> tuple[list[NewFile], list[str], list[str]]:
    """Write the files; returns (files, navigation entries, notes). Raises ScaffoldError with a French message."""
    sys.path.insert(0, str(project / "hooks"))
    from aar.contract import ALLOWED_PROTOCOL_TYPES, read_catalogue
    from aar.project import load_data

    kind = ALIASES.get(kind, kind)
    if kind not in KINDS:
        raise ScaffoldError(f"type « {kind} » inconnu. Types possibles : " + ", ".join(
            f"{k} ({v.label})" for k, v in KINDS.items()) + ".")
    if not title.strip():
        raise ScaffoldError("titre vide : donnez le titre du document entre guillemets.")
    owners = load_data("owners", project / "data") or {}
    if owner not in owners:
        raise ScaffoldError(f"responsable « {owner} » inconnu. Attendu une clé de data/owners.yml : "
                            + ", ".join(owners) + ".")
    companion = ALIASES.get(companion, companion)
    if kind == "protocol" and companion not in APPLYING:
        raise ScaffoldError("--with : attendu checklist (liste) ou card (fiche).")
    config_file = project / "mkdocs.yml"
    docs_dir = project / "docs"
    catalogue = read_catalogue(docs_dir)
    today = today or dt.date.today()
    headings = wolof_headings(docs_dir)
    wolof_title = wolof_title or title
    notes: list[str] = []
    files: list[NewFile] = []
    planned: list[tuple[str, str]] = []     # (relative path, navigation section)
    folder = (folder or KINDS[kind].folder).strip("/")
    doc_id = next_id(catalogue, KINDS[kind].prefix)
    relative = f"{folder}/{doc_id.lower()}.md"

    if kind == "protocol":
        applier_kind = KINDS[companion]
        applier_id = next_id(catalogue, applier_kind.prefix)
        applier_relative = f"{applier_kind.folder}/{applier_id.lower()}.md"
        applier_title = f"{title} : {'liste de contrôle' if companion == 'checklist' else 'fiche réflexe'}"
        link_to_applier = posixpath.relpath(applier_relative, folder)
        body = protocol_body(applier_id, link_to_applier, applier_title, applier_kind.label)
        files += document_files(docs_dir, "protocol", doc_id, title, owner, today, body, wolof_title, headings,
                                None, folder)
        link_to_protocol = posixpath.relpath(relative, applier_kind.folder)
        applier = applier_body(companion, doc_id, link_to_protocol, "protocol", f"{link_to_protocol}#etape-1")
        files += document_files(docs_dir, companion, applier_id, applier_title, owner, today, applier,
                                applier_title, headings, doc_id,
                                applier_kind.folder)
        planned += [(relative, KINDS[kind].section), (applier_relative, applier_kind.section)]
        notes.append(f"Un protocole ne passe les règles de sécurité qu'avec une liste de contrôle ou une fiche "
                     f"réflexe qui l'applique : {applier_id} a été créée avec lui, liée depuis « L'essentiel » "
                     f"(--with card pour une fiche réflexe au lieu d'une liste).")
    elif kind in APPLYING:
        if not protocol:
            raise ScaffoldError(f"--protocol : une {KINDS[kind].label} applique un protocole ou une directive ; "
                                "donnez son identifiant, par exemple --protocol POS-01.")
        parent = catalogue.french.get(protocol)
        if parent is None or parent.meta.get("type") not in ALLOWED_PROTOCOL_TYPES:
            raise ScaffoldError(f"--protocol : « {protocol} » n'est pas un protocole ni une directive existant.")
        parent_text = (docs_dir / "fr" / parent.relative).read_text(encoding="utf-8")
        link = posixpath.relpath(parent.relative, folder)
        step = f"{link}#etape-1" if "etape-1" in steps_of(parent_text) else None
        body = applier_body(kind, protocol, link, parent.meta["type"], step)
        files += document_files(docs_dir, kind, doc_id, title, owner, today, body, wolof_title, headings, protocol,
                                folder)
        planned.append((relative, KINDS[kind].section))
    else:
        files += document_files(docs_dir, kind, doc_id, title, owner, today, other_body(kind), wolof_title,
                                headings, None, folder)
        planned.append((relative, KINDS[kind].section))

    for new in files:
        if new.path.exists():
            raise ScaffoldError(f"{new.path.relative_to(project)} existe déjà ; rien n'a été écrit.")
    config_text = config_file.read_text(encoding="utf-8")
    for relative_path, nav_section in planned:
        config_text = add_to_nav(config_text, relative_path, nav_section)
    for new in files:
        new.path.parent.mkdir(parents=True, exist_ok=True)
        new.path.write_text(new.text, encoding="utf-8")
    config_file.write_text(config_text, encoding="utf-8")
    return files, [p for p, _ in planned], notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("type", help="protocol, checklist, card, form, guideline, training, template "
                                     "(ou protocole, liste, fiche, formulaire, directive, formation, modele)")
    parser.add_argument("title", help="le titre du document, entre guillemets")
    parser.add_argument("--owner", "--responsable", required=True,
                        help="l'institution responsable, une clé de data/owners.yml (CILMI, JUSTICE…)")
    parser.add_argument("--protocol", "--protocole",
                        help="pour une liste ou une fiche : l'identifiant du protocole qu'elle applique")
    parser.add_argument("--with", "--avec", dest="companion", default="checklist",
                        help="pour un protocole : checklist (liste, par défaut) ou card (fiche) créée avec lui")
    parser.add_argument("--folder", "--dossier", help="dossier sous docs/fr/ (par défaut selon le type)")
    parser.add_argument("--wolof-title", "--titre-wolof", help="le titre wolof, s'il est connu")
    parser.add_argument("--date", type=dt.date.fromisoformat, help=argparse.SUPPRESS)
    parser.add_argument("--project", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    project = args.project.resolve()
    try:
        files, entries, notes = create(project, args.type, args.title, args.owner, args.protocol, args.companion,
                                       args.folder, args.wolof_title, args.date)
    except ScaffoldError as error:
        print(f"Erreur : {error}", file=sys.stderr)
        return 1
    print("Fichiers créés :")
    for new in files:
        print(f"  - {new.path.relative_to(project).as_posix()} : {new.description}")
    print("Navigation (mkdocs.yml) : " + ", ".join(entries) + ".")
    for note in notes:
        print(note)
    print("Ensuite :\n"
          "  1. Rédigez le texte français : remplacez chaque « À rédiger ».\n"
          "  2. Quand le texte est rédigé, passez « version » à \"0.2\" et ajoutez en tête de « history » une\n"
          "     entrée 0.2 : la page wolof affichera « Traduction en retard » jusqu'à sa traduction.\n"
          "  3. Lancez scripts/check, puis proposez la modification (voir CONTRIBUTING.md).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
