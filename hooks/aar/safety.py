"""Raw HTML and remote resources are refused in content, so pages stay safe and offline."""

from __future__ import annotations

import re

from .pages import strip_code
from .problems import Problem

ALLOWED_TAGS = {"br", "sup", "sub", "kbd", "mark", "small"}
_TAG = re.compile(r"<\s*(/?)\s*([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])([^>]*)>")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_REMOTE_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?\s*(?:https?:)?//", re.I)
_SCRIPT_URL = re.compile(r"\]\(\s*<?\s*(?:javascript|data|vbscript):", re.I)


def blank_front_matter(text: str) -> str:
    if not text.startswith("---"):
        return text
    match = re.match(r"---\s*\n.*?\n(---|\.\.\.)\s*(\n|$)", text, re.S)
    if not match:
        return text
    return re.sub(r"[^\n]", "", match.group(0)) + text[match.end():]


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def unsafe_content(text: str, path: str) -> list[Problem]:
    """Every raw HTML tag (outside a small list), remote image and script link of a Markdown file."""
    body = strip_code(blank_front_matter(text))
    body = _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), body)
    problems = []
    opened = {m.group(2).lower() for m in _TAG.finditer(body) if not m.group(1)}
    for match in _TAG.finditer(body):
        closing, name, attributes = match.groups()
        tag = name.lower()
        if tag in ALLOWED_TAGS and not attributes.strip(" /"):
            continue
        if closing and tag in opened:
            continue  # the opening tag is already reported
        if tag in ALLOWED_TAGS:
            message = (f"balise HTML « {tag} » avec des attributs non autorisée. "
                       f"Attendu : « <{tag}> » sans attribut, ou du Markdown.")
        else:
            message = (f"balise HTML « {'/' if closing else ''}{tag} » non autorisée. "
                       "Attendu : du Markdown (titres, listes, tableaux, encadrés « !!! »). "
                       "Le HTML brut n'est pas publié, pour la sécurité des lecteurs.")
        problems.append(Problem(path, _line(body, match.start()), message))
    for match in _REMOTE_IMAGE.finditer(body):
        problems.append(Problem(path, _line(body, match.start()),
                                "image chargée depuis un autre site. Attendu : une image enregistrée "
                                "dans le dépôt (le téléphone du lecteur ne contacte aucun autre site)."))
    for match in _SCRIPT_URL.finditer(body):
        problems.append(Problem(path, _line(body, match.start()),
                                "lien « javascript: », « data: » ou « vbscript: » non autorisé. "
                                "Attendu : un lien vers une page du site ou une adresse web."))
    return problems
