"""Document control: the front-matter contract, the card, the banners, the generated pages."""

from __future__ import annotations

import datetime as dt
import filecmp
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from aar.contract import check_catalogue, read_catalogue
from conftest import only, write_docs

BUILD_DAY = dt.datetime(2027, 1, 15, tzinfo=dt.timezone.utc)
EPOCH = {"SOURCE_DATE_EPOCH": str(int(BUILD_DAY.timestamp()))}


def french(doc_id="POS-01", *, title="Débarquement", type_="protocol", version='"1.1"', status="draft",
           effective="2026-12-01", review="2027-12-01", owner="CILMI", extra="", history=None):
    history = history if history is not None else textwrap.dedent("""\
        history:
          - version: "1.1"
            date: 2026-11-20
            summary: Correction de l'étape 2.
          - version: "1.0"
            date: 2026-11-01
            summary: Première version.""")
    lines = [f"id: {doc_id}", f"title: {title}", f"type: {type_}", f"version: {version}", f"status: {status}",
             f"effective_date: {effective}", f"review_date: {review}", f"owner: {owner}"]
    if extra:
        lines.append(extra.strip("\n"))
    return "---\n" + "\n".join(lines) + "\n" + history + f"\n---\n\n# {title}\n\n{essential(doc_id, type_)}" \
        "## Objet {#objet}\n\nTexte.\n"


def essential(doc_id: str, type_: str = "protocol") -> str:
    """A protocol opens with L'essentiel, linked to its card (the build's safety rules)."""
    if type_ != "protocol":
        return ""
    return f"## L'essentiel {{#essentiel}}\n\n1. Voir [la fiche](../fiches/{card_id(doc_id).lower()}.md).\n\n"


def card_id(protocol_id: str) -> str:
    return "FIC-" + protocol_id.split("-")[1]


def card_for(protocol_id: str) -> str:
    return french(card_id(protocol_id), title="Fiche", type_="card", extra=f"protocol: {protocol_id}")


def wolof(doc_id="POS-01", source='"1.1"', status="draft", title="Wàcc ci géej"):
    return (f"---\nid: {doc_id}\ntitle: {title}\nsource_version: {source}\ntranslation_status: {status}\n"
            f"translated_by: traducteur\n---\n\n"
            f"# {title}\n\n{wolof_essential(doc_id)}## Li mu jëm {{#objet}}\n\nMbind.\n")


def wolof_essential(doc_id: str) -> str:
    """The same section in Wolof: an up-to-date Wolof page leaves no French alone (hooks/aar/wolof.py)."""
    return essential(doc_id).replace("L'essentiel", "Li war a des ci xel").replace("Voir [la fiche]", "Xool [kàrt bi]")


def problems_for(tmp_path: Path, files: dict[str, str]) -> list[str]:
    docs = write_docs(tmp_path, files)
    return [f"{p.line}: {p.message}" for p in check_catalogue(read_catalogue(docs))]


# --- one fixture per failure mode, with the exact French message --------------------------------

def test_valid_documents_have_no_problem(tmp_path):
    assert problems_for(tmp_path, {"fr/protocoles/pos-01.md": french(),
                                   "wo/protocoles/pos-01.md": wolof()}) == []


def test_date_that_is_not_a_date(tmp_path):
    assert only(problems_for(tmp_path, {"fr/protocoles/pos-01.md": french(review="2027-13-01")})) == (
        "8: champ « review_date » : attendu une date au format AAAA-MM-JJ, par exemple 2027-03-31 ; "
        "trouvé « 2027-13-01 ».")


def test_review_date_before_effective_date(tmp_path):
    assert only(problems_for(tmp_path, {"fr/protocoles/pos-01.md": french(review="2026-06-01")})) == (
        "8: champ « review_date » : attendu une date postérieure à effective_date (2026-12-01) ; "
        "trouvé « 2026-06-01 ».")


def test_duplicate_id(tmp_path):
    problems = problems_for(tmp_path, {"fr/protocoles/pos-01.md": french(),
                                       "fr/archives/pos-01.md": french()})
    assert only(problems) == ("2: champ « id » : l'identifiant POS-01 est déjà utilisé par "
                              "docs/fr/archives/pos-01.md.")


def test_version_missing_from_history(tmp_path):
    assert only(problems_for(tmp_path, {"fr/protocoles/pos-01.md": french(version='"1.2"')})) == (
        "5: champ « version » : la version 1.2 n'est pas dans l'historique ; ajoutez en tête de « history » "
        "une entrée pour la version 1.2 (version, date, summary).")


