"""Throwaway projects: switches, Wolof anchors, and bad input that must stop the build clearly."""

from __future__ import annotations

import shutil

from bs4 import BeautifulSoup

from conftest import ROOT, real_config_text
from safe_build import build_atomically

HOME = "# Accueil\n\nBienvenue.\n"
WOLOF_HOME = "---\ntranslation_status: draft\n---\n\n# Dalal\n\nDalal ak jàmm.\n"


def minimal(project):
    return project.page("fr/index.md", HOME, "Accueil").page("wo/index.md", WOLOF_HOME)


def test_pdf_switch_off_writes_no_pdf(project):
    build = minimal(project).build(pdf=False)
    assert build.returncode == 0, build.output
    assert not list(build.site.rglob("*.pdf"))
    assert "without generate PDF" not in build.output


def test_pdf_switch_on_writes_one_pdf_per_language(project):
    build = minimal(project).build(pdf=True)
    assert build.returncode == 0, build.output
    assert (build.site / "pdf" / "aar-bakkan.pdf").is_file()
    assert (build.site / "wo" / "pdf" / "aar-bakkan.pdf").is_file()


def test_wolof_heading_anchor_keeps_eng_and_accents(project):
    minimal(project).page("fr/page.md", "# Page\n\n## Lutte\n").page(
        "wo/page.md", "---\ntranslation_status: draft\n---\n\n# Xët\n\n## Joŋante ci géej\n")
    build = project.build()
    assert build.returncode == 0, build.output
    heading = BeautifulSoup(build.html("wo/page/index.html"), "html.parser").find("h2")
    assert heading["id"] == "joŋante-ci-géej"


def test_broken_internal_link_stops_the_build_naming_the_file(project):
    minimal(project).page("fr/guide.md", "# Guide\n\nVoir [la liste](listes/lc-99.md).\n")
    build = project.build()
    assert build.returncode != 0
    assert "fr/guide.md" in build.output and "listes/lc-99.md" in build.output


def test_broken_anchor_stops_the_build_naming_the_file(project):
    minimal(project).page("fr/guide.md", "# Guide\n\nVoir [l'objet](index.md#objet-absent).\n")
    build = project.build()
    assert build.returncode != 0
    assert "fr/guide.md" in build.output and "objet-absent" in build.output


def test_page_missing_from_navigation_stops_the_build_naming_the_file(project):
    minimal(project).page("fr/oubliee.md", "# Page oubliée\n", in_nav=False)
    build = project.build()
    assert build.returncode != 0
    assert "oubliee.md" in build.output


def test_template_error_stops_the_build_naming_the_template(project, tmp_path):
    broken_theme = tmp_path / "overrides"
    shutil.copytree(ROOT / "overrides", broken_theme)
    (broken_theme / "main.html").write_text(
        '{% extends "base.html" %}\n{% block content %}{{ page.content }\n{% endblock %}\n')
    config = real_config_text(["index.md"]).replace("custom_dir: overrides", f"custom_dir: {broken_theme}")
    build = minimal(project).build(config_text=config)
    assert build.returncode != 0
    assert f"Gabarit du thème illisible : {broken_theme / 'main.html'}, ligne 2" in build.output


def test_unsafe_html_stops_the_build_with_file_line_and_expectation(project):
    minimal(project).page(
        "fr/guide.md",
        "# Guide\n\nTexte.\n\n<script>alert(1)</script>\n\n![carte](https://exemple.org/carte.png)\n")
    build = project.build()
    assert build.returncode != 0
    assert "docs/fr/guide.md, ligne 5 : balise HTML « script » non autorisée" in build.output
    assert "docs/fr/guide.md, ligne 7 : image chargée depuis un autre site" in build.output
    assert "Traceback" not in build.output


def test_failed_build_leaves_the_published_folder_untouched(project, tmp_path):
    minimal(project).page("fr/guide.md", "# Guide\n\n[cassé](absent.md)\n")
    project.build()  # writes mkdocs.yml
    published = tmp_path / "published"
    published.mkdir()
    (published / "index.html").write_text("version précédente")
    code = build_atomically(project.base / "mkdocs.yml", published, {"AAR_PDF": "0"})
    assert code != 0
    assert [p.name for p in published.iterdir()] == ["index.html"]
    assert (published / "index.html").read_text() == "version précédente"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site-build.")]


def test_successful_safe_build_replaces_the_published_folder(project, tmp_path):
    minimal(project).build()
    published = tmp_path / "published"
    published.mkdir()
    (published / "stale.html").write_text("ancienne page")
    assert build_atomically(project.base / "mkdocs.yml", published, {"AAR_PDF": "0"}) == 0
    assert (published / "index.html").is_file() and (published / "wo" / "index.html").is_file()
    assert not (published / "stale.html").exists()


def test_data_file_mistakes_stop_the_build_in_french(tmp_path):
    from conftest import Project

    project = minimal(Project(tmp_path / "project", copy_data=True))
    programme = project.base / "data" / "centre-programme.yml"
    programme.write_text(programme.read_text(encoding="utf-8").replace("rule: {fixed: 1}", "rule: {fixe: 1}", 1),
                         encoding="utf-8")
    contacts = project.base / "data" / "contacts.yml"
    contacts.write_text(contacts.read_text(encoding="utf-8").replace('["17"]', "[17]"), encoding="utf-8")
    costs = project.base / "data" / "costs.yml"   # a price typed without saying where it comes from
    costs.write_text(costs.read_text(encoding="utf-8").replace("unit_cost: null, source: null",
                                                               "unit_cost: 250000, source: null", 1), encoding="utf-8")
    build = project.build()
    assert build.returncode != 0
    assert "data/centre-programme.yml : zone « entree », article « bureau » : règle invalide {'fixe': 1}" in build.output
    assert ("data/costs.yml : staff, fonction « responsable » : un coût unitaire saisi doit avoir sa « source »"
            in build.output)
    assert ("data/contacts.yml : service « police » : « numbers » doit être une liste de numéros entre guillemets"
            in build.output)
    assert "Traceback" not in build.output


def test_unreadable_data_file_names_file_and_line(tmp_path):
    from conftest import Project

    project = minimal(Project(tmp_path / "project", copy_data=True))
    (project.base / "data" / "owners.yml").write_text("CILMI:\n  name: [Comité\n", encoding="utf-8")
    build = project.build()
    assert build.returncode != 0
    assert "La construction du site est arrêtée : 1 problème à corriger." in build.output
    assert "data/owners.yml : ligne 3 : YAML illisible" in build.output
    assert "Traceback" not in build.output
