"""Reviewers and publishing: content safety, edit links, the check command, scaffolding, editions.

One fixture per refused pattern with the exact French message; the same checks on the real pages and
data (no false alarm); the check command on the real repository (with edit links on every real page)
and on a document created by the scaffolding command; two editions published with mike into a
throw-away repository.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

import content_checks
from aar.contract import WOLOF_FIELDS
from aar.offline import digest, page_address
from aar.orthography import RULES, check_page, check_text
from aar.orthography import check_tree as orthography_tree
from aar.privacy import allowed_contacts, personal_data, sensitive_content, unicode_problems
from aar.repository import repository
from aar.safety import unsafe_content
from aar.templates import labels
from conftest import ROOT, Project, real_config_text
from new_document import add_to_nav
from publish import banner_href, edition_of

PAGE = "docs/fr/protocoles/pos-99.md"
GIT_ENV = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.invalid"}
FORGE = "https://forge.example/organisation/aar-bakkan"
PRIVACY = ("Aucune donnée personnelle n'est publiée, même en exemple : retirez-la (ou remplacez-la par des "
           "pointillés dans un formulaire).")
SCRIPT_LINK = ("lien « javascript: », « data: » ou « vbscript: » non autorisé. Attendu : un lien vers une page "
               "du site ou une adresse web.")
REMOTE_IMAGE = ("image chargée depuis un autre site. Attendu : une image enregistrée dans le dépôt (le téléphone "
                "du lecteur ne contacte aucun autre site).")


def refusals(text: str, path: str = PAGE) -> list[str]:
    """Everything the build refuses in one page: raw HTML and resources, personal data, Unicode."""
    numbers, emails = allowed_contacts()
    problems = unsafe_content(text, path) + personal_data(text, path, numbers, emails) + unicode_problems(text, path)
    return [str(p) for p in problems]


REFUSED = {
    "script tag": ("<script>alert(1)</script>",
                   "balise HTML « script » non autorisée. Attendu : du Markdown (titres, listes, tableaux, encadrés "
                   "« !!! »). Le HTML brut n'est pas publié, pour la sécurité des lecteurs."),
    "event handler in a tag": ('<img src="carte.png" onerror="alert(1)">',
                               "gestionnaire d'événement « onerror » dans la balise HTML « img » : il exécuterait du "
                               "code dans le navigateur du lecteur. Attendu : du Markdown, sans HTML."),
    "event handler in an attribute list": ('[Voir](pos-01.md){: onclick="alert(1)" }',
                                           "attribut « onclick » non autorisé dans « { … } » : un gestionnaire "
                                           "d'événement exécuterait du code dans le navigateur du lecteur. Attendu : "
                                           "seulement une ancre (#nom) et des classes (.nom)."),
    "javascript link": ("[Cliquer](javascript:alert(1))", SCRIPT_LINK),
    "javascript link behind an entity": ("[Cliquer](jav&#x61;script:alert(1))", SCRIPT_LINK),
    "external image": ("![Carte](https://example.org/carte.png)", REMOTE_IMAGE),
    "external image by reference": ("![Carte][carte]\n\n[carte]: https://example.org/carte.png", REMOTE_IMAGE),
    "phone number": ("Appeler Awa au 77 123 45 67.",
                     "numéro de téléphone trouvé (« 77…67 ») qui n'est pas dans l'annuaire data/contacts.yml. Un "
                     "numéro personnel n'est jamais publié ; pour un service public, ajoutez le numéro et sa source "
                     "à data/contacts.yml et renvoyez à l'annuaire (references/annuaire.md)."),
    "international phone number": ("Son frère : +33 6 12 34 56 78.",
                                   "numéro de téléphone trouvé (« +3…78 ») qui n'est pas dans l'annuaire "
                                   "data/contacts.yml. Un numéro personnel n'est jamais publié ; pour un service "
                                   "public, ajoutez le numéro et sa source à data/contacts.yml et renvoyez à "
                                   "l'annuaire (references/annuaire.md)."),
    "e-mail address": ("Écrire à awa.diop@example.org.",
                       "adresse électronique trouvée (« aw…rg »). Une adresse personnelle n'est jamais publiée ; "
                       "l'adresse d'un service public s'ajoute au service concerné dans data/contacts.yml (champ "
                       "emails)."),
    "decomposed letter": ("Ke\u0308r gi.",
                          "colonne 3 : lettre décomposée « ë » écrite « e » + U+0308 (tréma combinant). Attendu : la "
                          "lettre composée « ë » (texte en Unicode NFC) ; scripts/check --fix la corrige, ou retapez "
                          "la lettre."),
    "right-to-left override": ("Appeler le \u202e71 le soir.",
                               "colonne 12 : caractère invisible U+202E (forçage droite-à-gauche). Il change "
                               "l'affichage du texte sans se voir. Supprimez-le (scripts/check --fix le fait)."),
    "identity-document number": ("CNI n° 1 751 1988 00123.",
                                 f"numéro de pièce d'identité trouvé (« 1 …23 »). {PRIVACY}"),
    "passport number": ("Passeport A01234567 retenu par l'employeur.",
                        f"numéro qui ressemble à celui d'une pièce d'identité ou d'un passeport (« A0…67 »). {PRIVACY}"),
    "long identity-like number": ("Dossier 1751198800123.",
                                  f"numéro de dix chiffres ou plus qui ressemble à un numéro d'identité (« 17…23 »). "
                                  f"{PRIVACY}"),
    "date of birth": ("Awa, née le 12/03/2009 à Kaolack.", f"date de naissance trouvée (« 12…09 »). {PRIVACY}"),
    "date of birth in words": ("Moussa, né le 3 mars 2008.", f"date de naissance trouvée (« 3 …08 »). {PRIVACY}"),
}


@pytest.mark.parametrize("name", REFUSED)
def test_each_refused_pattern_gets_its_french_message_with_file_and_line(name):
    snippet, message = REFUSED[name]
    text = f"---\ntitle: Essai\n---\n\n# Essai\n\n{snippet}\n"
    assert refusals(text) == [f"{PAGE}, ligne 7 : {message}"]


def test_the_build_refuses_personal_data_in_pages_and_data(tmp_path):
    """The checks run where the build runs them: hooks/content_checks.py check_tree, before anything is written."""
    docs = tmp_path / "docs"
    (docs / "fr").mkdir(parents=True)
    (docs / "wo").mkdir()
    (docs / "fr" / "index.md").write_text("# Accueil\n\nAppeler le 77 123 45 67 ou le 17.\n", encoding="utf-8")
    problems = [str(p) for p in content_checks.check_tree(docs)]
    assert problems == ["docs/fr/index.md, ligne 3 : " + REFUSED["phone number"][1]]


def test_public_service_numbers_of_the_directory_are_allowed():
    """The allow-list is data/contacts.yml: every number there passes, the same number with one digit changed does not."""
    contacts = yaml.safe_load((ROOT / "data" / "contacts.yml").read_text(encoding="utf-8"))
    numbers = [n for service in contacts["services"] for n in service["numbers"]]
    assert numbers
    for number in numbers:
        assert refusals(f"Appeler le {number} (voir l'annuaire).\n") == []
    long_numbers = [n for n in numbers if len(re.sub(r"\D", "", n)) >= 8]
    for number in long_numbers:
        changed = number[:-1] + ("1" if number[-1] != "1" else "2")
        assert any("numéro de téléphone" in p for p in refusals(f"Appeler le {changed}.\n")), changed


@pytest.mark.parametrize("legitimate", [
    "Loi n° 2005-06, art. 40 ; décret n° 2008-721 du 30 juillet 2008.",
    "effective_date: 2026-12-01",
    "Version 1.2.1 du 1er décembre 2026, entre 2023-2033.",
    "Budget : 1 500 000 F CFA ; 10 000 000 F CFA.",
    "Date de naissance : JJ/MM/AAAA · N° de pièce d'identité : …………",
    "Carte d'identité (Loi n° 2022-01), 30 % des cas, ISO 3166-1.",
    "SAMU 1515, police 17, sapeurs-pompiers 18.",
    "Ne pas dépasser le 12/03/2027 ; 72 heures, 120 heures.",
])
def test_legitimate_numbers_are_not_flagged(legitimate):
    assert refusals(legitimate + "\n") == []


def test_real_pages_and_data_have_no_personal_data_or_hidden_character():
    assert [str(p) for p in sensitive_content(ROOT / "docs", ROOT / "data")] == []


# --------------------------------------------------------------------------------------------
# Wolof orthography
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("word, message", [
    ("seɲ", "« seɲ » : « ɲ » (U+0272) ressemble à « ŋ » ; la lettre wolof est « ŋ » (U+014B), majuscule « Ŋ » "
            "(U+014A)."),
    ("ак", "« ак » : la lettre « а » (U+0430, cyrillic small letter a) n'appartient pas à l'alphabet wolof officiel "
           "(a à b c d e é ë f g i j k l m n ñ ŋ o ó p q r s t u w x y)."),
    ("ñëvv", "« ñëvv » mêle des lettres wolof et « v », absent de l'alphabet wolof officiel (a à b c d e é ë f g i j "
             "k l m n ñ ŋ o ó p q r s t u w x y)."),
    ("góór", "« góór » : une voyelle longue porte l'accent sur la première lettre seulement (« óo », comme dans "
             "réew, góor)."),
    ("dëqq", "« dëqq » : « q » ne se double jamais en wolof."),
    ("keur", "« keur » est une graphie à la française ; orthographe officielle : « kër »."),
])
def test_each_orthography_rule_names_the_word_and_the_official_spelling(word, message):
    assert [str(p) for p in check_text(f"Mu ngi ci {word} bi.", "docs/wo/x.md")] == [f"docs/wo/x.md, ligne 1 : {message}"]


def test_orthography_ignores_links_anchors_and_french_loanwords():
    page = ("---\ntitle: Kër gi\n---\n\n# Kër gi\n\n## Jëf yi {#actions}\n\nXale yi, bâche, périmètre, Thiès, "
            "créé, [étape 1](../protocoles/pos-01.md#etape-1), sañ-sañ, wér-gi-yaram.\n")
    assert check_page(page, "docs/wo/x.md") == []
    assert len(RULES) >= 5


def test_real_wolof_pages_and_data_follow_the_orthography_rules():
    assert [str(p) for p in orthography_tree(ROOT / "docs", ROOT / "data")] == []


# --------------------------------------------------------------------------------------------
# Edit links and forge address
# --------------------------------------------------------------------------------------------

def test_forge_address_comes_from_the_environment_first():
    assert repository(None, "edit/main/docs/", {}).repo_url is None
    forge = repository(None, "edit/main/docs/", {"AAR_REPO_URL": FORGE + "/"})
    assert (forge.repo_url, forge.edit_uri, forge.repo_name) == (FORGE, "edit/main/docs/", "aar-bakkan")
    assert repository("https://gitlab.example/a/b", None, {}).edit_uri == "-/edit/main/docs/"


_EDIT_LINK = re.compile(r'<a\b([^>]*\brel="edit"[^>]*)>(.*?)</a>', re.S)


def edit_links(site: Path) -> dict[str, list[tuple[str, str]]]:
    """(href, visible text) of the edit links of every content page of a built site."""
    pages = {}
    for path in sorted(site.rglob("*.html")):
        if path.name == "404.html":
            continue
        html = path.read_text(encoding="utf-8")
        if "<article" not in html:
            continue
        pages[path.relative_to(site).as_posix()] = [
            (re.search(r'href="([^"]*)"', attributes).group(1),
             " ".join(re.sub(r"<svg.*?</svg>|<[^>]+>", " ", inner, flags=re.S).split()))
            for attributes, inner in _EDIT_LINK.findall(html)]
    return pages


def test_real_site_has_no_edit_link_and_no_forge_call_without_an_address(site):
    if os.environ.get("AAR_REPO_URL"):
        pytest.skip("AAR_REPO_URL is set for this run: the session site has edit links")
    pages = edit_links(site.site)
    assert len(pages) > 100
    assert all(links == [] for links in pages.values())
    index = site.html("index.html")
    assert 'data-md-component="source"' not in index and "edit/main" not in index


# --------------------------------------------------------------------------------------------
# The check command on the real repository
# --------------------------------------------------------------------------------------------

def check_command(*args: str, env: dict | None = None, wrapper: bool = False) -> tuple[list, dict]:
    environment = {key: value for key, value in os.environ.items() if not key.startswith("AAR_")}
    environment.update({"NO_MKDOCS_2_WARNING": "1", **GIT_ENV, **(env or {})})
    command = [str(ROOT / "scripts" / "check")] if wrapper else [sys.executable, str(ROOT / "scripts" / "check.py")]
    return [*command, *args], environment


def run_check(*args: str, env: dict | None = None, cwd: Path = ROOT, wrapper: bool = False):
    command, environment = check_command(*args, env=env, wrapper=wrapper)
    return subprocess.run(command, cwd=cwd, env=environment, capture_output=True, text=True, timeout=600)


def real_check_command(folder: Path) -> tuple[list, dict]:
    """scripts/check on the real repository, as a reviewer runs it, keeping the site it built (with edit links)."""
    return check_command("--site-dir", str(folder / "site"), "--base", "HEAD", env={"AAR_REPO_URL": FORGE},
                         wrapper=True)


@pytest.fixture(scope="module")
def real_check(request, tmp_path_factory):
    """The run of real_check_command started when the tests were collected (conftest.py), or one run now."""
    from conftest import background

    job = background(request, "real_check")
    if job is not None:
        return job.wait(), Path(job.command[job.command.index("--site-dir") + 1])
    folder = tmp_path_factory.mktemp("checked")
    command, environment = real_check_command(folder)
    result = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=600)
    return result, folder / "site"


def test_check_command_passes_on_the_real_repository_and_prints_its_duration(real_check):
    result, _ = real_check
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    for step in ("Orthographe wolof", "Construction stricte sans PDF", "Impact sur les traductions"):
        assert re.search(rf"^✓ {step}.* : \d+,\d s$", result.stdout, re.M), step
    duration = re.search(r"^Durée de la vérification : (\d+),(\d) s \(budget : 60 s\)\.$", result.stdout, re.M)
    assert duration, result.stdout[-2000:]
    print(f"scripts/check on the real repository: {duration.group(1)},{duration.group(2)} s")


def source_of(page: str) -> str:
    """The source file a built page comes from: its own language's file, or the French one (fallback)."""
    language, _, rest = page.partition("/") if page.startswith("wo/") else ("fr", "", page)
    folder = rest.removesuffix("index.html").rstrip("/")
    candidates = [f"{folder}.md", f"{folder}/index.md"] if folder else ["index.md"]
    for relative in candidates:
        for folder_language in (language, "fr"):
            if (ROOT / "docs" / folder_language / relative).is_file():
                return f"docs/{folder_language}/{relative}"
    raise AssertionError(f"no source for {page}")