def test_unquoted_version(tmp_path):
    problems = problems_for(tmp_path, {"fr/protocoles/pos-01.md": french(version="1.1")})
    assert problems[0] == ('5: champ « version » : attendu une version entre guillemets au format MAJEUR.MINEUR, '
                           'par exemple "1.2" ; trouvé le nombre 1.1.')


def test_history_not_newest_first(tmp_path):
    history = ('history:\n  - version: "1.1"\n    date: 2026-11-20\n    summary: B.\n'
               '  - version: "1.2"\n    date: 2026-11-25\n    summary: C.')
    problems = problems_for(tmp_path, {"fr/protocoles/pos-01.md": french(history=history)})
    assert "14: champ « history » : les entrées doivent aller de la plus récente à la plus ancienne " \
           "(versions décroissantes, dates décroissantes) ; l'entrée 2 (version 1.2 du 2026-11-25) " \
           "ne respecte pas cet ordre." in problems


def test_wolof_source_version_newer_than_french(tmp_path):
    assert only(problems_for(tmp_path, {"fr/protocoles/pos-01.md": french(),
                                        "wo/protocoles/pos-01.md": wolof(source='"1.3"')})) == (
        "4: champ « source_version » : la traduction dit suivre la version 1.3, plus récente que la version "
        "française 1.1 (docs/fr/protocoles/pos-01.md). Attendu : 1.1 ou une version antérieure.")


def test_unknown_owner(tmp_path):
    message = only(problems_for(tmp_path, {"fr/protocoles/pos-01.md": french(owner="MINISTERE")}))
    assert message.startswith("9: champ « owner » : attendu une institution de la liste data/owners.yml : CILMI, ")
    assert message.endswith("; trouvé « MINISTERE ».")


def test_unknown_status(tmp_path):
    assert only(problems_for(tmp_path, {"fr/protocoles/pos-01.md": french(status="valide")})) == (
        "6: champ « status » : attendu une de ces valeurs : draft, review, approved, retired ; trouvé « valide ».")


def test_unknown_translation_status(tmp_path):
    assert only(problems_for(tmp_path, {"fr/protocoles/pos-01.md": french(),
                                        "wo/protocoles/pos-01.md": wolof(status="fini")})) == (
        "5: champ « translation_status » : attendu une de ces valeurs : machine, draft, reviewed, validated ; "
        "trouvé « fini ».")


def test_missing_required_field(tmp_path):
    text = french().replace("owner: CILMI\n", "")
    assert only(problems_for(tmp_path, {"fr/protocoles/pos-01.md": text})) == (
        "1: champ obligatoire « owner » absent. Voir le modèle dans a-propos/controle-documentaire.md.")


def test_approved_needs_approver_and_date(tmp_path):
    problems = problems_for(tmp_path, {"fr/protocoles/pos-01.md": french(status="approved")})
    assert problems == [
        "1: champ « approved_by » absent : obligatoire quand status vaut approved (l'institution qui a approuvé, "
        "voir data/owners.yml).",
        "1: champ « approved_on » absent : obligatoire quand status vaut approved (date d'approbation AAAA-MM-JJ).",
    ]


def test_retired_needs_an_existing_replacement(tmp_path):
    problems = problems_for(tmp_path, {"fr/protocoles/pos-01.md": french(status="retired",
                                                                          extra="replaced_by: POS-99")})
    assert only(problems) == ("10: champ « replaced_by » : attendu l'identifiant d'un autre document existant ; "
                              "trouvé « POS-99 ».")


def test_file_named_after_id(tmp_path):
    assert only(problems_for(tmp_path, {"fr/protocoles/debarquement.md": french()})) == (
        "2: champ « id » : le fichier doit s'appeler pos-01.md (l'identifiant en minuscules) ; "
        "trouvé debarquement.md.")


def test_id_prefix_matches_type(tmp_path):
    assert only(problems_for(tmp_path, {"fr/listes/pos-01.md": french(type_="form")})) == (
        "2: champ « id » : attendu un identifiant commençant par FORM- pour le type « form » ; trouvé « POS-01 ».")


def test_unknown_field_is_named(tmp_path):
    text = french().replace("owner: CILMI\n", "owner: CILMI\nreveiw_date: 2027-12-01\n")
    assert only(problems_for(tmp_path, {"fr/protocoles/pos-01.md": text})).startswith(
        "10: champ « reveiw_date » inconnu. Champs possibles : id, title, type, version,")


