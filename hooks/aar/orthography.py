"""Wolof orthography basics: the official alphabet and a few spellings that are always wrong.

The Wolof pages are drafts until a native speaker trained in the official orthography (Décret
n° 2005-992, CLAD) validates them; this module catches what a machine can catch without a
dictionary, so that reviewers spend their time on meaning. It is a plain list of rules meant to be
extended by the Wolof team: each rule is a function that receives one word of Wolof text and
returns a French message, or None. Add a function and append it to RULES; tests/test_reviewers.py
shows how a rule is tested. Rules must stay free of false alarms on the real pages (French loanwords
and proper names appear in Wolof text and are not errors).

Not checked here: NFC and invisible characters (hooks/aar/privacy.py, for both languages).
Run by scripts/check over docs/wo/ and the `wo` texts of data/*.yml.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import yaml

from .pages import strip_code
from .problems import Problem
from .safety import blank_front_matter

ALPHABET = "a à b c d e é ë f g i j k l m n ñ ŋ o ó p q r s t u w x y"
WOLOF_LETTERS = frozenset(ALPHABET.replace(" ", ""))
# Letters of French loanwords and names, which Wolof text quotes (bâche, périmètre, Thiès).
FRENCH_LETTERS = frozenset("hvzâäçèêîïôöùûüÿœæ")
# Letters no French word has: a word that carries one is Wolof.
WOLOF_ONLY = frozenset("ŋñëó")
# French-style spellings of Wolof words (wolof.md, CLAD): always wrong, with the official spelling.
FRENCH_STYLE = {
    "keur": "kër", "gui": "gi", "dieuredieuf": "jërëjëf", "dieureudieuf": "jërëjëf", "khalé": "xale",
    "nanga": "na nga", "rek": "rekk", "gnep": "ñépp",
}
# Look-alike letters that are typed instead of ŋ.
NG_LOOKALIKES = {"ɲ": "U+0272", "ň": "U+0148", "ń": "U+0144", "ƞ": "U+019E", "η": "U+03B7 (grec)"}

_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))*")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_ATTRIBUTES = re.compile(r"\{:?\s*[#.][^}\n]*\}")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_URL = re.compile(r"(?:https?://|www\.)\S+")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:.*$", re.M)


Rule = Callable[[str], "str | None"]


def foreign_letter_in_wolof_word(word: str) -> str | None:
    """A word with ŋ, ñ, ë or ó is Wolof; it cannot also carry h, v, z or a French accent."""
    lower = word.lower()
    if not WOLOF_ONLY & set(lower):
        return None
    foreign = sorted(set(lower) & FRENCH_LETTERS)
    if foreign:
        return (f"« {word} » mêle des lettres wolof et « {', '.join(foreign)} », absent de l'alphabet wolof "
                f"officiel ({ALPHABET}).")
    return None


def accent_on_both_vowels(word: str) -> str | None:
    """A long vowel carries its accent on the first letter only (réew, góor); ë is always short."""
    match = re.search(r"éé(?!e?s?$)|óó|àà|ëë", word.lower())   # créé, agréées are French
    if match:
        pair = match.group(0)
        if pair == "ëë":
            return f"« {word} » : « ë » est toujours brève, elle ne se double pas."
        return (f"« {word} » : une voyelle longue porte l'accent sur la première lettre seulement "
                f"(« {pair[0]}{unicodedata.normalize('NFC', unicodedata.normalize('NFD', pair[1])[0])} », "
                "comme dans réew, góor).")
    return None


def doubled_q(word: str) -> str | None:
    if "qq" in word.lower():
        return f"« {word} » : « q » ne se double jamais en wolof."
    return None


def french_style_spelling(word: str) -> str | None:
    official = FRENCH_STYLE.get(word.lower())
    if official:
        return f"« {word} » est une graphie à la française ; orthographe officielle : « {official} »."
    return None


def letter_outside_alphabets(word: str) -> str | None:
    """A letter that is neither Wolof nor French is a look-alike (ɲ for ŋ, Cyrillic е for e…)."""
    for character in word:
        lower = character.lower()
        if not character.isalpha() or lower in WOLOF_LETTERS or lower in FRENCH_LETTERS or "a" <= lower <= "z":
            continue
        if lower in NG_LOOKALIKES:
            return (f"« {word} » : « {character} » ({NG_LOOKALIKES[lower]}) ressemble à « ŋ » ; la lettre "
                    "wolof est « ŋ » (U+014B), majuscule « Ŋ » (U+014A).")
        name = unicodedata.name(character, "sans nom").lower()
        return (f"« {word} » : la lettre « {character} » (U+{ord(character):04X}, {name}) n'appartient pas à "
                f"l'alphabet wolof officiel ({ALPHABET}).")
    return None


RULES: list[Rule] = [letter_outside_alphabets, foreign_letter_in_wolof_word, accent_on_both_vowels, doubled_q,
                     french_style_spelling]


@dataclass(frozen=True)
class Word:
    text: str
    line: int


def prose(markdown: str) -> str:
    """The words a reader sees, at their lines: no front matter (but its title), code, link targets,
    anchors, comments, addresses."""
    title = re.search(r"^title:\s*(.+)$", markdown.split("\n---", 1)[0], re.M) if markdown.startswith("---") else None
    body = strip_code(blank_front_matter(markdown))
    if title:
        line = markdown.count("\n", 0, title.start(1))
        lines = body.split("\n")
        lines[line] = title.group(1)
        body = "\n".join(lines)
    for pattern in (_COMMENT, _LINK_TARGET, _ATTRIBUTES, _URL, _REFERENCE):
        body = pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), body)
    return body


def words(text: str) -> Iterator[Word]:
    for number, line in enumerate(text.split("\n"), 1):
        for match in _WORD.finditer(line):
            yield Word(match.group(0), number)


def check_text(text: str, path: str, line_offset: int = 0, rules=None) -> list[Problem]:
    """Every rule on every word of a Wolof text; at most one message per word."""
    problems = []
    for word in words(text):
        for rule in rules or RULES:
            message = rule(word.text)
            if message:
                problems.append(Problem(path, word.line + line_offset, message))
                break
    return problems


def check_page(markdown: str, path: str) -> list[Problem]:
    return check_text(prose(markdown), path)


def wolof_data_texts(text: str) -> Iterator[tuple[int, str]]:
    """(line, text) of every value under a `wo` key of a YAML data file."""
    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return  # the data checks report unreadable YAML
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if getattr(key, "value", None) == "wo" and isinstance(value, yaml.ScalarNode):
                    yield value.start_mark.line + 1, str(value.value)
                else:
                    stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def check_tree(docs_dir: Path, data_dir: Path, language: str = "wo") -> list[Problem]:
    """The Wolof pages under docs/wo/ and the Wolof texts of the data files."""
    problems = []
    for path in sorted((Path(docs_dir) / language).rglob("*.md")):
        shown = f"{Path(docs_dir).name}/{path.relative_to(docs_dir).as_posix()}"
        problems += check_page(path.read_text(encoding="utf-8"), shown)
    for path in sorted(Path(data_dir).rglob("*.yml")):
        shown = f"data/{path.relative_to(data_dir).as_posix()}"
        for line, value in wolof_data_texts(path.read_text(encoding="utf-8")):
            problems += check_text(value, shown, line - 1)
    return problems
