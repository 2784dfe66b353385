"""Safety rules between documents (hooks/aar/coherence.py), French typography and critical-step styling.

One small fixture per rule with the exact French message, then the same rules on the real corpus and
on the real built site and PDF.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from aar.coherence import check_coherence, count_words, steps
from aar.contract import read_catalogue
from aar.typography import NARROW_NBSP, typeset
from conftest import ROOT, only, write_docs

HEAD = """---
id: {id}
title: {title}
type: {type}
version: "0.1"
status: draft
effective_date: 2026-12-01
review_date: 2027-12-01
owner: CILMI
history:
  - version: "0.1"
    date: 2026-11-28
    summary: Première version.
{extra}---

# {title}

"""

ESSENTIAL = "## L'essentiel {#essentiel}\n\n1. **Réanimer.** Voir [FIC-01](../fiches/fic-01.md) ([étape 1](#etape-1)).\n\n"


def protocol(essential: str = ESSENTIAL, critical=(1,), n_steps: int = 3) -> str:
    body = HEAD.format(id="POS-01", title="Débarquement", type="protocol", extra="") + essential
    body += "## Objet {#objet}\n\nTexte.\n\n## Procédure {#procedure}\n\n"
    for number in range(1, n_steps + 1):
        classes = " .critique" if number in critical else ""
        body += f"### Étape {number} — Agir {{#etape-{number}{classes}}}\n\n1. Faites.\n\n"
    return body


def card(*step_numbers: int, doc_id="FIC-01", type_="card", folder="fiches") -> tuple[str, str]:
    items = "".join(f"{i}. Agir ([étape {n}](../protocoles/pos-01.md#etape-{n}))\n"
                    for i, n in enumerate(step_numbers, 1))
    text = HEAD.format(id=doc_id, title="Fiche", type=type_, extra="protocol: POS-01\n") + \
        f"## Gestes {{#gestes}}\n\n{items}"
    return f"fr/{folder}/{doc_id.lower()}.md", text


def problems_for(tmp_path: Path, files: dict[str, str]) -> list[str]:
    docs = write_docs(tmp_path, files)
    catalogue = read_catalogue(docs)
    found = check_coherence(catalogue, lambda d: (docs / d.language / d.relative).read_text(encoding="utf-8"))
    return [f"{p.path}:{p.line}: {p.message}" for p in found]


def test_a_coherent_protocol_and_card_have_no_problem(tmp_path):
    assert problems_for(tmp_path, {"fr/protocoles/pos-01.md": protocol(critical=(1, 3)),
                                   **dict([card(1, 2, 3)])}) == []


def test_protocol_without_essential_section(tmp_path):
    assert only(problems_for(tmp_path, {"fr/protocoles/pos-01.md": protocol(essential=""),
                                        **dict([card(1)])})) == (
        "docs/fr/protocoles/pos-01.md:18: section « L'essentiel » absente ou mal placée. Attendu : "
        "« ## L'essentiel {#essentiel} » comme première section, juste après le titre et avant « Objet », avec "
        "les quelques gestes qui sauvent une vie ou un droit, liés à la liste de contrôle ou à la fiche réflexe "
        "qui les porte.")


def test_essential_section_longer_than_150_words(tmp_path):
    long = "## L'essentiel {#essentiel}\n\n" + "mot " * 151 + "[FIC-01](../fiches/fic-01.md)\n\n"
    assert only(problems_for(tmp_path, {"fr/protocoles/pos-01.md": protocol(essential=long),
                                        **dict([card(1)])})) == (
        "docs/fr/protocoles/pos-01.md:18: section « L'essentiel » trop longue : 152 mots. Attendu : 150 mots "
        "au plus, pour être lue d'un coup d'œil ; le détail reste dans les étapes.")


def test_essential_section_must_link_to_a_checklist_or_card(tmp_path):
    unlinked = "## L'essentiel {#essentiel}\n\n1. Réanimer ([étape 1](#etape-1)).\n\n"
    assert only(problems_for(tmp_path, {"fr/protocoles/pos-01.md": protocol(essential=unlinked),
                                        **dict([card(1)])})) == (
        "docs/fr/protocoles/pos-01.md:18: section « L'essentiel » : aucun lien vers une liste de contrôle ou "
        "une fiche réflexe du protocole. Attendu : un lien vers au moins un de ces documents : FIC-01.")


def test_more_than_three_critical_steps(tmp_path):
    assert only(problems_for(tmp_path, {"fr/protocoles/pos-01.md": protocol(critical=(1, 2, 3, 4), n_steps=4),
                                        **dict([card(1, 2, 3, 4)])})) == (
        "docs/fr/protocoles/pos-01.md:40: 4 étapes marquées « .critique » (etape-1, etape-2, etape-3, etape-4). "
        "Attendu : 3 au plus, celles dont l'oubli coûte une vie ou un droit ; sinon plus rien ne ressort.")


def test_protocol_without_checklist_or_card(tmp_path):
    assert only(problems_for(tmp_path, {"fr/protocoles/pos-01.md": protocol()})) == (
        "docs/fr/protocoles/pos-01.md:1: aucune liste de contrôle ni fiche réflexe n'applique POS-01. Attendu : "
        "au moins un document de type checklist ou card avec « protocol: POS-01 ».")


def test_critical_step_dropped_by_every_checklist(tmp_path):
    assert only(problems_for(tmp_path, {"fr/protocoles/pos-01.md": protocol(critical=(1, 3)),
                                        **dict([card(1, 2)])})) == (
        "docs/fr/protocoles/pos-01.md:36: l'étape critique etape-3 n'est reprise par aucun élément de FIC-01. "
        "Attendu : un élément qui renvoie à (pos-01.md#etape-3) dans une liste de contrôle ou une fiche réflexe "
        "du protocole : une liste ne laisse jamais tomber une étape critique.")


def test_critical_steps_may_be_shared_between_a_checklist_and_a_card(tmp_path):
    files = {"fr/protocoles/pos-01.md": protocol(critical=(1, 3)), **dict([card(1)]),
             **dict([card(2, 3, doc_id="LC-01", type_="checklist", folder="listes")])}
    assert problems_for(tmp_path, files) == []


def test_critical_steps_out_of_order_in_a_card(tmp_path):
    assert only(problems_for(tmp_path, {"fr/protocoles/pos-01.md": protocol(critical=(1, 3)),
                                        **dict([card(3, 2, 1)])})) == (
        "docs/fr/fiches/fic-01.md:23: les étapes critiques de POS-01 ne sont pas dans l'ordre : etape-1 vient "
        "après etape-3. Attendu : les étapes critiques dans l'ordre du protocole, pour qu'on les suive sans "
        "sauter.")


def test_link_to_a_step_that_does_not_exist(tmp_path):
    assert only(problems_for(tmp_path, {"fr/protocoles/pos-01.md": protocol(), **dict([card(1, 7)])})) == (
        "docs/fr/fiches/fic-01.md:22: lien vers une étape qui n'existe pas : ../protocoles/pos-01.md#etape-7 "
        "(étapes existantes : etape-1 à etape-3). Attendu : le numéro d'une étape de cette page.")


def test_reference_still_to_be_added(tmp_path):
    text = protocol().replace("1. Faites.", "1. Rincez (OMS, *référence à ajouter à la page des références*).", 1)
    assert only(problems_for(tmp_path, {"fr/protocoles/pos-01.md": text, **dict([card(1)])})) == (
        "docs/fr/protocoles/pos-01.md:30: « référence à ajouter » : chaque source citée doit figurer dans "
        "data/references.yml (avec « confirm: true » si elle reste à vérifier) et être liée, par exemple "
        "[OMS, 2011](../references/cadre-juridique.md#oms-pss-2011).")


@pytest.mark.parametrize("word, suggestion", [("briefing", "« réunion de consignes »"),
                                              ("Débriefing", "« point de fin d'opération »"),
                                              ("look", "« observer, écouter, orienter »")])
def test_anglicisms_are_refused_with_the_french_word(tmp_path, word, suggestion):
    text = protocol().replace("1. Faites.", f"1. Tenez le {word} des équipes.", 1)
    problem = only(problems_for(tmp_path, {"fr/protocoles/pos-01.md": text, **dict([card(1)])}))
    assert problem.startswith(f"docs/fr/protocoles/pos-01.md:30: « {word} » : anglicisme")
    assert problem.endswith(f"Écrire plutôt : {suggestion}.")


def test_a_named_method_and_urls_are_not_anglicisms(tmp_path):
    text = protocol().replace("1. Faites.", "1. Pas de débriefing psychologique "
                                            "([guide](../references/look-listen.md)).", 1)
    assert problems_for(tmp_path, {"fr/protocoles/pos-01.md": text, **dict([card(1)])}) == []


def test_words_of_the_essential_section_are_counted_as_a_reader_sees_them():
    assert count_words("1. **Réanimer** : voir [FIC-01](../fiches/fic-01.md#gestes) et l'étape 4.") == 6


# --- the real corpus --------------------------------------------------------------------------------

DOCS = ROOT / "docs"
CATALOGUE = read_catalogue(DOCS)


def read(document) -> str:
    return (DOCS / document.language / document.relative).read_text(encoding="utf-8")


def test_the_real_corpus_follows_every_safety_rule():
    assert [str(p) for p in check_coherence(CATALOGUE, read)] == []


def test_every_protocol_has_an_essential_section_critical_steps_and_a_checklist_or_card():
    protocols = [d for d in CATALOGUE.french.values() if d.meta["type"] == "protocol"]
    assert len(protocols) == 13
    for document in protocols:
        text = read(document)
        assert re.search(r"^## L'essentiel \{#essentiel\}", text, re.M), document.id
        assert 1 <= sum(s.critical for s in steps(text).values()) <= 3, document.id
        appliers = [d for d in CATALOGUE.french.values()
                    if d.meta.get("protocol") == document.id and d.meta["type"] in ("checklist", "card")]
        assert appliers, document.id


def test_the_medical_chart_gives_a_colour_to_every_outcome_and_resuscitates():
    from aar.project import load_data

    chart = load_data("flowcharts/urgence-medicale")
    outcomes = [n for n in chart["nodes"] if "outcome" in n]
    assert chart["colours"] is True
    assert {n["colour"] for n in outcomes} == {"rouge", "jaune", "vert", "noir"}
    text = " ".join(n.get("question", {}).get("fr", "") + n.get("outcome", {}).get("fr", "") for n in chart["nodes"])
    for phrase in ("insufflations", "30", "afflux massif", "60 secondes"):
        assert phrase in text, phrase


# --- typography --------------------------------------------------------------------------------------

@pytest.mark.parametrize("raw, expected", [
    ("Qui : le coordonnateur", f"Qui{NARROW_NBSP}: le coordonnateur"),
    ("« Aar bakkan »", f"«{NARROW_NBSP}Aar bakkan{NARROW_NBSP}»"),
    ("«Aar bakkan»", f"«{NARROW_NBSP}Aar bakkan{NARROW_NBSP}»"),
    ("Respire-t-elle ? Oui ; non !", f"Respire-t-elle{NARROW_NBSP}? Oui{NARROW_NBSP}; non{NARROW_NBSP}!"),
    ("Respire-t-elle?", f"Respire-t-elle{NARROW_NBSP}?"),
    ("à 10:30, voir https://exemple.org/?a=1", "à 10:30, voir https://exemple.org/?a=1"),
    ("Étape 4&para; et &amp; suite ?", f"Étape 4&para; et &amp; suite{NARROW_NBSP}?"),
])
def test_french_spacing_rules(raw, expected):
    assert typeset(f"<p>{raw}</p>") == f"<p>{expected}</p>"


def test_typography_leaves_tags_attributes_and_code_alone():
    html = '<p title="a : b"><a href="x.html#y">Lien ?</a> <code>a : b</code></p><pre><code>x ; y</code></pre>'
    assert typeset(html) == ('<p title="a : b"><a href="x.html#y">Lien' + NARROW_NBSP + '?</a> '
                             '<code>a : b</code></p><pre><code>x ; y</code></pre>')


def test_built_pages_and_pdf_use_narrow_no_break_spaces(site):
    page = BeautifulSoup(site.html("protocoles/pos-01/index.html"), "html.parser").select_one("article")
    text = page.get_text()
    assert f"Qui{NARROW_NBSP}:" in text
    assert not re.search(r"\w [:;?!»]", text), re.search(r".{30}\w [:;?!»].{10}", text)
    # pypdf keeps U+202F (pdftotext does not): POS-01's own PDF.
    pdf_text = "".join(p.extract_text() for p in PdfReader(site.site / "pdf" / "documents" / "pos-01.pdf").pages[:6])
    assert f"Qui{NARROW_NBSP}:" in pdf_text or "Qui\u00a0:" in pdf_text


def test_critical_steps_are_labelled_on_screen_and_in_print(site):
    page = BeautifulSoup(site.html("protocoles/pos-01/index.html"), "html.parser")
    critical = page.select("article h3.critique")
    assert 1 <= len(critical) <= 3
    for heading in critical:
        assert heading.select_one(".aar-critical").get_text() == "Étape critique"
    css = (ROOT / "docs" / "fr" / "assets" / "aar.css").read_text(encoding="utf-8")
    assert "h3.critique" in css and "h3.critique" in (ROOT / "pdf" / "styles.scss").read_text(encoding="utf-8")


def test_medical_chart_shows_the_colour_of_every_outcome(site):
    page = BeautifulSoup(site.html("protocoles/pos-01/index.html"), "html.parser")
    chart = page.select_one("figure#urgence-medicale")
    outcomes = chart.select(".aar-flow__node--outcome")
    assert outcomes and all(o.select_one(".aar-flow__colour") for o in outcomes)
    assert {o.select_one(".aar-flow__colour").get_text() for o in outcomes} == {"Rouge", "Jaune", "Vert", "Noir"}