def test_wolof_page_without_french_source(tmp_path):
    assert only(problems_for(tmp_path, {"fr/protocoles/pos-01.md": french(),
                                        "wo/protocoles/pos-02.md": wolof("POS-02")})) == (
        "1: aucune page française ne correspond (attendu : docs/fr/protocoles/pos-02.md). Une traduction a "
        "toujours une page source en français, au même chemin.")


def test_wolof_page_repeating_french_fields(tmp_path):
    text = wolof().replace("translation_status: draft\n", "translation_status: draft\nversion: \"1.1\"\n")
    assert only(problems_for(tmp_path, {"fr/protocoles/pos-01.md": french(), "wo/protocoles/pos-01.md": text})) == (
        "6: champ « version » : il est repris de la page française (docs/fr/protocoles/pos-01.md) ; "
        "ne l'écrivez pas dans la traduction.")


def test_unreadable_yaml_names_the_line(tmp_path):
    text = french().replace("title: Débarquement", "title: Débarquement : étape [1")
    message = only(problems_for(tmp_path, {"fr/protocoles/pos-01.md": text}))
    assert message.startswith("3: en-tête YAML illisible. Vérifiez l'indentation, les deux-points et les "
                              "guillemets autour des textes qui contiennent « : »")


def test_a_card_names_the_protocol_it_applies(tmp_path):
    problems = problems_for(tmp_path, {"fr/protocoles/pos-01.md": french(),
                                       "fr/fiches/fic-01.md": french("FIC-01", type_="card")})
    assert only(problems) == ("1: champ « protocol » absent : obligatoire pour une liste de contrôle ou une fiche "
                              "réflexe (l'identifiant du protocole qu'elle applique).")


def test_a_card_id_starts_with_fic(tmp_path):
    problems = problems_for(tmp_path, {"fr/protocoles/pos-01.md": french(),
                                       "fr/fiches/lc-09.md": french("LC-09", type_="card", extra="protocol: POS-01")})
    assert only(problems) == "2: champ « id » : attendu un identifiant commençant par FIC- pour le type « card » ; trouvé « LC-09 »."


# --- the whole pipeline: the build stops and lists every problem --------------------------------

def test_every_problem_of_a_build_is_reported_together(project):
    project.page("fr/index.md", "# Accueil\n", "Accueil")
    project.page("fr/protocoles/pos-01.md", french(owner="INCONNU"))
    project.page("fr/listes/lc-01.md", french("LC-01", type_="checklist", status="finished",
                                              extra="protocol: POS-01"))
    project.page("wo/protocoles/pos-01.md", wolof(source='"2.0"'))
    project.page("fr/guide.md", "# Guide\n\n<!-- aar:registre -->\n\n<iframe src=x></iframe>\n")
    build = project.build()
    assert build.returncode != 0
    assert "La construction du site est arrêtée : 5 problèmes à corriger." in build.output
    assert "docs/fr/protocoles/pos-01.md, ligne 9 : champ « owner »" in build.output
    assert "docs/fr/listes/lc-01.md, ligne 6 : champ « status »" in build.output
    assert "docs/wo/protocoles/pos-01.md, ligne 4 : champ « source_version »" in build.output
    assert "docs/fr/guide.md, ligne 3 : marqueur inconnu « aar:registre »" in build.output
    assert "docs/fr/guide.md, ligne 5 : balise HTML « iframe » non autorisée" in build.output
    assert "Traceback" not in build.output
    assert not (build.site / "index.html").exists()


# --- rendering: the card, each banner, the generated pages, in both languages -------------------

def controlled_project(project):
    project.page("fr/index.md", "# Accueil\n\nBienvenue.\n", "Accueil")
    project.page("wo/index.md", "---\ntranslation_status: draft\n---\n\n# Dalal\n")
    project.page("fr/protocoles/pos-01.md", french())                               # draft, translated late
    project.page("fr/fiches/fic-01.md", card_for("POS-01"))
    project.page("fr/fiches/fic-02.md", card_for("POS-02"))
    project.page("fr/fiches/fic-03.md", card_for("POS-03"))
    project.page("wo/protocoles/pos-01.md", wolof(source='"1.0"'))
    project.page("fr/protocoles/pos-02.md", french(
        "POS-02", title="Ancien protocole", status="retired", extra="replaced_by: POS-03"))
    project.page("fr/protocoles/pos-03.md", french(
        "POS-03", title="Protocole approuvé", status="approved", review="2026-12-31",
        extra="approved_by: CNLTP\napproved_on: 2026-11-25"))
    project.page("wo/protocoles/pos-03.md", wolof("POS-03", status="validated", title="Ndigal bu ñu nangu"))
    project.page("fr/a-propos/registre.md", "# Registre\n\n<!-- aar:register -->\n")
    project.page("fr/a-propos/journal.md", "# Journal\n\n<!-- aar:changelog -->\n")
    project.page("fr/a-propos/traductions.md", "# Traductions\n\n<!-- aar:translation-status -->\n")
    return project