def test_every_real_page_links_to_its_own_existing_source_file(real_check):
    result, site = real_check
    assert result.returncode == 0, result.stdout[-3000:]
    pages = edit_links(site)
    assert len(pages) > 100
    prefix = f"{FORGE}/edit/main/"
    fallbacks = 0
    for page, links in pages.items():
        assert len(links) == 1, page
        href, text = links[0]
        source = source_of(page)
        assert href == prefix + source and (ROOT / source).is_file(), (page, href)
        t = labels("wo" if page.startswith("wo/") else "fr")
        if page.startswith("wo/") and source.startswith("docs/fr/"):
            fallbacks += 1
            assert text == f"{t['edit_link']} {t['edit_link_fallback']}", page
        else:
            assert text == t["edit_link"], page
    assert any(page.startswith("wo/") for page in pages)
    index = (site / "index.html").read_text(encoding="utf-8")
    assert 'data-md-component="source"' not in index  # no call to the forge's API from a phone


def test_a_french_page_shown_under_wo_links_to_its_french_source_and_says_so(project):
    project.page("fr/index.md", "# Accueil\n\nPage d'accueil.\n").page("fr/guide.md", "# Guide\n\nUne page.\n")
    project.page("wo/index.md", "---\ntranslation_status: draft\n---\n\n# Dalal\n\nXët wi.\n")
    build = project.build(env={"AAR_REPO_URL": FORGE})
    assert build.returncode == 0, build.output[-3000:]
    pages = edit_links(build.site)
    t = labels("wo")
    assert pages["wo/guide/index.html"] == [(f"{FORGE}/edit/main/docs/fr/guide.md",
                                             f"{t['edit_link']} {t['edit_link_fallback']}")]
    assert pages["wo/index.html"] == [(f"{FORGE}/edit/main/docs/wo/index.md", t["edit_link"])]


