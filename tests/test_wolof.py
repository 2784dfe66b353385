"""Issue 11: Wolof pages a Wolof-only reader can act on.

The term base (size, one locked form, the decisions on conflicting forms), each Wolof check with its exact
French message, the French-share metric on real pages, charts and labels in Wolof, the warning banner on
Wolof drafts of safety-critical pages, translated_by in the contract, and the report command.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from aar import wolof
from aar.contract import check_catalogue, read_catalogue
from aar.datacheck import check_terms
from aar.orthography import RULES, check_text
from conftest import ROOT

DOCS, DATA = ROOT / "docs", ROOT / "data"
TERMS = yaml.safe_load((DATA / "terms.yml").read_text(encoding="utf-8"))["terms"]
WOLOF_LETTERS = set("aàbcdeéëfgijklmnñŋoópqrstuwxy")


@pytest.fixture(scope="module")
def lexicon():
    return wolof.build_lexicon(DOCS, DATA)


def by_french(french: str) -> dict:
    return next(t for t in TERMS if t["fr"] == french)


# --- term base ------------------------------------------------------------------------------------

def test_term_base_has_250_entries_one_locked_official_form_each():
    assert len(TERMS) >= 250
    assert len({t["fr"] for t in TERMS}) == len(TERMS)
    attested = [t for t in TERMS if t["source"] in ("U", "M", "D", "Q")]
    assert len(attested) >= 45 and all(t["source"] in ("U", "M", "D", "Q", "P") for t in TERMS)
    for term in TERMS:
        form = term["wo"]
        assert isinstance(form, str) and "," not in form and ";" not in form, term   # one form, not a list
        assert unicodedata.is_normalized("NFC", form), term
        assert term.get("note") is not None, term
        letters = {c for c in form.lower() if c.isalpha()} - set("vih")   # VIH, an acronym, is allowed
        assert letters <= WOLOF_LETTERS, (term, letters - WOLOF_LETTERS)
        assert check_text(form, "data/terms.yml", rules=RULES) == [], term
    assert check_terms({"terms": TERMS}) == []


def test_term_base_covers_the_terms_the_issue_names_with_wolof_forms():
    for french in ("tri", "étape", "choc", "violences sexuelles", "trafiquant", "passeur", "registre", "données",
                   "adulte", "réanimation", "insufflation", "pouls", "position latérale de sécurité",
                   "signe d'urgence", "victime présumée", "enfant non accompagné", "enfant séparé", "traite",
                   "consentement", "transmission", "liste de contrôle", "fiche réflexe", "version", "étape critique"):
        term = by_french(french)
        assert term["wo"].lower() != french and not term.get("keep_french"), term


def test_decisions_on_conflicting_forms():
    assert by_french("adulte")["wo"] == "ku mat" and "mag ki" in by_french("adulte")["variants"]
    assert by_french("personne âgée")["wo"] == "mag"
    assert by_french("police judiciaire")["wo"] == "pólisu yoon"
    assert by_french("gendarmerie")["keep_french"] is True
    assert "ci mbóot" in by_french("confidentiel")["variants"]
    assert by_french("effacer")["wo"] == "fomm"


def test_term_base_fields_are_checked_with_french_messages():
    assert check_terms({"terms": [{"fr": "adulte", "wo": "ku mat", "source": "P", "variants": "mag"},
                                  {"fr": "x", "wo": "y", "source": "P", "keep_french": "oui"}]}) == [
        "data/terms.yml, terme n° 1 : « variants » doit être une liste de formes refusées (textes), sans la forme "
        "verrouillée « ku mat ».",
        "data/terms.yml, terme n° 2 : « keep_french » vaut true (nom, sigle ou titre gardé en français) ou est absent."]


def test_wolof_forms_of_the_term_base_are_not_read_as_french(lexicon):
    for term in TERMS:
        if not term.get("keep_french"):
            assert wolof.french_share(term["wo"], "t", lexicon).french == [], term


# --- (a) French left alone --------------------------------------------------------------------------

SAMPLE = """---
id: LC-99
title: Limu li ñuy def
---

# Limu li ñuy def

Woo pólisu yoon (police judiciaire) ak Croix-Rouge sénégalaise ci saa si ([Loi n° 2005-06, art. 12](x.md)).
Def tri ci nit ku nekk ci tefes gi, te seet pouls bi.