@pytest.fixture(scope="module")
def controlled_site(tmp_path_factory):
    from conftest import Project
    build = controlled_project(Project(tmp_path_factory.mktemp("control") / "project")).build(env=EPOCH)
    assert build.returncode == 0, build.output
    return build


def page(build, path) -> BeautifulSoup:
    """A built page; narrow no-break spaces (French typography, tested in test_safety_rules) read as spaces."""
    return BeautifulSoup(build.html(path).replace("\u202f", " "), "html.parser")


def card(document) -> dict[str, str]:
    return {row.dt.get_text(strip=True): row.dd.get_text(strip=True) for row in document.select(".aar-card__row")}


def banners(document) -> set[str]:
    return {c.removeprefix("aar-banner--") for b in document.select(".aar-banner") for c in b["class"]
            if c.startswith("aar-banner--")}


def test_card_under_the_title_in_french(controlled_site):
    document = page(controlled_site, "protocoles/pos-01/index.html")
    assert document.select_one("article h1 + .aar-card") is not None
    assert card(document) == {
        "Référence": "POS-01", "Type": "Protocole", "Version": "1.1", "Statut": "projet",
        "En vigueur le": "1 décembre 2026", "Prochaine révision": "1 décembre 2027",
        "Responsable": "Comité interministériel de lutte contre la migration irrégulière (CILMI)",
        "Approbation": "non approuvé"}


def test_card_of_an_approved_document(controlled_site):
    values = card(page(controlled_site, "protocoles/pos-03/index.html"))
    assert values["Statut"] == "approuvé"
    assert values["Approbation"] == "CNLTP (intitulé complet à confirmer), le 25 novembre 2026"


def test_card_in_wolof_shows_translation_and_wolof_dates(controlled_site):
    document = page(controlled_site, "wo/protocoles/pos-01/index.html")
    assert document.select_one("article h1 + .aar-card") is not None
    text = document.select_one(".aar-card").get_text(" ", strip=True)
    assert "POS-01" in text and "1.1" in text and "Desàmbar" in text
    assert "1.0" in text  # the French version the translation follows


def test_unapproved_banner(controlled_site):
    document = page(controlled_site, "protocoles/pos-01/index.html")
    assert banners(document) == {"unapproved"}
    assert "au statut « projet »" in document.select_one(".aar-banner--unapproved").get_text()


def test_retired_banner_links_to_the_replacement(controlled_site):
    document = page(controlled_site, "protocoles/pos-02/index.html")
    assert "retired" in banners(document)
    link = document.select_one(".aar-banner--retired a")
    assert link.get_text() == "POS-03"
    target = (controlled_site.site / "protocoles/pos-02/index.html").parent / link["href"] / "index.html"
    assert target.resolve() == (controlled_site.site / "protocoles/pos-03/index.html").resolve()


def test_overdue_banner_relative_to_the_build_date(controlled_site):
    document = page(controlled_site, "protocoles/pos-03/index.html")
    assert banners(document) == {"overdue"}
    assert "devait être révisé le 31 décembre 2026" in document.select_one(".aar-banner--overdue").get_text()
    assert "overdue" not in banners(page(controlled_site, "protocoles/pos-01/index.html"))


def test_outdated_and_unvalidated_translation_banners(controlled_site):
    document = page(controlled_site, "wo/protocoles/pos-01/index.html")
    assert {"unapproved", "outdated", "unvalidated"} <= banners(document)
    outdated = document.select_one(".aar-banner--outdated")
    assert "1.0" in outdated.get_text() and "1.1" in outdated.get_text()
    href = outdated.a["href"]
    target = (controlled_site.site / "wo/protocoles/pos-01/index.html").parent / href / "index.html"
    assert target.resolve() == (controlled_site.site / "protocoles/pos-01/index.html").resolve()