# --------------------------------------------------------------------------------------------
# Scaffolding: the created files pass every check; translation impact
# --------------------------------------------------------------------------------------------

def git(cwd: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, env={**os.environ, **GIT_ENV}, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def throwaway(base: Path, nav: list, pages: dict[str, str]) -> Path:
    project = Project(base)
    for path, text in pages.items():
        project.page(path, text, in_nav=False)
    (base / "mkdocs.yml").write_text(real_config_text(nav), encoding="utf-8")
    git(base, "init", "--quiet", "--initial-branch", "main")
    git(base, "add", "--all")
    git(base, "commit", "--quiet", "--message", "Départ")
    return base


def scaffold(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "new_document.py"), *args, "--project", str(project),
                           "--date", "2026-12-01"], capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def scaffolded(tmp_path_factory):
    project = throwaway(tmp_path_factory.mktemp("scaffold") / "project", [{"Accueil": "index.md"}],
                        {"fr/index.md": "# Accueil\n\nPage d'accueil.\n"})
    created = [scaffold(project, "protocole", "Accueil des personnes rescapées", "--responsable", "HASSMAR"),
               scaffold(project, "fiche", "Accueil : les premiers gestes", "--responsable", "HASSMAR",
                        "--protocole", "POS-01")]
    check = run_check("--config-file", str(project / "mkdocs.yml"), "--site-dir", str(project / "site"),
                      "--base", "HEAD", cwd=project)
    return project, created, check


