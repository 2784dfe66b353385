"""The content itself: checklists match their protocols, protocols keep their sections, no personal data."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import yaml

from aar.contract import read_catalogue
from aar.structure import structure
from conftest import ROOT

DOCS = ROOT / "docs"
CATALOGUE = read_catalogue(DOCS)
FRENCH = CATALOGUE.french
PROTOCOL_SECTIONS = ["essentiel", "objet", "champ-application", "definitions", "references", "principes", "roles",
                     "procedure", "cas-particuliers", "annexes", "indicateurs", "historique"]
TRAINING_SECTIONS = ["objectifs", "duree-public", "methode", "materiel", "deroule", "etude-de-cas",
                     "evaluation", "annexes", "historique"]
STEP = re.compile(r"^###\s+.*\{#(etape-\d+)([^}]*)\}\s*$", re.M)
TASK = re.compile(r"^\s*- \[ \] (.+)$", re.M)
STEP_LINK = re.compile(r"\]\(((?:\.\./[\w-]+/)?[\w-]+\.md)#(etape-\d+)\)")


def text(document) -> str:
    return (DOCS / document.language / document.relative).read_text(encoding="utf-8")


def of_type(kind: str):
    return sorted((d for d in FRENCH.values() if d.meta["type"] == kind), key=lambda d: d.id)


def h2_anchors(document) -> list[str]:
    return re.findall(r"^## .*\{#([\w-]+)[^}]*\}\s*$", text(document), re.M)


def steps(document) -> dict[str, bool]:
    """Step anchor -> is it on the critical path."""
    return {anchor: ".critique" in classes for anchor, classes in STEP.findall(text(document))}


def target(checklist, link: str):
    path = (Path(checklist.relative).parent / link).as_posix()
    parts = []
    for part in path.split("/"):
        if part == "..":
            parts.pop()
        else:
            parts.append(part)
    return CATALOGUE.by_path[("fr", "/".join(parts))]


def test_the_corpus_is_complete():
    counts = {kind: len(of_type(kind)) for kind in ("protocol", "checklist", "card", "form", "guideline",
                                                    "training", "template")}
    assert counts == {"protocol": 13, "checklist": 11, "card": 10, "form": 11, "guideline": 18, "training": 16,
                      "template": 3}


@pytest.mark.parametrize("protocol", of_type("protocol"), ids=lambda d: d.id)
def test_protocol_sections_in_order(protocol):
    assert h2_anchors(protocol) == PROTOCOL_SECTIONS
    assert steps(protocol), "a protocol has numbered steps"
    numbers = [int(a.split("-")[1]) for a in steps(protocol)]
    assert numbers == list(range(1, len(numbers) + 1))
    body = text(protocol)
    procedure = body.split("{#procedure}")[1].split("{#cas-particuliers}")[0]
    for block in re.split(r"^### ", procedure, flags=re.M)[1:]:
        for role in ("**Qui :**", "**Quand :**", "**Trace :**"):
            assert role in block, f"{protocol.id} step without {role}: {block[:60]}"
    references = body.split("{#references}")[1].split("{#principes}")[0]
    assert "../references/cadre-juridique.md#" in references


@pytest.mark.parametrize("module", [d for d in of_type("training") if d.id != "FOR-10"], ids=lambda d: d.id)
def test_training_module_sections(module):
    assert h2_anchors(module) == TRAINING_SECTIONS
    assert f"for-10.md#{module.id.lower()}" in text(module), "evaluation answers live in the trainer's annex"


@pytest.mark.parametrize("checklist", of_type("checklist"), ids=lambda d: d.id)
def test_every_checklist_item_is_an_action_linked_to_an_existing_step(checklist):
    items = TASK.findall(text(checklist))
    assert 8 <= len(items) <= 16, "a checklist fits one phone screen and one A4 page"
    for item in items:
        links = STEP_LINK.findall(item)
        assert links, f"{checklist.id}: item without a protocol step: {item}"
        for link, anchor in links:
            assert anchor in steps(target(checklist, link)), f"{checklist.id}: {link}#{anchor} does not exist"


@pytest.mark.parametrize("checklist", of_type("checklist") + of_type("card"), ids=lambda d: d.id)
def test_checklist_and_protocol_link_to_each_other(checklist):
    protocol = FRENCH[checklist.meta["protocol"]]
    own_name = Path(checklist.relative).name
    assert re.search(rf"\]\(([\w./-]*/)?{re.escape(Path(protocol.relative).name)}[)#]", text(checklist))
    assert re.search(rf"\]\(([\w./-]*/)?{re.escape(own_name)}[)#]", text(protocol)), \
        f"{protocol.id} does not link back to {checklist.id}"


@pytest.mark.parametrize("card", of_type("card"), ids=lambda d: d.id)
def test_every_card_is_a_short_list_of_gestures_linked_to_steps(card):
    body = text(card)
    assert h2_anchors(card) == ["gestes", "historique"]
    assert body.count("Pour :") == 1, "a card names the roles it is written for"
    section = body.split("{#gestes}")[1].split("{#historique}")[0]
    gestures = re.split(r"^\d+\. ", section, flags=re.M)[1:]
    assert 3 <= len(gestures) <= 10, "a card fits one phone screen"
    for gesture in gestures:
        assert STEP_LINK.search(gesture), f"{card.id}: gesture without a protocol step: {gesture}"


def test_flowcharts_are_used_and_valid():
    from aar.blocks.flowchart import flowchart_problems
    from aar.project import load_data

    charts = sorted(p.stem for p in (ROOT / "data" / "flowcharts").glob("*.yml"))
    assert charts == ["enfant-ou-adulte", "traite-ou-trafic", "urgence-medicale"]
    corpus = "\n".join(p.read_text(encoding="utf-8") for p in (DOCS / "fr").rglob("*.md"))
    for chart in charts:
        assert flowchart_problems(load_data(f"flowcharts/{chart}"), chart, CATALOGUE) == []
        assert f"<!-- aar:flowchart id={chart} -->" in corpus


def all_text_files():
    return [p for p in [*DOCS.rglob("*.md"), *(ROOT / "data").rglob("*.yml")]]


def test_text_is_in_unicode_nfc():
    assert [str(p) for p in all_text_files() if not unicodedata.is_normalized("NFC", p.read_text("utf-8"))] == []


def test_term_base_has_one_nfc_term_per_french_term_without_french_style_spellings():
    terms = yaml.safe_load((ROOT / "data" / "terms.yml").read_text(encoding="utf-8"))["terms"]
    french = [t["fr"] for t in terms]
    assert len(french) == len(set(french)), "one Wolof term per French term"
    for term in terms:
        assert unicodedata.is_normalized("NFC", term["wo"])
        assert not re.search(r"(ou|eu|kh|ch|dj|gn)", term["wo"]), term


PERSONAL_DATA = {
    "adresse électronique": re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+"),
    "numéro de téléphone": re.compile(r"(\+221|\b00 ?221)|\b(7[05678]|33)[ .]?\d{3}[ .]?\d{2}[ .]?\d{2}\b"),
}


def test_no_personal_data_or_typed_emergency_number_in_pages():
    contacts = yaml.safe_load((ROOT / "data" / "contacts.yml").read_text(encoding="utf-8"))
    long_numbers = [n for s in contacts["services"] for n in s["numbers"] if len(n.replace(" ", "")) >= 4]
    for path in DOCS.rglob("*.md"):
        body = path.read_text(encoding="utf-8")
        for name, pattern in PERSONAL_DATA.items():
            assert not pattern.search(body), f"{path}: {name}"
        for number in long_numbers:
            assert number not in body, f"{path}: number {number} typed instead of the directory"


def test_up_to_date_translations_keep_the_source_structure():
    compared = 0
    for document in CATALOGUE.documents:
        if document.language == "fr":
            continue
        source = CATALOGUE.by_path[("fr", document.relative)]
        if source.id and document.meta.get("source_version") != source.meta["version"]:
            continue
        assert structure(text(document)) == structure(text(source)), document.path
        compared += 1
    assert compared >= 1, "the Wolof home page at least is always compared"
