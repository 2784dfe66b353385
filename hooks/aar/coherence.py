"""Safety rules between documents: protocols, their checklists and cards, and the words they use.

A protocol read on a beach at night must open with its few life-saving actions, mark at most three
critical steps, and have a checklist or card that carries every one of them in order. A checklist
that points to a step that no longer exists, or a page that says a reference is still "à ajouter",
would send a reader the wrong way. Each breach is a French message with the file and the line.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from .contract import APPLYING_TYPES, Catalogue, Document
from .pages import strip_code
from .problems import Problem
from .safety import blank_front_matter
from .project import DEFAULT_LANGUAGE, load_data

MAX_CRITICAL_STEPS = 3
MAX_ESSENTIAL_WORDS = 150

_H2 = re.compile(r"^## +(.*?)\s*\{#([\w-]+)[^}]*\}\s*$", re.M)
_STEP = re.compile(r"^### +.*?\{#(etape-\d+)([^}]*)\}\s*$", re.M)
_STEP_LINK = re.compile(r"\]\(((?:[\w.-]+/)*[\w-]+\.md)#(etape-\d+)\)")
_ANY_LINK = re.compile(r"\]\(((?:[\w.-]+/)*[\w-]+\.md)(?:#[^)]*)?\)")
_TO_ADD = re.compile(r"référence[^.;()]{0,40}?à ajouter", re.I)
_MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_WORD = re.compile(r"[^\W_][\w’'-]*")


@dataclass
class Step:
    anchor: str
    critical: bool
    line: int


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def steps(text: str) -> dict[str, Step]:
    """The numbered steps of a protocol, by anchor, in order."""
    return {m.group(1): Step(m.group(1), ".critique" in m.group(2), _line(text, m.start()))
            for m in _STEP.finditer(strip_code(text))}


def resolve(document: Document, link: str) -> str:
    """A relative link of a French page -> the linked page's path under docs/fr/."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(document.relative), link))


def sections(text: str) -> list[tuple[str, int, int, int]]:
    """H2 sections: (anchor, line of the heading, start and end offsets of the body)."""
    found = list(_H2.finditer(text))
    return [(m.group(2), _line(text, m.start()), m.end(), found[i + 1].start() if i + 1 < len(found) else len(text))
            for i, m in enumerate(found)]


def count_words(markdown: str) -> int:
    """Words a reader sees: link targets, emphasis marks and list numbers are not words."""
    plain = _MARKDOWN_LINK.sub(r"\1", markdown)
    plain = re.sub(r"^\s*(\d+\.|[-*])\s+", " ", plain, flags=re.M)
    return len(_WORD.findall(plain))


class Corpus:
    """The French pages' text, read once."""

    def __init__(self, catalogue: Catalogue, read):
        self.catalogue = catalogue
        self.text = {doc.relative: read(doc) for doc in catalogue.documents if doc.language == DEFAULT_LANGUAGE}

    def appliers(self, protocol_id: str) -> list[Document]:
        return [d for d in self.catalogue.french.values()
                if d.meta.get("type") in APPLYING_TYPES and d.meta.get("protocol") == protocol_id]


def protocol_problems(corpus: Corpus, protocol: Document) -> list[Problem]:
    """L'essentiel, the number of critical steps, and a checklist or card for every critical step."""
    text = corpus.text[protocol.relative]
    problems = []
    found = sections(text)
    appliers = corpus.appliers(protocol.id)
    applier_paths = {d.relative for d in appliers}
    if not found or found[0][0] != "essentiel":
        problems.append(Problem(protocol.path, found[0][1] if found else None, (
            "section « L'essentiel » absente ou mal placée. Attendu : « ## L'essentiel {#essentiel} » comme "
            "première section, juste après le titre et avant « Objet », avec les quelques gestes qui sauvent "
            "une vie ou un droit, liés à la liste de contrôle ou à la fiche réflexe qui les porte.")))
    else:
        _, line, start, end = found[0]
        body = text[start:end]
        words = count_words(body)
        if words > MAX_ESSENTIAL_WORDS:
            problems.append(Problem(protocol.path, line, (
                f"section « L'essentiel » trop longue : {words} mots. Attendu : {MAX_ESSENTIAL_WORDS} mots au "
                "plus, pour être lue d'un coup d'œil ; le détail reste dans les étapes.")))
        linked = {resolve(protocol, m.group(1)) for m in _ANY_LINK.finditer(body)}
        if appliers and not linked & applier_paths:
            names = ", ".join(sorted(d.id for d in appliers))
            problems.append(Problem(protocol.path, line, (
                f"section « L'essentiel » : aucun lien vers une liste de contrôle ou une fiche réflexe du "
                f"protocole. Attendu : un lien vers au moins un de ces documents : {names}.")))
    all_steps = steps(text)
    critical = [s for s in all_steps.values() if s.critical]
    if len(critical) > MAX_CRITICAL_STEPS:
        problems.append(Problem(protocol.path, critical[MAX_CRITICAL_STEPS].line, (
            f"{len(critical)} étapes marquées « .critique » ({', '.join(s.anchor for s in critical)}). "
            f"Attendu : {MAX_CRITICAL_STEPS} au plus, celles dont l'oubli coûte une vie ou un droit ; "
            "sinon plus rien ne ressort.")))
    if not appliers:
        problems.append(Problem(protocol.path, 1, (
            f"aucune liste de contrôle ni fiche réflexe n'applique {protocol.id}. Attendu : au moins un "
            f"document de type checklist ou card avec « protocol: {protocol.id} ».")))
        return problems
    referenced = set()
    for applier in appliers:
        referenced |= {anchor for link, anchor in _STEP_LINK.findall(corpus.text[applier.relative])
                       if resolve(applier, link) == protocol.relative}
    for step in critical:
        if step.anchor not in referenced:
            names = ", ".join(sorted(d.id for d in appliers))
            problems.append(Problem(protocol.path, step.line, (
                f"l'étape critique {step.anchor} n'est reprise par aucun élément de {names}. Attendu : un "
                f"élément qui renvoie à ({protocol.relative.rsplit('/', 1)[-1]}#{step.anchor}) dans une liste "
                "de contrôle ou une fiche réflexe du protocole : une liste ne laisse jamais tomber une étape "
                "critique.")))
    return problems