def test_validated_current_translation_has_no_translation_banner(controlled_site):
    assert banners(page(controlled_site, "wo/protocoles/pos-03/index.html")) == {"overdue"}


def test_uncontrolled_pages_have_no_card(controlled_site):
    assert page(controlled_site, "index.html").select_one(".aar-card") is None


def test_register_groups_documents_by_type_in_both_languages(controlled_site):
    for path in ("a-propos/registre/index.html", "wo/a-propos/registre/index.html"):
        rows = page(controlled_site, path).select("article table tbody tr")
        ids = [row.td.get_text(strip=True) for row in rows]
        assert ids == ["POS-01", "POS-02", "POS-03", "FIC-01", "FIC-02", "FIC-03"], path
    wolof_titles = page(controlled_site, "wo/a-propos/registre/index.html").get_text()
    assert "Ndigal bu ñu nangu" in wolof_titles


def test_changelog_lists_every_entry_newest_first(controlled_site):
    rows = page(controlled_site, "a-propos/journal/index.html").select("article table tbody tr")
    dates = [row.td.get_text(strip=True) for row in rows]
    assert len(rows) == 12 and dates == sorted(dates, reverse=True)  # 6 documents, 2 entries each
    assert page(controlled_site, "wo/a-propos/journal/index.html").select("article table tbody tr")


def test_translation_status_page_with_coverage(controlled_site):
    text = page(controlled_site, "a-propos/traductions/index.html").get_text(" ", strip=True)
    assert "Sur 6 documents contrôlés, 2 ont une traduction wolof (33 %), dont 1 validée(s)" in text
    assert "1 en retard sur la version française" in text
    assert page(controlled_site, "wo/a-propos/traductions/index.html").select("article table tbody tr")


def test_stable_address_derives_from_the_id(controlled_site):
    assert (controlled_site.site / "protocoles/pos-03/index.html").is_file()
    assert "Protocole approuvé" in controlled_site.html("protocoles/pos-03/index.html")


@pytest.mark.pdf
def test_two_builds_of_the_same_tree_are_identical(project, tmp_path):
    controlled_project(project)
    first = project.build(pdf=True, env=EPOCH)
    assert first.returncode == 0, first.output
    first_site = tmp_path / "first"
    first.site.rename(first_site)
    second = project.build(pdf=True, env=EPOCH)
    assert second.returncode == 0, second.output
    files = sorted(p.relative_to(first_site) for p in first_site.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second.site) for p in second.site.rglob("*") if p.is_file())
    assert any(p.suffix == ".pdf" for p in files)
    different = [str(p) for p in files if not filecmp.cmp(first_site / p, second.site / p, shallow=False)]
    assert different == []


# --- markers ------------------------------------------------------------------------------------

def marker_problems(tmp_path, page_text: str, controlled: bool) -> list[str]:
    from aar.markers import check_markers

    files = {"fr/protocoles/pos-01.md": french()} if controlled else {}
    files["fr/guide.md"] = page_text
    problems_for(tmp_path, files)
    catalogue = read_catalogue(tmp_path / "docs")
    return [f"{p.line}: {p.message}" for p in check_markers(page_text, "docs/fr/guide.md", catalogue)]


def test_history_marker_only_in_a_controlled_document(tmp_path):
    assert marker_problems(tmp_path, "# Guide\n\n<!-- aar:history -->\n", controlled=False) == [
        "3: marqueur « aar:history » : seulement dans un document contrôlé (avec un champ « id »)."]


def test_malformed_marker_and_bad_arguments(tmp_path):
    text = ("# Guide\n\n<!-- aar:flowchart -->\n\n<!-- aar:flowchart id=inexistant -->\n\n"
            "<!-- aar:register groupe=type -->\n\n<!-- aar: register -->\n\n`<!-- aar:exemple -->`\n")
    assert marker_problems(tmp_path, text, controlled=False) == [
        "3: marqueur « aar:flowchart » : argument « id » obligatoire, par exemple id=…",
        "5: marqueur « aar:flowchart » : aucun fichier data/flowcharts/inexistant.yml.",
        "7: marqueur « aar:register » : argument « groupe » inconnu (arguments possibles : aucun).",
        "9: marqueur mal formé « <!-- aar: register --> ». Attendu : <!-- aar:nom clé=valeur --> sur une seule "
        "ligne, par exemple <!-- aar:history -->.",
    ]
