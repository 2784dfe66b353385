"""Wolof pages a Wolof-only reader can act on: no French left alone, one locked term per concept,
charts and cards that say everything the French says.

Issue 11 found about a tenth of the running words of the Wolof drafts left in French, many in safety
lines (« choc », « pouls », « trafiquants », « étape 4 »), and the same French term written three
ways. These checks read what a machine can read without a Wolof dictionary:

(a) the share of French words left alone on each Wolof page (`french_share`, `share_problems`):
    a word counts as French when the French pages use it and no Wolof source does (the term base,
    the Wolof homographs below), or when it has a letter no Wolof word has (v, z, ç, è, ê…).
    Not counted: acronyms, proper names (capitalised inside a sentence, or named in a data file),
    law titles, terms kept in French on purpose (`keep_french` in data/terms.yml) and a French gloss
    in brackets right after its Wolof (« pólisu yoon (police judiciaire) »). An up-to-date page
    that is not a machine translation may leave at most 2 % of its words in French, and none in a
    safety line (a checklist item, a step of a reflex card);
(b) every term of data/terms.yml in its locked form: the forms listed under `variants` are refused
    with the locked form suggested (`check_locked_terms`);
(c) charts (data/flowcharts/*.yml) have a Wolof text wherever they have a French one, and the
    steps of cards and checklists keep their order and their links (`chart_problems`,
    `item_problems`).

The build runs `check_tree` on up-to-date Wolof pages (hooks/wolof_checks.py); scripts/check runs
it too and `scripts/wolof-report` prints the share of every page, lagging ones included. Messages
are in French and name the file, the line and the form to write.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import yaml

from .orthography import prose
from .problems import Problem

THRESHOLD = 0.02                     # at most 2 % of French words left alone on a page (issue 11)
# A `machine` page (raw machine output, or the untranslated stub scripts/new-document creates) is reported
# by scripts/wolof-report, not stopped: it does not claim to be a translation, and its banner says so.
EXEMPT_STATUSES = ("machine",)
SAFETY_TYPES = ("card",)             # every list item of these pages is a safety line
TERMS_FILE = "data/terms.yml"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Letters a Wolof word never has (official alphabet: no v, no z, usually no h; no French accents).
FRENCH_ONLY_LETTERS = frozenset("hvzçèêâîôûùœæïüÿ")
# Letters only Wolof has: a word that carries one is Wolof.
WOLOF_ONLY_LETTERS = frozenset("ñŋëó")

# Wolof words the French pages also contain (French homographs such as « ne », « des », « bon », or Wolof
# quoted in French prose), with their Wolof meaning. Without this list they would count as French.
WOLOF_HOMOGRAPHS = {
    "a": "particule (mën a dalal)", "ab": "article (ab diir)", "am": "avoir", "an": "article",
    "ba": "jusqu'à", "ban": "lequel", "bon": "mauvais (lu bon)", "ci": "dans, à", "dal": "être calme",
    "de": "particule d'insistance", "dem": "partir", "des": "rester (li des)", "di": "particule",
    "dig": "promettre", "du": "négation (du ko)", "fa": "là-bas", "fi": "ici", "gis": "voir",
    "la": "c'est (copule)", "lay": "le, la (inaccompli)", "lim": "compter, liste", "lu": "ce que",
    "ma": "je, me", "may": "donner, permettre", "mer": "être fâché", "mi": "déterminant",
    "mu": "il, elle", "na": "parfait (dem na)", "ne": "dire, que", "ni": "comme", "nu": "comment",
    "sa": "ton, ta", "say": "tes", "set": "propre", "sol": "s'habiller, porter (un vêtement)",
    "si": "déterminant (saa si)", "su": "quand, si",
    "ta": "ta (tay)", "te": "et, alors que", "tas": "disperser", "toog": "s'asseoir", "wax": "dire",
    "won": "montrer (wone)", "yoon": "loi, chemin", "ay": "des (article)", "ko": "le, la",
    "kan": "qui", "lal": "lit", "sant": "nom de famille", "mag": "aîné, grand", "sedd": "froid",
    "dara": "rien", "bés": "jour", "tur": "nom", "lor": "nuire", "dog": "couper", "tax": "causer",
    "fan": "où", "bu": "relatif", "ku": "relatif", "mbir": "affaire", "soxla": "besoin",
    "bind": "écrire", "liggéey": "travail", "pàcc": "zone", "jox": "donner", "seet": "chercher",
    "def": "faire", "ak": "et, avec", "doon": "être (passé)", "lépp": "tout", "der": "peau",
    "ca": "là-bas (ca njëlbéen)",
}

# French grammatical words, so that a project with few French pages (a throwaway test project) still
# recognises French; the vocabulary of the French pages does the rest.
FRENCH_FUNCTION_WORDS = frozenset("""
    le les un une des du de la au aux et ou où est sont été être avoir ont avait cette cet ce ces celui celle
    ceux celles qui que quoi dont pour par dans avec sans sous sur entre vers chez il ils elle elles nous vous
    je tu on leur leurs son ses sa mon mes ton tes notre nos votre vos pas plus moins très aussi mais donc car
    comme quand lorsque si tout toute tous toutes même autre autres peut doit fait faire en y ne
    """.split())

_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))*")
_ADMONITION_KIND = re.compile(r"^(\s*)(?:!!!|\?\?\?\+?)\s+[\w-]+")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}")
_ITALIC = re.compile(r"(?<![*\w])\*(?!\*)([^*\n]+?)\*(?![*\w])")
_LAW_TITLE = re.compile(   # « Loi n° 2005-06 du 10 mai 2005 relative à …, art. 12 », « art. 14 », « n° 6 »
    r"(?:\b(?:[Ll]oi|[Dd]écret|[Aa]rrêté(?: primatoral)?|[Oo]rdonnance|[Cc]ode|[Rr]ésolution|[Oo]bservation générale)"
    r"(?: [\w'’]+){0,3}? )?n°\s*[\d./-]+"
    r"(?:\s+du\s+\d{1,2}(?:er)?\s+\w+\s+\d{4})?"
    r"(?:,?\s+(?:relati(?:ve|f)s?|portant|créant|visant)\b[^()\[\].;:\n]*)?"
    r"|\bart(?:icles?)?\.?\s*\d+(?:\s*(?:,|et|ak)\s*\d+)*")
_GLOSS = re.compile(r"\(([^()\[\]\n]{1,120})\)")   # a link text in brackets is not a gloss
_ELISION = r"(?:[dlnsjcm]|qu)['’]"
_TASK = re.compile(r"^\s*[-*+] \[[ xX]\] ")
_LIST_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d+[.)])\s+")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;|([«»\"“*#>]|\s-\s|^\s*(?:[-*+]|\d+[.)]) (?:\[[ xX]\] )?)\s*$")


# --------------------------------------------------------------------------------------------
# Term base
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Term:
    fr: str
    wo: str
    source: str
    note: str = ""
    variants: tuple[str, ...] = ()
    keep_french: bool = False
    line: int | None = None


def read_terms(text: str) -> list[Term]:
    """The entries of data/terms.yml, with their line numbers."""
    root = yaml.compose(text, Loader=_LOADER)
    data = yaml.load(text, Loader=_LOADER) or {}
    lines = []
    if root is not None:
        for key, value in root.value:
            if key.value == "terms":
                lines = [node.start_mark.line + 1 for node in value.value]
    terms = []
    for index, entry in enumerate(data.get("terms") or []):
        if not isinstance(entry, dict) or not entry.get("fr") or not entry.get("wo"):
            continue
        terms.append(Term(str(entry["fr"]), unicodedata.normalize("NFC", str(entry["wo"])), str(entry.get("source")),
                          str(entry.get("note") or ""), tuple(str(v) for v in entry.get("variants") or ()),
                          bool(entry.get("keep_french")), lines[index] if index < len(lines) else None))
    return terms


def load_terms(data_dir: Path) -> list[Term]:
    path = Path(data_dir) / "terms.yml"
    return _load_terms(path, path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=4)
def _load_terms(path: Path, mtime: int) -> list[Term]:
    return read_terms(path.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------------------------
# Lexicon: which words are French
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Lexicon:
    french: frozenset[str]                   # lower-case French words (Wolof homographs left out)
    wolof: frozenset[str]                    # lower-case Wolof words that French pages also use
    names: re.Pattern | None                 # names, institutions, titles and kept-French terms
    terms: re.Pattern | None = None          # the French terms of the term base, longest first
    suggestions: dict[str, str] = field(default_factory=dict)   # French term (key) -> locked Wolof form
    french_all: frozenset[str] = frozenset()  # every word of the French pages, homographs included


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _wolof_columns(markdown: str) -> str:
    """French pages quote Wolof in tables (DIR-21) and in italics (*géej*): blank those out."""
    out, wolof_cells = [], set()
    for line in markdown.split("\n"):
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|"):
            cells = stripped.strip("|").split("|")
            if any(cell.strip().lower().startswith("wolof") for cell in cells):
                wolof_cells = {i for i, cell in enumerate(cells) if cell.strip().lower().startswith("wolof")}
            elif not _TABLE_SEPARATOR.match(line):
                cells = ["" if i in wolof_cells else cell for i, cell in enumerate(cells)]
                line = "|" + "|".join(cells) + "|"
        else:
            wolof_cells = set()
        out.append(_ITALIC.sub("", line))
    return "\n".join(out)


def french_vocabulary(texts: Iterable[str]) -> set[str]:
    vocabulary = set()
    for text in texts:
        vocabulary.update(_words(_wolof_columns(prose(text)).lower()))
    return {word for word in vocabulary if not WOLOF_ONLY_LETTERS.intersection(word)}


def _key(phrase: str) -> str:
    return " ".join(phrase.lower().replace("’", "'").split())


def _trie(phrases: Iterable[str], case: bool) -> str:
    """A regular expression matching any of the phrases, written as a tree of their common beginnings.

    An alternation of 1,400 phrases makes `re` try each one at every position of the text; the tree tries
    one letter at a time, so a check of every Wolof page takes seconds instead of half a minute. At each
    letter the longer phrases are tried first, as in a longest-first alternation: the longest phrase that
    fits wins. Words inside a phrase are separated by any run of white space."""
    end = ""   # marks where a phrase stops; letters and the word gap " " are the other keys
    tree: dict = {}
    for phrase in phrases:
        node = tree
        for token in " ".join(phrase.split()) if case else " ".join(phrase.lower().split()):
            node = node.setdefault(token, {})
        node[end] = {}

    def written(node: dict) -> str:
        branches = [(r"\s+" if token == " " else re.escape(token)) + written(child)
                    for token, child in sorted(node.items()) if token != end]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and end not in node else f"(?:{'|'.join(branches)})"
        return body + "?" if end in node else body

    return written(tree)


def _phrase_pattern(phrases: Iterable[str], affixes: bool = False, case: bool = False) -> re.Pattern | None:
    """One pattern for many phrases, the longest that fits first; with `affixes`, an elided article before
    (l', d') and a plural s or x after."""
    return _compiled_phrases(frozenset(p.strip() for p in phrases if p and len(p.strip()) > 1), affixes, case)


@functools.lru_cache(maxsize=16)
def _compiled_phrases(unique: frozenset[str], affixes: bool, case: bool) -> re.Pattern | None:
    if not unique:
        return None
    body = _trie(unique, case)
    if affixes:
        return re.compile(rf"(?<![\w'’-])(?:{_ELISION})?(?:{body})(?:s|x)?(?![\w-])", re.I)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", 0 if case else re.I)


def suggestion_for(phrase: str, lexicon: Lexicon) -> str:
    """The locked Wolof form of a French term as written on a page (elision and plural removed)."""
    key = re.sub(rf"^{_ELISION}", "", _key(phrase))
    for candidate in (key, key[:-1]):
        if candidate in lexicon.suggestions:
            return lexicon.suggestions[candidate]
    return ""


def _name_phrases(data_dir: Path, terms: list[Term]) -> list[str]:
    """Proper names, institutions and titles the data files name: not French left alone."""
    def load(name):
        path = Path(data_dir) / f"{name}.yml"
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER) if path.exists() else None

    def french(value):
        return value.get("fr", "") if isinstance(value, dict) else (value or "")

    kept = []
    for term in terms:   # kept in French on purpose, in any case: « gendarmerie », « Gendarmerie »
        if term.keep_french:
            kept += [term.fr, term.fr.lower(), term.fr[:1].upper() + term.fr[1:]]
    phrases = []
    for value in (load("owners") or {}).values():
        phrases.append(french(value.get("name") if isinstance(value, dict) else ""))
    for value in (load("acronyms") or {}).values():
        phrases.append(french(value))
    for group in (load("references") or {}).get("groups", []):
        for entry in group.get("entries", []):
            phrases.append(str(entry.get("title", "")))
    for service in (load("contacts") or {}).get("services", []):
        phrases.append(french(service.get("name")))
    for centre in (load("centres") or {}).get("centres", []):
        phrases.append(french(centre.get("name")))
    # « Nom (précision) » or « Nom : précision » : the name only, and only a proper name (capital letter).
    names = [re.split(r"\s*[(:;,]\s*|\s–\s", phrase.strip())[0] for phrase in phrases]
    # A text's whole title too (« OMS, Recommandations éthiques… (2003) »): cited as it stands, as a law title.
    titles = [str(entry.get("title", "")).strip() for group in (load("references") or {}).get("groups", [])
              for entry in group.get("entries", [])]
    return kept + [name for name in names + titles if len(name) > 3 and name[:1].isupper()]


def build_lexicon(docs_dir: Path, data_dir: Path) -> Lexicon:
    pages = sorted((Path(docs_dir) / "fr").rglob("*.md"))
    signature = tuple((str(p), p.stat().st_mtime_ns) for p in pages)
    data = tuple((str(p), p.stat().st_mtime_ns) for p in sorted(Path(data_dir).glob("*.yml")))
    return _build_lexicon(Path(docs_dir), Path(data_dir), signature, data)


@functools.lru_cache(maxsize=2)
def _build_lexicon(docs_dir: Path, data_dir: Path, signature: tuple, data: tuple) -> Lexicon:
    terms = load_terms(data_dir)
    french = french_vocabulary(Path(path).read_text(encoding="utf-8") for path, _ in signature)
    french |= FRENCH_FUNCTION_WORDS
    french |= {w.lower() for t in terms for w in _words(t.fr)}
    wolof = set(WOLOF_HOMOGRAPHS)
    for term in terms:
        if not term.keep_french:
            wolof |= {w.lower() for w in _words(term.wo)}
    wolof -= {w.lower() for t in terms for w in _words(t.fr) if w.lower() not in WOLOF_HOMOGRAPHS} - {
        w.lower() for t in terms if not t.keep_french for w in _words(t.wo) if _words(t.wo) == _words(t.fr)}
    suggestions: dict[str, str] = {}
    for term in terms:
        if not term.keep_french:
            for french_form in (f.strip() for f in term.fr.split(",")):
                if french_form.lower() != term.wo.lower():
                    suggestions.setdefault(_key(french_form), term.wo)
    return Lexicon(frozenset(french - wolof), frozenset(wolof), _phrase_pattern(_name_phrases(data_dir, terms), case=True),
                   _phrase_pattern(suggestions, affixes=True), suggestions, frozenset(french))


# --------------------------------------------------------------------------------------------
# (a) French left alone
# --------------------------------------------------------------------------------------------

@dataclass
class FrenchWord:
    text: str                   # a French word, or a French term of the term base (several words)
    line: int
    suggestion: str = ""        # the locked Wolof form when the term base has the French term
    count: int = 1              # French words in `text`


@dataclass
class Share:
    path: str
    words: int = 0
    french: list[FrenchWord] = field(default_factory=list)
    safety: list[FrenchWord] = field(default_factory=list)   # French words in safety lines

    @property
    def french_words(self) -> int:
        return sum(word.count for word in self.french)

    @property
    def ratio(self) -> float:
        return self.french_words / self.words if self.words else 0.0

    def percent(self) -> str:
        return f"{self.ratio * 100:.1f}".replace(".", ",") + " %"


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\s]", " ", match.group(0))


def is_french(word: str, lexicon: Lexicon) -> bool:
    lower = word.lower()
    if WOLOF_ONLY_LETTERS.intersection(lower) or lower in lexicon.wolof or "à" in lower[:-1]:
        return False   # French has « à » only at the end of a word (à, déjà) ; Wolof inside (jàmm, làkk)
    return lower in lexicon.french or bool(FRENCH_ONLY_LETTERS & set(lower))


def _is_acronym(word: str) -> bool:
    if word.islower():   # most words: no capital letter at all
        return False
    letters = [c for c in word if c.isalpha()]
    return sum(c.isupper() for c in letters) >= 2 or (len(letters) == 1 and letters[0].isupper())


def _glosses(line: str, lexicon: Lexicon) -> str:
    """Blank a French gloss in brackets that follows a Wolof word: « pólisu yoon (police judiciaire) »."""
    def replace(match: re.Match) -> str:
        inside = [w for w in _words(match.group(1)) if not _is_acronym(w)]
        before = _words(line[:match.start()])
        if not inside or len(inside) > 8 or not before:
            return match.group(0)
        if is_french(before[-1], lexicon) or not any(is_french(w, lexicon) for w in inside):
            return match.group(0)
        if not all(w.lower() in lexicon.french_all or is_french(w, lexicon) or w[:1].isupper() for w in inside):
            return match.group(0)
        return _blank(match)
    return _GLOSS.sub(replace, line)


_PLACEHOLDER = re.compile(r"\{\w+\}")   # {date}, {n} in the texts of data/labels.yml


def _visible_lines(markdown: str) -> list[str]:
    lines = prose(markdown).split("\n")
    return [_PLACEHOLDER.sub(_blank, _ADMONITION_KIND.sub(lambda m: m.group(1), line)) for line in lines]


def french_share(markdown: str, path: str, lexicon: Lexicon, safety_page: bool = False) -> Share:
    """Count the words of a Wolof page and the French ones left alone, line by line."""
    share = Share(path)
    for number, line in enumerate(_visible_lines(markdown), 1):
        if _TABLE_SEPARATOR.match(line) and set(line.strip()) <= set("|:- "):
            continue
        share.words += sum(1 for w in _words(line) if not _is_acronym(w))
        masked = _LAW_TITLE.sub(_blank, line)
        if lexicon.names is not None:
            masked = lexicon.names.sub(_blank, masked)
        masked = _glosses(masked, lexicon)
        found: list[tuple[int, FrenchWord]] = []   # (position in the line, word)
        def take(match: re.Match) -> str:   # French terms of the term base, with their Wolof
            words = [w for w in _words(match.group(0)) if is_french(w, lexicon)]
            if not words:
                return match.group(0)
            found.append((match.start(), FrenchWord(" ".join(match.group(0).split()), number,
                                                    suggestion_for(match.group(0), lexicon), len(words))))
            return _blank(match)
        if lexicon.terms is not None:
            masked = lexicon.terms.sub(take, masked)
        for match in _WORD.finditer(masked):
            word = match.group(0)
            if _is_acronym(word) or not is_french(word, lexicon) or (len(word.rstrip("²³")) == 1 and word != "à"):
                continue   # single letters: m², n°, « x »
            if word[:1].isupper() and not _SENTENCE_START.search(masked[:match.start()]):
                continue   # a capitalised word inside a sentence is a name
            found.append((match.start(), FrenchWord(word, number)))
        words = [word for _, word in sorted(found, key=lambda item: item[0])]
        share.french += words
        if _TASK.match(line) or (safety_page and _LIST_ITEM.match(line)):
            share.safety += words
    return share


def _grouped(words: list[FrenchWord]) -> list[tuple[int, str]]:
    """(line, « mot → forme verrouillée », …) for the messages."""
    by_line: dict[int, list[str]] = {}
    for word in words:
        shown = f"« {word.text} »" + (f" → « {word.suggestion} »" if word.suggestion else "")
        if shown not in by_line.setdefault(word.line, []):
            by_line[word.line].append(shown)
    return [(line, ", ".join(items)) for line, items in sorted(by_line.items())]


def share_problems(share: Share) -> list[Problem]:
    problems = []
    if share.ratio > THRESHOLD:
        problems.append(Problem(share.path, None, (
            f"{share.percent()} des mots de la page sont du français laissé seul ({share.french_words} sur "
            f"{share.words}) ; au plus 2 % attendu. Écrivez le terme wolof de data/terms.yml ; un terme "
            "français ne reste qu'entre parenthèses après son wolof, ou s'il s'agit d'un nom, d'un sigle ou "
            "d'un titre de loi.")))
        problems += [Problem(share.path, line, f"mots français laissés seuls : {items}.")
                     for line, items in _grouped(share.french)]
    else:
        problems += [Problem(share.path, line, (
            f"ligne de sécurité (case à cocher ou geste) avec du français laissé seul : {items}. Une consigne "
            "de sécurité se lit entièrement en wolof."))
            for line, items in _grouped(share.safety)]
    return problems


# --------------------------------------------------------------------------------------------
# (b) Locked terms
# --------------------------------------------------------------------------------------------

def _variants(terms: list[Term]) -> tuple[re.Pattern | None, dict[str, Term]]:
    refused = {_key(v): term for term in terms for v in term.variants}
    return _phrase_pattern(refused), refused


def check_locked_terms(text: str, path: str, terms: list[Term], line_offset: int = 0, plain: bool = False) -> list[Problem]:
    """A refused variant of a term (data/terms.yml, `variants`) is reported with the locked form. A gloss in
    brackets is not read."""
    pattern, refused = _variants(terms)
    if pattern is None:
        return []
    problems = []
    for number, line in enumerate(text.split("\n") if plain else _visible_lines(text), 1):
        unglossed = re.sub(r"\([^()\n]*\)", lambda m: " " * len(m.group(0)), line)
        for match in pattern.finditer(unglossed):
            term = refused[_key(match.group(0))]
            problems.append(Problem(path, number + line_offset, (
                f"« {match.group(0)} » : forme refusée pour « {term.fr} » ; forme verrouillée : "
                f"« {term.wo} » ({TERMS_FILE}, ligne {term.line}).")))
    return problems


# --------------------------------------------------------------------------------------------
# (c) Charts and cards say everything the French says
# --------------------------------------------------------------------------------------------

def chart_problems(text: str, shown: str) -> list[Problem]:
    """Every `fr` text of a chart (title, question, outcome) has its `wo` text."""
    problems = []
    root = yaml.compose(text, Loader=_LOADER)
    if not isinstance(root, yaml.MappingNode):
        return problems

    def texts(mapping: yaml.MappingNode, where: str):
        for key, value in mapping.value:
            if key.value in ("title", "question", "outcome") and isinstance(value, yaml.MappingNode):
                languages = {k.value: v for k, v in value.value}
                french = languages.get("fr")
                wolof = languages.get("wo")
                if french is not None and str(french.value).strip() and (wolof is None or not str(wolof.value).strip()):
                    problems.append(Problem(shown, value.start_mark.line + 1, (
                        f"{where}, champ « {key.value} » : texte wolof absent. Attendu "
                        f"« {key.value}: {{fr: \"…\", wo: \"…\"}} » : un arbre de décision se lit entièrement "
                        "en wolof sur les pages wolof (termes de data/terms.yml).")))

    texts(root, "titre de l'arbre")
    for key, value in root.value:
        if key.value == "nodes" and isinstance(value, yaml.SequenceNode):
            for node in value.value:
                if isinstance(node, yaml.MappingNode):
                    ident = next((v.value for k, v in node.value if k.value == "id"), "?")
                    texts(node, f"nœud « {ident} »")
    return problems


_LINK_TARGET = re.compile(r"\]\(([^)\s]+)\)")
_ITEM_START = re.compile(r"^(\s*)(?:(\d+)[.)]|[-*+] \[[ xX]\])\s+")


def _items(markdown: str) -> list[list]:
    """[line, kind, link targets] of each top-level numbered step or checklist item (continuation lines
    included)."""
    from .pages import strip_code
    from .safety import blank_front_matter

    items: list[list] = []
    current = None
    for number, line in enumerate(strip_code(blank_front_matter(markdown)).split("\n"), 1):
        start = _ITEM_START.match(line)
        if start and not start.group(1):
            current = [number, "geste" if start.group(2) else "case", _LINK_TARGET.findall(line)]
            items.append(current)
        elif current is not None and line[:1] in (" ", "\t") and line.strip():
            current[2] += _LINK_TARGET.findall(line)
        elif line.strip():
            current = None
    return items


def item_problems(source_text: str, translation_text: str, path: str, source_path: str) -> list[Problem]:
    """The steps of a card and the items of a checklist: same number, same order, same links."""
    source, translation = _items(source_text), _items(translation_text)
    problems = []
    if len(source) != len(translation):
        problems.append(Problem(path, None, (
            f"la traduction a {len(translation)} gestes ou cases à cocher, {source_path} en a {len(source)}. "
            "Chaque geste et chaque case du français a sa ligne wolof, dans le même ordre.")))
        return problems
    for position, ((_, kind, links), (line, _, wo_links)) in enumerate(zip(source, translation), 1):
        if links != wo_links:
            problems.append(Problem(path, line, (
                f"{kind} n° {position} : liens attendus dans l'ordre du français ({', '.join(links) or 'aucun'}) ; "
                f"trouvé {', '.join(wo_links) or 'aucun'} ({source_path}).")))
    return problems


# --------------------------------------------------------------------------------------------
# Whole tree: the build, scripts/check and scripts/wolof-report
# --------------------------------------------------------------------------------------------

_CHART_MARKER = re.compile(r"<!--\s*aar:flowchart\s+id=([\w-]+)\s*-->")


@dataclass
class PageReport:
    """One Wolof page: its share of French, its refused variants, and whether the build holds it to them."""

    path: str
    status: str
    up_to_date: bool
    share: Share
    problems: list[Problem] = field(default_factory=list)   # what the build stops on (up-to-date pages)
    variants: list[Problem] = field(default_factory=list)


def page_reports(docs_dir: Path, data_dir: Path, catalogue=None) -> list[PageReport]:
    from .contract import catalogue_for

    docs_dir, data_dir = Path(docs_dir), Path(data_dir)
    catalogue = catalogue or catalogue_for(docs_dir)
    lexicon = build_lexicon(docs_dir, data_dir)
    terms = load_terms(data_dir)
    reports = []
    for document, source, up_to_date in catalogue.translations():
        text = (docs_dir / document.language / document.relative).read_text(encoding="utf-8")
        share = french_share(text, document.path, lexicon, safety_page=source.meta.get("type") in SAFETY_TYPES)
        report = PageReport(document.path, str(document.meta.get("translation_status")), up_to_date, share,
                            variants=check_locked_terms(text, document.path, terms))
        if up_to_date:
            held = document.meta.get("translation_status") not in EXEMPT_STATUSES
            report.problems = (share_problems(share) if held else []) + report.variants
            if source.meta.get("type") in ("card", "checklist"):
                source_text = (docs_dir / source.language / source.relative).read_text(encoding="utf-8")
                report.problems += item_problems(source_text, text, document.path, source.path)
        reports.append(report)
    return sorted(reports, key=lambda r: r.path)


def charts_in_use(docs_dir: Path, catalogue) -> set[str]:
    """The charts shown on up-to-date Wolof pages (their French source has the marker)."""
    charts = set()
    for document, source, up_to_date in catalogue.translations():
        if up_to_date:
            text = (Path(docs_dir) / document.language / document.relative).read_text(encoding="utf-8")
            charts |= set(_CHART_MARKER.findall(text))
    return charts


def data_problems(data_dir: Path, lexicon: Lexicon, charts: Iterable[str] | None = None) -> list[Problem]:
    """Wolof texts of the data files: locked terms everywhere; charts complete and without French."""
    from .orthography import wolof_data_texts

    data_dir = Path(data_dir)
    terms = load_terms(data_dir)
    problems = []
    for path in sorted(data_dir.rglob("*.yml")):
        shown = f"data/{path.relative_to(data_dir).as_posix()}"
        if path.name == "terms.yml":
            continue   # the term base names its refused variants
        text = path.read_text(encoding="utf-8")
        for line, value in wolof_data_texts(text):
            problems += check_locked_terms(value, shown, terms, line - 1, plain=True)
        if path.parent.name == "flowcharts" and (charts is None or path.stem in charts):
            problems += chart_problems(text, shown)
            for line, value in wolof_data_texts(text):
                share = french_share(value, shown, lexicon)
                problems += [Problem(shown, line, f"texte wolof de l'arbre avec du français laissé seul : {items}. "
                                                  "Un arbre de décision se lit entièrement en wolof.")
                             for _, items in _grouped(share.french)]
    return problems


def check_tree(docs_dir: Path, data_dir: Path | None = None, catalogue=None) -> list[Problem]:
    """What the build and scripts/check stop on: up-to-date Wolof pages, the charts they show, Wolof data."""
    from .contract import catalogue_for
    from .project import DATA_DIR

    data_dir = Path(data_dir or DATA_DIR)
    catalogue = catalogue or catalogue_for(Path(docs_dir))
    problems = [p for report in page_reports(docs_dir, data_dir, catalogue) for p in report.problems]
    problems += data_problems(data_dir, build_lexicon(docs_dir, data_dir), charts_in_use(docs_dir, catalogue))
    return problems


def wolof_columns_variants(docs_dir: Path, data_dir: Path) -> list[Problem]:
    """Refused variants in the Wolof columns of French pages (the radio messages of DIR-21)."""
    terms = load_terms(data_dir)
    problems = []
    for path in sorted((Path(docs_dir) / "fr").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if "| Wolof" not in text and "|Wolof" not in text:
            continue
        french_only = _wolof_columns(text)
        wolof_only = "\n".join(" " * len(a) if a == b else a for a, b in zip(text.split("\n"), french_only.split("\n")))
        shown = f"{Path(docs_dir).name}/{path.relative_to(docs_dir).as_posix()}"
        problems += check_locked_terms(wolof_only, shown + " (colonne wolof)", terms, plain=True)
    return problems