- [ ] Jox ko ndox, bul ko jox benn garab ci SAMU ([jéego 4](pos-01.md#etape-4))
"""


def test_french_share_counts_french_left_alone_and_names_the_locked_form(lexicon):
    share = wolof.french_share(SAMPLE, "docs/wo/listes/lc-99.md", lexicon)
    # Not counted: the gloss after its Wolof, the name, the law title, the acronym.
    assert [(w.text, w.line, w.suggestion) for w in share.french] == [
        ("tri", 9, "seetu jamp"), ("pouls", 9, "tëppu xol")]
    assert share.words == 44 and share.percent() == "4,5 %"
    assert [str(p) for p in wolof.share_problems(share)] == [
        "docs/wo/listes/lc-99.md : 4,5 % des mots de la page sont du français laissé seul (2 sur 44) ; au plus 2 % "
        "attendu. Écrivez le terme wolof de data/terms.yml ; un terme français ne reste qu'entre parenthèses après "
        "son wolof, ou s'il s'agit d'un nom, d'un sigle ou d'un titre de loi.",
        "docs/wo/listes/lc-99.md, ligne 9 : mots français laissés seuls : « tri » → « seetu jamp », « pouls » → "
        "« tëppu xol »."]


def test_names_kept_in_french_acronyms_and_glosses_are_not_counted(lexicon):
    line = "Woo gendarmerie walla Gendarmerie, HASSMAR ak Marine nationale ; seetu jamp (tri) ci Loi n° 2005-06."
    assert wolof.french_share(line, "x", lexicon).french == []
    assert [w.text for w in wolof.french_share("Def tri (seetu jamp).", "x", lexicon).french] == ["tri"]


def test_french_in_a_safety_line_is_refused_even_under_two_percent(lexicon):
    page = SAMPLE.replace("Def tri ci nit ku nekk ci tefes gi, te seet pouls bi.", "Xale yi. " * 60).replace(
        "bul ko jox benn garab", "bul ko masser")
    share = wolof.french_share(page, "docs/wo/listes/lc-99.md", lexicon)
    assert share.ratio < wolof.THRESHOLD
    assert [str(p) for p in wolof.share_problems(share)] == [
        "docs/wo/listes/lc-99.md, ligne 11 : ligne de sécurité (case à cocher ou geste) avec du français laissé "
        "seul : « masser » → « moos ». Une consigne de sécurité se lit entièrement en wolof."]


def test_french_pages_read_as_wolof_are_mostly_french_and_wolof_data_texts_have_none(lexicon):
    french_page = (DOCS / "fr/listes/lc-03.md").read_text(encoding="utf-8")
    assert wolof.french_share(french_page, "fr", lexicon).ratio > 0.7
    for chart in sorted((DATA / "flowcharts").glob("*.yml")):
        for node in yaml.safe_load(chart.read_text(encoding="utf-8"))["nodes"]:
            text = (node.get("question") or node.get("outcome"))["wo"]
            assert wolof.french_share(text, chart.name, lexicon).french == [], (chart.name, node["id"])


def test_every_real_wolof_page_is_measured_line_by_line(lexicon):
    for path in sorted((DOCS / "wo").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        share = wolof.french_share(text, str(path), lexicon)
        # Every word is counted: as many as its French source has, give or take (a page that is mostly a
        # generated table has few of its own).
        french_words = len(re.findall(r"\w+", (DOCS / "fr" / path.relative_to(DOCS / "wo")).read_text(encoding="utf-8")))
        assert share.words > 0.3 * french_words and share.words > 20, path
        lines = text.split("\n")
        for word in share.french:   # each French word is on the line the message names
            assert word.text.split()[0].lower() in lines[word.line - 1].lower(), (path, word)


# --- (b) locked terms ---------------------------------------------------------------------------------

def test_phrase_tree_finds_the_same_terms_as_a_longest_first_alternation():
    """The term base as a tree of letters (fast) matches exactly what the plain alternation of its phrases,
    longest first, matches: same places, same text, on one real page in five of both languages (the plain
    alternation is what made the check slow)."""
    phrases = {t["fr"].strip() for t in TERMS} | {t["wo"].strip() for t in TERMS}
    phrases = {p for p in phrases if len(p) > 1}
    for case in (False, True):
        tree = wolof._phrase_pattern(phrases, case=case)
        plain = "|".join(r"\s+".join(re.escape(part) for part in p.split())
                         for p in sorted(phrases, key=len, reverse=True))
        alternation = re.compile(rf"(?<![\w-])(?:{plain})(?![\w-])", 0 if case else re.I)
        found = 0
        for path in sorted(DOCS.rglob("*.md"))[::5]:
            text = path.read_text(encoding="utf-8")
            expected = [(m.start(), m.group(0)) for m in alternation.finditer(text)]
            assert [(m.start(), m.group(0)) for m in tree.finditer(text)] == expected, path
            found += len(expected)
        assert found > 1000


def test_refused_variant_gets_the_locked_form_with_its_line_in_the_term_base():
    terms = wolof.load_terms(DATA)
    line = next(t.line for t in terms if t.fr == "adulte")
    text = "---\ntitle: X\n---\n\n# X\n\nBul bàyyi xale bi ak ay mag yu mu xamul (ay mag : adultes).\n"
    assert [str(p) for p in wolof.check_locked_terms(text, "docs/wo/x.md", terms)] == [
        f"docs/wo/x.md, ligne 7 : « ay mag » : forme refusée pour « adulte » ; forme verrouillée : « ku mat » "
        f"(data/terms.yml, ligne {line})."]


def test_wolof_columns_of_french_pages_are_checked_too():
    found = wolof.wolof_columns_variants(DOCS, DATA)
    assert all(p.path.endswith("(colonne wolof)") and "forme verrouillée" in p.message for p in found)


# --- (c) charts and cards --------------------------------------------------------------------------------

def test_charts_have_wolof_wherever_they_have_french():
    charts = sorted((DATA / "flowcharts").glob("*.yml"))
    assert len(charts) == 3
    for chart in charts:
        assert wolof.chart_problems(chart.read_text(encoding="utf-8"), chart.name) == []
    text = "title: {fr: \"Arbre\", wo: \"Nataal\"}\nnodes:\n  - id: q-un\n    question: {fr: \"Respire-t-il ?\"}\n"
    assert [str(p) for p in wolof.chart_problems(text, "data/flowcharts/x.yml")] == [
        "data/flowcharts/x.yml, ligne 4 : nœud « q-un », champ « question » : texte wolof absent. Attendu "
        "« question: {fr: \"…\", wo: \"…\"} » : un arbre de décision se lit entièrement en wolof sur les pages "
        "wolof (termes de data/terms.yml)."]


def test_card_steps_keep_their_order_and_links():
    french = "# Fiche\n\n1. **Trier** ([étape 4](p.md#etape-4))\n2. **Appeler**\n   ([étape 6](p.md#etape-6))\n"
    swapped = "# Kàrt\n\n1. **Woo** ([jéego 6](p.md#etape-6))\n2. **Seetu jamp** ([jéego 4](p.md#etape-4))\n"
    assert wolof.item_problems(french, french.replace("étape", "jéego"), "wo", "fr") == []
    assert [str(p) for p in wolof.item_problems(french, swapped, "docs/wo/fiches/fic-01.md",
                                                 "docs/fr/fiches/fic-01.md")] == [
        "docs/wo/fiches/fic-01.md, ligne 3 : geste n° 1 : liens attendus dans l'ordre du français (p.md#etape-4) ; "
        "trouvé p.md#etape-6 (docs/fr/fiches/fic-01.md).",
        "docs/wo/fiches/fic-01.md, ligne 4 : geste n° 2 : liens attendus dans l'ordre du français (p.md#etape-6) ; "
        "trouvé p.md#etape-4 (docs/fr/fiches/fic-01.md)."]


# --- interface and data in Wolof -------------------------------------------------------------------------

def test_every_label_has_wolof_without_french_left_alone(lexicon):
    labels = yaml.safe_load((DATA / "labels.yml").read_text(encoding="utf-8"))
    assert [key for key, value in labels.items() if not value.get("wo")] == []
    for key in ("card_id", "type_card", "critical_step", "colour_rouge", "flow_step", "print_link", "edition"):
        assert wolof.french_share(labels[key]["wo"], key, lexicon).french == [], key
    assert labels["flow_step"]["wo"] == by_french("étape")["wo"]
    interface = (ROOT / "overrides/partials/languages/wo.html").read_text(encoding="utf-8")
    assert '"search.reset": "Fomm"' in interface and "NATIVE-REVIEW LIST" in interface


# --- translated_by ----------------------------------------------------------------------------------------

def contract_problems(tmp_path: Path, wolof_front: str) -> list[str]:
    from test_document_control import french

    docs = tmp_path / "docs"
    (docs / "fr/protocoles").mkdir(parents=True)
    (docs / "wo/protocoles").mkdir(parents=True)
    (docs / "fr/protocoles/pos-01.md").write_text(french(), encoding="utf-8")
    (docs / "wo/protocoles/pos-01.md").write_text(f"---\nid: POS-01\ntitle: Wàcc\n{wolof_front}---\n\n# Wàcc\n",
                                                  encoding="utf-8")
    return [f"{p.line}: {p.message}" for p in check_catalogue(read_catalogue(docs))]


def test_translated_by_is_a_role_required_once_the_translation_is_up_to_date(tmp_path):
    base = 'source_version: "1.1"\ntranslation_status: draft\n'
    assert contract_problems(tmp_path / "a", base + "translated_by: machine\n") == []
    assert contract_problems(tmp_path / "b", base) == [
        "1: champ obligatoire « translated_by » absent (traduction de POS-01)."]
    assert contract_problems(tmp_path / "c", base + "translated_by: Awa Ndiaye\n") == [
        "6: champ « translated_by » : attendu une de ces valeurs : machine, traducteur, locuteur natif, "
        "équipe wolof du projet ; trouvé « Awa Ndiaye »."]
    assert contract_problems(tmp_path / "d", base.replace('"1.1"', '"1.0"')) == []   # lagging: redone later


# --- the report command -----------------------------------------------------------------------------------

def test_report_prints_every_wolof_page_with_its_share():
    from wolof_report import report_lines

    lines = report_lines(DOCS, DATA)
    pages = sorted(f"docs/wo/{p.relative_to(DOCS / 'wo').as_posix()}" for p in (DOCS / "wo").rglob("*.md"))
    listed = [line.split()[0] for line in lines if line.startswith("docs/wo/")]
    assert listed == pages
    assert all(re.search(r"\d+,\d %", line) for line in lines if line.startswith("docs/wo/"))
    assert any(line.startswith(f"Total : {len(pages)} pages") for line in lines)


# --- the built site: banners, charts, dates and tooltips in Wolof ----------------------------------------

WOLOF_POS = """---
id: POS-01
title: Wàcc ci géej
source_version: "1.1"
translation_status: draft
translated_by: traducteur
---

# Wàcc ci géej

## Li war a des ci xel {#essentiel}

1. Xool [kàrt bi](../fiches/fic-01.md).

## Li mu jëm {#objet}

Mbind. Woo SAMU ci lu jamp.

<!-- aar:flowchart id=urgence-medicale -->

### Jéego 4 {#etape-4}

Seetu jamp.

### Jéego 5 {#etape-5}

Paj yu jëkk.

### Jéego 6 {#etape-6}

Woo fajkat yi.

### Jéego 7 {#etape-7}

Ndox.
"""


def wolof_project(project):
    from test_document_control import card_for, essential, french

    steps = "".join(f"### Étape {n} {{#etape-{n}}}\n\nTexte.\n\n" for n in (4, 5, 6, 7))
    project.page("fr/index.md", "# Accueil\n\nBienvenue.\n", "Accueil")
    project.page("wo/index.md", "---\ntranslation_status: draft\n---\n\n# Dalal\n\nDalal ak jàmm.\n")
    project.page("fr/protocoles/pos-01.md", french().replace(
        "## Objet {#objet}\n\nTexte.\n",
        f"## Objet {{#objet}}\n\nTexte.\n\n<!-- aar:flowchart id=urgence-medicale -->\n\n{steps}"))
    project.page("wo/protocoles/pos-01.md", WOLOF_POS)
    project.page("fr/fiches/fic-01.md", card_for("POS-01"))
    project.page("fr/campagne/dir-20.md", french("DIR-20", title="Plan", type_="guideline"))
    project.page("wo/campagne/dir-20.md", WOLOF_POS.replace("POS-01", "DIR-20").split("## Li war")[0]
                 + "## Li mu jëm {#objet}\n\nMbind.\n")
    assert essential("DIR-20", "guideline") == ""
    return project


@pytest.fixture(scope="module")
def wolof_site(tmp_path_factory):
    from conftest import Project
    from test_document_control import EPOCH

    build = wolof_project(Project(tmp_path_factory.mktemp("wolof") / "project")).build(env=EPOCH)
    assert build.returncode == 0, build.output[-3000:]
    return build


def soup(build, path: str) -> BeautifulSoup:
    return BeautifulSoup(build.html(path), "html.parser")


def unvalidated(document) -> list[str]:
    return [c for b in document.select(".aar-banner--unvalidated") for c in b["class"] if c in ("warning", "info")]


def test_wolof_draft_of_a_safety_critical_page_carries_a_warning_pointing_to_the_french(wolof_site):
    document = soup(wolof_site, "wo/protocoles/pos-01/index.html")
    assert unvalidated(document) == ["warning"]
    banner = document.select_one(".aar-banner--unvalidated")
    assert "Kenn ku wolof di làkkam bu njëkk seetaatul wolof bii" in banner.get_text()
    assert banner.select_one('a[hreflang="fr"]').get_text() == "Wersiyoŋ faransee"
    assert unvalidated(soup(wolof_site, "wo/campagne/dir-20/index.html")) == ["info"]
    assert unvalidated(soup(wolof_site, "protocoles/pos-01/index.html")) == []


def test_the_warning_is_in_what_a_printed_copy_keeps(wolof_site):
    from aar.printing.sheets import select_sections, split_head

    article = soup(wolof_site, "wo/protocoles/pos-01/index.html").select_one("article")
    fresh = BeautifulSoup(article.decode_contents(), "html.parser")
    select_sections(fresh, ("objet",))   # a field extract keeps the head, then the listed sections
    head, _ = split_head(fresh)
    assert "Kenn ku wolof di làkkam bu njëkk seetaatul wolof bii" in head


@pytest.mark.pdf
def test_printed_wolof_house_rules_carry_the_warning(site):
    from conftest import pdf_pages

    text = " ".join(pdf_pages(site.site / "wo/pdf/documents/dir-07.pdf"))
    assert "seetaatul wolof bii" in " ".join(text.split())


def test_wolof_home_page_says_so_at_the_top(wolof_site):
    article = soup(wolof_site, "wo/index.html").select_one("article")
    first = article.select_one("h1").find_next_sibling()
    assert "aar-banner--unvalidated" in first["class"] and "warning" in first["class"]


def test_chart_card_dates_and_tooltips_are_in_wolof_on_wolof_pages(wolof_site):
    document = soup(wolof_site, "wo/protocoles/pos-01/index.html")
    chart = document.select_one("figure#urgence-medicale").get_text(" ", strip=True)
    assert "DEKKAL KO LÉEGI" in chart and "POS-01, jéego 4" in chart and "étape" not in chart
    assert "Xonq" in chart and "Rouge" not in chart
    assert "POS-01, étape 4" in soup(wolof_site, "protocoles/pos-01/index.html").select_one("figure").get_text()
    card = {dt.get_text(strip=True): dd.get_text(strip=True) for dt, dd in
            zip(document.select(".aar-card dt"), document.select(".aar-card dd"))}
    assert card["Nimeroy mbind"] == "POS-01" and card["Xeet"] == "Ndigal"
    assert card["Tàmbali dox ci"] == "1 Desàmbar, 2026"            # CLDR wo, not « décembre »
    samu = next(abbr for abbr in document.select("abbr") if abbr.get_text() == "SAMU")
    assert "sarwiis bi ñuy woo ci lu jamp" in samu["title"]


def test_up_to_date_wolof_page_with_french_left_alone_stops_the_build(tmp_path):
    import wolof_checks
    from aar.problems import ContentProblems

    assert "  - hooks/wolof_checks.py\n" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for path, text in {"fr/index.md": "# Accueil\n\nBienvenue sur la page.\n",
                       "wo/index.md": "---\ntranslation_status: draft\n---\n\n# Dalal\n\nCette page est en français.\n"
                       }.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    config = type("Config", (), {"docs_dir": str(tmp_path)})()
    with pytest.raises(ContentProblems) as stopped:
        wolof_checks.on_pre_build(config)
    assert (f"{tmp_path.name}/wo/index.md, ligne 7 : mots français laissés seuls : « Cette », « page » → « xët », "
            "« est », « en », « français » → « faransee ».") in str(stopped.value)