def test_scaffolding_creates_french_file_navigation_and_wolof_stub(scaffolded):
    project, created, _ = scaffolded
    for result in created:
        assert result.returncode == 0, result.stderr
    assert "LC-01 a été créée avec lui" in created[0].stdout
    nav = yaml.safe_load("nav:\n" + (project / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:\n", 1)[1])
    assert nav["nav"][1:] == [{"Protocoles": ["protocoles/pos-01.md"]}, {"Listes de contrôle": ["listes/lc-01.md"]},
                              {"Fiches réflexes": ["fiches/fic-01.md"]}]
    protocol = (project / "docs/fr/protocoles/pos-01.md").read_text(encoding="utf-8")
    sections = re.findall(r"^## .*\{#([\w-]+)\}$", protocol, re.M)
    assert sections == ["essentiel", "objet", "champ-application", "definitions", "references", "principes", "roles",
                        "procedure", "cas-particuliers", "annexes", "indicateurs", "historique"]
    assert protocol.rstrip().endswith("<!-- aar:history -->")
    for relative in ("protocoles/pos-01.md", "listes/lc-01.md", "fiches/fic-01.md"):
        wolof = (project / "docs/wo" / relative).read_text(encoding="utf-8")
        expected = ['source_version: "0.1"', "translation_status: machine"]
        expected += ["translated_by: machine"] if "translated_by" in WOLOF_FIELDS else []
        assert all(field in wolof for field in expected), relative


def test_scaffolded_documents_pass_every_check(scaffolded):
    project, _, check = scaffolded
    assert check.returncode == 0, check.stdout[-4000:] + check.stderr[-2000:]
    assert "✗" not in check.stdout and check.stdout.count("✓ ") == 3, check.stdout
    assert (project / "site" / "protocoles" / "pos-01" / "index.html").is_file()
    assert (project / "site" / "wo" / "fiches" / "fic-01" / "index.html").is_file()


def test_no_edit_link_without_a_forge_address(scaffolded):
    project, _, check = scaffolded
    assert check.returncode == 0
    pages = edit_links(project / "site")
    assert len(pages) >= 8 and all(links == [] for links in pages.values())


def test_a_version_change_lists_the_wolof_pages_left_behind(scaffolded):
    project, _, _ = scaffolded
    git(project, "add", "--all")
    git(project, "commit", "--quiet", "--message", "Nouveaux documents")
    path = project / "docs/fr/listes/lc-01.md"
    text = path.read_text(encoding="utf-8")
    text = text.replace('version: "0.1"\nstatus', 'version: "0.2"\nstatus', 1).replace(
        "history:\n", 'history:\n  - version: "0.2"\n    date: 2026-12-02\n    summary: "Actions rédigées."\n', 1)
    path.write_text(text, encoding="utf-8")
    result = run_check("--config-file", str(project / "mkdocs.yml"), "--fast", "--base", "HEAD",
                       "--summary", str(project / "summary.md"), cwd=project)
    assert result.returncode == 0, result.stdout
    lag = ("docs/wo/listes/lc-01.md suit la version 0.1 ; docs/fr/listes/lc-01.md est passé de la version 0.1 à la "
           "version 0.2.")
    assert f"      - {lag}" in result.stdout
    assert "1 page(s) wolof en retard" in result.stdout
    assert f"- {lag}" in (project / "summary.md").read_text(encoding="utf-8")


def test_check_command_stops_a_careless_change_and_says_why(scaffolded):
    project, _, _ = scaffolded
    page = project / "docs/fr/fiches/fic-01.md"
    original = page.read_text(encoding="utf-8")
    try:
        page.write_text(original + "\nAppeler Awa au 77 123 45 67.\n\n<script>alert(1)</script>\n", encoding="utf-8")
        result = run_check("--config-file", str(project / "mkdocs.yml"), "--fast", cwd=project)
    finally:
        page.write_text(original, encoding="utf-8")
    assert result.returncode == 1
    line = original.count("\n") + 2
    assert f"docs/fr/fiches/fic-01.md, ligne {line} : {REFUSED['phone number'][1]}" in result.stdout
    assert f"docs/fr/fiches/fic-01.md, ligne {line + 2} : {REFUSED['script tag'][1]}" in result.stdout
    assert "Résultat : 1 étape(s) en échec." in result.stdout


def test_navigation_entry_goes_after_the_last_page_of_its_folder():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    french = sorted((ROOT / "docs/fr/protocoles").glob("pos-*.md"))
    new = f"protocoles/pos-{int(french[-1].stem.split('-')[1]) + 1:02d}.md"
    updated = add_to_nav(text, new, "Protocoles")
    lines = updated.split("\n")
    position = lines.index(f"      - {new}")
    assert lines[position - 1].strip() == f"- protocoles/{french[-1].name}"
    assert len(updated.split("\n")) == len(text.split("\n")) + 1


# --------------------------------------------------------------------------------------------
# Editions with mike
# --------------------------------------------------------------------------------------------

def next_edition(edition: str) -> str:
    year, number = edition.split(".")
    return f"{year}.{int(number) + 1}"


def publish(project: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, **GIT_ENV, "AAR_PDF": "0", "NO_MKDOCS_2_WARNING": "1"}
    env.pop("AAR_REPO_URL", None)
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "publish.py"), "--config-file",
                           str(project / "mkdocs.yml")], cwd=project, env=env, capture_output=True, text=True,
                          timeout=600)


