"""Personal data and hidden characters are refused in pages and data files, with the line and what to do.

The protocols will be corrected for years by people who copy text from case files, e-mails and
phones. A personal phone number, an e-mail address, an identity-document number or a date of
birth pasted into a page would be published to every reader and printed in the manuals; a
decomposed letter (e + combining diaeresis instead of ë) breaks search and the Wolof spelling; a
right-to-left override makes the text shown differ from the text reviewed. Each is refused with a
French message naming the file, the line, what was found (masked: a build log must not spread the
data further) and what to do.

Public service numbers are allowed when they are in data/contacts.yml (the directory that pages
link to); nothing else is. The patterns are tuned not to flag the corpus's legitimate numbers:
article numbers (art. 40), decree and law numbers (n° 2008-721, Loi n° 2005-06), ISO dates
(2026-12-01), versions (1.2.1), quantities (1 500 000 F CFA) and short service numbers (17, 1515).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from .pages import strip_code
from .problems import Problem
from .project import DATA_DIR, load_data

# --------------------------------------------------------------------------------------------
# Allow-list
# --------------------------------------------------------------------------------------------

COUNTRY_PREFIXES = ("00221", "221")


def digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def national(number: str) -> str:
    """A number's digits without Senegal's country code (+221 77… and 77… are the same number)."""
    only = digits(number)
    for prefix in COUNTRY_PREFIXES:
        if only.startswith(prefix) and len(only) > len(prefix) + 6:
            return only[len(prefix):]
    return only


def allowed_contacts(data_dir: Path | None = None) -> tuple[frozenset[str], frozenset[str]]:
    """Public numbers and e-mail addresses of data/contacts.yml (`numbers`, optional `emails`)."""
    contacts = load_data("contacts", data_dir) or {}
    numbers, emails = set(), set()
    for service in contacts.get("services", []) or []:
        if not isinstance(service, dict):
            continue
        numbers |= {national(str(n)) for n in service.get("numbers", []) or []}
        emails |= {str(e).strip().lower() for e in service.get("emails", []) or []}
    return frozenset(numbers), frozenset(emails)


# --------------------------------------------------------------------------------------------
# Patterns
# --------------------------------------------------------------------------------------------

# Every run of digits with single separators between them (ordinary, no-break and narrow no-break
# spaces, dots, hyphens, slashes), optionally after +. Each run is then classified in Python, which
# is faster than one pattern per kind over 1.6 MB of text and keeps every rule readable.
_RUN = re.compile(r"\+?\d(?:[ \u00a0\u202f.\-/]?\d)*")
_QUANTITY = re.compile(r"^\d{1,3}(?:[ \u00a0\u202f.]\d{3})+$")          # 1 500 000
_YEAR_NUMBER = re.compile(r"^(?:19|20)\d{2}-\d{1,4}$")                   # décret n° 2008-721, 2023-2033
_DATE = re.compile(r"^(?:\d{4}-\d{2}-\d{2}|\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2}))$")
_PAIRS = re.compile(r"^\d{2}(?:[ \u00a0\u202f.\-]\d{2}){3,}$")          # 06 12 34 56 78
_SENEGAL = re.compile(r"^(?:7[05-8]\d{7}|3[03]\d{7}|8\d{8})$")           # mobile, fixed, 800 toll-free
_MONTH_AFTER = re.compile(r"(?:er)?\s+(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|"
                          r"octobre|novembre|d[ée]cembre)\s+(?:19|20)\d{2}\b")
_YEAR_AFTER_EN = re.compile(r"(?:^|\s)(?:en|in)\s+$")
# Words just before a date that make it a date of birth, and before a number that make it an identity number.
# « né », « née(s) », not the negation « ne ».
_BIRTH_WORD = re.compile(r"(?<!\w)(?:née?s?|nee?s|naissance|ddn|juddu|born|birth)(?!\w)")
_ID_WORD = re.compile(r"passeport|identit[ée]|(?<!\w)(?:cni|nin)(?!\w)|identification|titre de s[ée]jour|"
                      r"acte de naissance|permis de conduire")
_LETTERS_BEFORE = re.compile(r"(?<![\w-])[A-Z]{1,2}$")                   # the A of A01234567
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])")

# Characters that change what a reader sees without being seen: bidirectional overrides and
# isolates (the "Trojan Source" trick), zero-width characters, a byte-order mark inside the text.
INVISIBLE = {
    "\u200b": "espace de largeur nulle", "\u200c": "antiliant sans chasse", "\u2060": "gluon de mots",
    "\ufeff": "indicateur d'ordre des octets", "\u202a": "enchâssement gauche-à-droite",
    "\u202b": "enchâssement droite-à-gauche", "\u202c": "fin d'enchâssement",
    "\u202d": "forçage gauche-à-droite", "\u202e": "forçage droite-à-gauche",
    "\u2066": "isolat gauche-à-droite", "\u2067": "isolat droite-à-gauche", "\u2068": "isolat neutre",
    "\u2069": "fin d'isolat",
}

_HIDDEN = re.compile("[" + "".join(INVISIBLE) + "\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

PRIVACY_HINT = ("Aucune donnée personnelle n'est publiée, même en exemple : retirez-la "
                "(ou remplacez-la par des pointillés dans un formulaire).")


def mask(value: str) -> str:
    """Show enough to find the value in the file, not enough to spread it: « 77…67 »."""
    value = " ".join(value.split())
    if len(value) <= 6:
        return value[0] + "…"
    return f"{value[:2]}…{value[-2:]}"


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _plain(run: str) -> str:
    return run.replace("\u00a0", " ").replace("\u202f", " ").strip()


def is_phone(run: str) -> bool:
    """A run of digits shaped like a phone number (and not like a date, decree number or quantity)."""
    plain = _plain(run)
    if _DATE.match(plain) or _YEAR_NUMBER.match(plain) or _QUANTITY.match(plain):
        return False
    only = digits(plain)
    if plain.startswith("+") or (only.startswith("00") and len(only) >= 10):
        return 8 <= len(only) <= 15
    return bool(_SENEGAL.match(national(only))) or bool(_PAIRS.match(plain) and len(only) >= 8)


def is_identity_number(run: str) -> bool:
    """Ten digits or more that are not a quantity, a date or a phone number: an identity-like number."""
    plain = _plain(run)
    if _QUANTITY.match(plain) or _DATE.match(plain) or plain.startswith("+"):
        return False
    return len(digits(plain)) >= 10


def _ordinary_number(run: str) -> bool:
    plain = _plain(run)
    return bool(_DATE.match(plain) or _YEAR_NUMBER.match(plain) or _QUANTITY.match(plain))


def _date_at(body: str, start: int, end: int) -> str | None:
    """The date that starts with this run: 12/03/1998, 1998-03-12, 3 mars 1998, or a year after « en »."""
    run = _plain(body[start:end])
    if _DATE.match(run):
        return run
    after = _MONTH_AFTER.match(body, end)
    if after and len(run) <= 2:
        return body[start:after.end()]
    if re.fullmatch(r"(?:19|20)\d{2}", run) and _YEAR_AFTER_EN.search(body[max(0, start - 4):start]):
        return run
    return None


def _joined(character: str) -> bool:
    """A letter, digit, hyphen or underscore right after a run makes it part of a word (2e, 3G, pos-01)."""
    return bool(character) and (character.isalnum() or character in "-_")


def personal_data(text: str, path: str, allowed_numbers=frozenset(), allowed_emails=frozenset()) -> list[Problem]:
    """Phone numbers (outside the allow-list), e-mail addresses, identity-like numbers, dates of birth."""
    body = strip_code(text) if path.endswith(".md") else text
    problems: list[Problem] = []

    def report(offset: int, message: str) -> None:
        problems.append(Problem(path, _line(body, offset), message))

    for match in _RUN.finditer(body):
        start, end, run = match.start(), match.end(), match.group(0)
        before = body[start - 1] if start else ""
        after = body[end] if end < len(body) else ""
        line_start = body.rfind("\n", 0, start) + 1
        window = body[max(line_start, start - 40):start].lower()
        if before.isalpha():
            letters = _LETTERS_BEFORE.search(body, max(line_start, start - 2), start)
            if letters and re.fullmatch(r"\d{6,9}", run) and not _joined(after):
                found = letters.group(0) + run
                report(letters.start(), (f"numéro qui ressemble à celui d'une pièce d'identité ou d'un passeport "
                                         f"(« {mask(found)} »). {PRIVACY_HINT}"))
            continue
        if _joined(after) or (before and before in "#/.-_"):
            continue  # part of a word, an anchor, a path or a version number
        date = _date_at(body, start, end)
        if date and _BIRTH_WORD.search(window):
            report(start, f"date de naissance trouvée (« {mask(date)} »). {PRIVACY_HINT}")
        elif _ID_WORD.search(window) and len(digits(run)) >= 5 and not _ordinary_number(run):
            report(start, f"numéro de pièce d'identité trouvé (« {mask(run)} »). {PRIVACY_HINT}")
        elif is_phone(run):
            if national(run) not in allowed_numbers:
                report(start, (f"numéro de téléphone trouvé (« {mask(run)} ») qui n'est pas dans l'annuaire "
                               "data/contacts.yml. Un numéro personnel n'est jamais publié ; pour un service "
                               "public, ajoutez le numéro et sa source à data/contacts.yml et renvoyez à "
                               "l'annuaire (references/annuaire.md)."))
        elif is_identity_number(run):
            report(start, (f"numéro de dix chiffres ou plus qui ressemble à un numéro d'identité "
                           f"(« {mask(run)} »). {PRIVACY_HINT}"))
    if "@" in body:
        for match in _EMAIL.finditer(body):
            if match.group(0).lower() not in allowed_emails:
                report(match.start(), (f"adresse électronique trouvée (« {mask(match.group(0))} »). Une adresse "
                                       "personnelle n'est jamais publiée ; l'adresse d'un service public s'ajoute "
                                       "au service concerné dans data/contacts.yml (champ emails)."))
    return problems


COMBINING_NAMES = {"\u0300": "accent grave", "\u0301": "accent aigu", "\u0302": "accent circonflexe",
                   "\u0303": "tilde", "\u0308": "tréma", "\u0327": "cédille", "\u030a": "rond en chef"}


def character_name(character: str) -> str:
    name = COMBINING_NAMES.get(character)
    return f"{name} combinant" if name else unicodedata.name(character, "caractère sans nom").lower()


def unicode_problems(text: str, path: str) -> list[Problem]:
    """Text must be in Unicode NFC and free of invisible direction or zero-width characters."""
    problems: list[Problem] = []
    if _HIDDEN.search(text) is None and unicodedata.is_normalized("NFC", text):
        return problems
    for number, line in enumerate(text.split("\n"), 1):
        for match in _HIDDEN.finditer(line):
            character, column = match.group(0), match.start() + 1
            what = INVISIBLE.get(character, "caractère de contrôle")
            problems.append(Problem(path, number, (
                f"colonne {column} : caractère invisible U+{ord(character):04X} ({what}). Il change "
                "l'affichage du texte sans se voir. Supprimez-le (scripts/check --fix le fait).")))
        if unicodedata.is_normalized("NFC", line):
            continue
        for column, character in enumerate(line, 1):
            if unicodedata.combining(character) and column > 1:
                base = line[column - 2]
                composed = unicodedata.normalize("NFC", base + character)
                problems.append(Problem(path, number, (
                    f"colonne {column} : lettre décomposée « {composed} » écrite « {base} » + U+{ord(character):04X} "
                    f"({character_name(character)}). Attendu : la lettre composée « {composed} » (texte en Unicode "
                    "NFC) ; scripts/check --fix la corrige, ou retapez la lettre.")))
                break
        else:
            problems.append(Problem(path, number, (
                "texte qui n'est pas en Unicode NFC. Attendu : des lettres composées ; scripts/check --fix "
                "corrige la ligne.")))
    return problems


def normalise(text: str) -> str:
    """The fix that scripts/check --fix applies: NFC, without invisible direction or zero-width characters."""
    return unicodedata.normalize("NFC", _HIDDEN.sub("", text))


# --------------------------------------------------------------------------------------------
# The whole tree
# --------------------------------------------------------------------------------------------

def content_files(docs_dir: Path, data_dir: Path | None = None) -> list[tuple[Path, str]]:
    """Markdown pages of both languages and data files, with the path shown to reviewers."""
    docs_dir, data_dir = Path(docs_dir), Path(data_dir or DATA_DIR)
    files = [(p, f"{docs_dir.name}/{p.relative_to(docs_dir).as_posix()}") for p in sorted(docs_dir.rglob("*.md"))]
    if data_dir.is_dir():
        files += [(p, f"data/{p.relative_to(data_dir).as_posix()}") for p in sorted(data_dir.rglob("*.yml"))]
    return files


def sensitive_content(docs_dir: Path, data_dir: Path | None = None) -> list[Problem]:
    """Personal data and Unicode problems in every page and data file (called by hooks/content_checks.py)."""
    numbers, emails = allowed_contacts(data_dir)
    problems: list[Problem] = []
    for path, shown in content_files(docs_dir, data_dir):
        text = path.read_text(encoding="utf-8")
        problems += unicode_problems(text, shown)
        problems += personal_data(text, shown, numbers, emails)
    return problems