def applier_problems(corpus: Corpus, applier: Document) -> list[Problem]:
    """A checklist or card takes its protocol's critical steps in the protocol's order."""
    protocol = corpus.catalogue.french.get(applier.meta.get("protocol"))
    if protocol is None:
        return []  # the contract already reports it
    text = corpus.text[applier.relative]
    order = list(steps(corpus.text[protocol.relative]))
    critical = {a for a, s in steps(corpus.text[protocol.relative]).items() if s.critical}
    seen: list[tuple[str, int]] = []
    for match in _STEP_LINK.finditer(strip_code(text)):
        if resolve(applier, match.group(1)) == protocol.relative and match.group(2) in critical \
                and match.group(2) not in [a for a, _ in seen]:
            seen.append((match.group(2), _line(text, match.start())))
    problems = []
    for (before, _), (after, line) in zip(seen, seen[1:]):
        if order.index(after) < order.index(before):
            problems.append(Problem(applier.path, line, (
                f"les étapes critiques de {protocol.id} ne sont pas dans l'ordre : {after} vient après "
                f"{before}. Attendu : les étapes critiques dans l'ordre du protocole, pour qu'on les suive "
                "sans sauter.")))
            break
    return problems


def link_problems(corpus: Corpus, document: Document) -> list[Problem]:
    """Every link to a protocol step points to a step that exists."""
    text = corpus.text[document.relative]
    plain = strip_code(text)
    problems = []
    for match in _STEP_LINK.finditer(plain):
        target = resolve(document, match.group(1))
        if target not in corpus.text:
            continue  # a missing page is reported by MkDocs' own link check
        if match.group(2) not in steps(corpus.text[target]):
            existing = list(steps(corpus.text[target]))
            hint = f"étapes existantes : {existing[0]} à {existing[-1]}" if existing else "la page n'a pas d'étape"
            problems.append(Problem(document.path, _line(plain, match.start()), (
                f"lien vers une étape qui n'existe pas : {match.group(1)}#{match.group(2)} ({hint}). "
                "Attendu : le numéro d'une étape de cette page.")))
    return problems


def wording_problems(text: str, path: str) -> list[Problem]:
    """'référence à ajouter' and the words the corpus replaces (data/style.yml)."""
    plain = _MARKDOWN_LINK.sub(lambda m: m.group(1) + " " * (len(m.group(0)) - len(m.group(1))),
                               strip_code(blank_front_matter(text)))
    problems = []
    for match in _TO_ADD.finditer(plain):
        problems.append(Problem(path, _line(plain, match.start()), (
            "« référence à ajouter » : chaque source citée doit figurer dans data/references.yml (avec "
            "« confirm: true » si elle reste à vérifier) et être liée, par exemple "
            "[OMS, 2011](../references/cadre-juridique.md#oms-pss-2011).")))
    style = load_data("style") or {}
    for entry in style.get("avoid", []):
        pattern = re.compile(rf"(?<![\w/#.-]){entry['pattern']}(?![\w-])", re.I)
        for match in pattern.finditer(plain):
            problems.append(Problem(path, _line(plain, match.start()), (
                f"« {match.group(0)} » : {entry['why']} Écrire plutôt : {entry['instead']}.")))
    return problems


def check_coherence(catalogue: Catalogue, read) -> list[Problem]:
    """Every rule above, on every French page."""
    corpus = Corpus(catalogue, read)
    problems = []
    for document in catalogue.documents:
        if document.language != DEFAULT_LANGUAGE or document.front.error:
            continue
        kind = document.meta.get("type") if document.id else None
        if kind == "protocol" and document.meta.get("status") != "retired":  # a retired one is not applied
            problems += protocol_problems(corpus, document)
        elif kind in APPLYING_TYPES:
            problems += applier_problems(corpus, document)
        problems += link_problems(corpus, document)
        problems += wording_problems(corpus.text[document.relative], document.path)
    return problems