def test_two_editions_are_published_side_by_side_and_the_old_one_says_so(tmp_path):
    first = edition_of(ROOT / "mkdocs.yml")
    second = next_edition(first)
    project = throwaway(tmp_path / "project", [{"Accueil": "index.md"}, {"Guide": "guide.md"}], {
        "fr/index.md": "# Accueil\n\nPage d'accueil.\n",
        "fr/guide.md": "# Guide\n\nUne page.\n",
        "wo/index.md": "---\ntranslation_status: draft\n---\n\n# Dalal\n\nXët wi.\n",
    })
    result = publish(project)
    assert result.returncode == 0, result.stdout + result.stderr
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(f'edition: "{first}"', f'edition: "{second}"'),
                      encoding="utf-8")
    git(project, "commit", "--quiet", "--all", "--message", "Nouvelle édition")
    result = publish(project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Éditions marquées comme remplacées : {first}." in result.stdout

    versions = json.loads(git(project, "show", "gh-pages:versions.json"))
    assert [(v["version"], v["aliases"]) for v in versions] == [(second, ["latest"]), (first, [])]
    assert "url=latest/" in git(project, "show", "gh-pages:index.html")
    assert f"../{second}/" in git(project, "show", "gh-pages:latest/index.html")
    pages = ["index.html", "guide/index.html", "wo/index.html"]
    for page in pages:
        old = git(project, "show", f"gh-pages:{first}/{page}")
        new = git(project, "show", f"gh-pages:{second}/{page}")
        t = labels("wo" if page.startswith("wo/") else "fr")
        assert f"{t['edition']} {first}" in old and f"{t['edition']} {second}" in new, page
        assert "aar-superseded" not in new, page
        banner = BeautifulSoup(old, "html.parser").select("aside.aar-superseded")
        assert len(banner) == 1, page
        text = " ".join(banner[0].get_text(" ", strip=True).split())
        assert t["superseded_text"].format(edition=first, latest=second) in text, page
        assert banner[0]["data-aar-superseded"] == first
        href = banner[0].a["href"]
        target = Path(f"{first}/{page}").parent / href / "index.html"
        assert git(project, "cat-file", "-t", f"gh-pages:{os.path.normpath(target)}").strip() == "blob", (page, href)
    # The banner sits before the header: it is the first thing a reader sees, on every page.
    assert old.index("aar-superseded") < old.index('class="md-header')
    # The old edition's offline list holds its pages as they now are, banner included.
    for language, page in (("fr", "index.html"), ("wo", "wo/index.html")):
        listed = json.loads(git(project, "show", f"gh-pages:{first}/offline/{language}.json"))
        hashes = {path: hash for path, hash, _, kind in listed["files"] if kind == "page"}
        marked = git(project, "show", f"gh-pages:{first}/{page}").encode("utf-8")
        assert hashes[page_address(page)] == digest(marked), page


def test_banner_links_to_the_same_page_or_the_language_home(tmp_path):
    site = tmp_path
    for path in ("2026.2/guide/index.html", "2026.2/index.html", "2026.2/wo/index.html", "2026.1/guide/index.html",
                 "2026.1/wo/ancien/index.html"):
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text("<html></html>", encoding="utf-8")
    assert banner_href(site, site / "2026.1/guide/index.html", "2026.1", "2026.2") == "../../2026.2/guide/"
    assert banner_href(site, site / "2026.1/wo/ancien/index.html", "2026.1", "2026.2") == "../../../2026.2/wo/"


# --------------------------------------------------------------------------------------------
# Repository conventions
# --------------------------------------------------------------------------------------------

def test_pull_requests_and_ci_run_the_project_commands():
    workflow = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    triggers = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1 reads `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    check_steps = [step.get("run", "") for step in workflow["jobs"]["check"]["steps"]]
    assert any(run.startswith("scripts/check") for run in check_steps)
    assert "bash .ci/run" in check_steps
    publish = workflow["jobs"]["publish"]
    assert "refs/heads/main" in publish["if"] and publish["needs"] == "check"
    assert any(step.get("run", "").startswith("scripts/publish") for step in publish["steps"])
    hooks = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"]
    for hook in hooks:
        command = ROOT / hook["entry"].split()[0]
        assert command.is_file() and os.access(command, os.X_OK), hook["entry"]
    template = (ROOT / ".github/pull_request_template.md").read_text(encoding="utf-8")
    for heading in ("## Ce qui change", "## Documents concernés", "## Version et historique",
                    "## Traductions touchées", "## Approbation"):
        assert heading in template
    forms = sorted((ROOT / ".github/ISSUE_TEMPLATE").glob("*.md"))
    names = {yaml.safe_load(f.read_text(encoding="utf-8").split("---")[1])["name"] for f in forms}
    assert names == {"Erreur dans un protocole", "Correction d'une traduction wolof", "Nouveau document"}
