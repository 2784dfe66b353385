"""Raw HTML and remote resources are refused in content, so pages stay safe and offline.

Besides raw HTML tags, Markdown itself can run code or load another site's resources: attribute
lists (`{: onclick="…" }`, `{ style="background: url(…)" }`), reference-style images and links
(`![x][ref]` with `[ref]: https://…`), and script links hidden behind HTML entities
(`jav&#x61;script:`). Each is refused here with the line and what to write instead.
"""

from __future__ import annotations

import html
import re

from .pages import strip_code
from .problems import Problem

ALLOWED_TAGS = {"br", "sup", "sub", "kbd", "mark", "small"}
_TAG = re.compile(r"<\s*(/?)\s*([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])([^>]*)>")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_REMOTE_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?\s*(?:https?:)?//", re.I)
_SCRIPT_URL = re.compile(r"\]\(\s*<?\s*(?:javascript|data|vbscript):", re.I)
_EVENT_HANDLER = re.compile(r"(?<![\w-])(on[a-z]+)\s*=", re.I)
# Attribute lists (attr_list): {#anchor .class key=value}; only anchors and classes are needed.
_ATTR_LIST = re.compile(r"\{:?[^{}\n]*=[^{}\n]*\}")
_ATTRIBUTE = re.compile(r"(?<![\w.#-])([A-Za-z_:][\w:.-]*)\s*=")
RESOURCE_ATTRIBUTES = {"style", "src", "srcset", "href", "xlink:href", "action", "formaction", "background",
                       "poster", "data", "srcdoc", "ping"}
# Link targets: inline ](target) and reference definitions [label]: target.
_INLINE_TARGET = re.compile(r"\]\(\s*<?([^)>\s]*)")
_REFERENCE = re.compile(r"^ {0,3}\[([^\]]+)\]:[ \t]*<?([^\s>]+)", re.M)
_REFERENCE_IMAGE = re.compile(r"!\[([^\]]*)\](?:\[([^\]]*)\])?(?!\()")
_REMOTE = re.compile(r"^(?:https?:)?//", re.I)
SCRIPT_LINK_MESSAGE = ("lien « javascript: », « data: » ou « vbscript: » non autorisé. "
                       "Attendu : un lien vers une page du site ou une adresse web.")
REMOTE_IMAGE_MESSAGE = ("image chargée depuis un autre site. Attendu : une image enregistrée "
                        "dans le dépôt (le téléphone du lecteur ne contacte aucun autre site).")


def _scheme(target: str) -> str:
    """The scheme a browser would see: entities decoded, spaces and control characters removed."""
    decoded = html.unescape(html.unescape(target))
    return re.sub(r"[\x00-\x20]+", "", decoded).lower().split(":", 1)[0] if ":" in decoded else ""


def markdown_problems(body: str, path: str) -> list[Problem]:
    """What Markdown alone can do: attribute lists, reference-style images, hidden script links."""
    problems = []
    for match in _ATTR_LIST.finditer(body):
        for attribute in _ATTRIBUTE.finditer(match.group(0)):
            name = attribute.group(1).lower()
            if name.startswith("on"):
                why = "un gestionnaire d'événement exécuterait du code dans le navigateur du lecteur"
            elif name in RESOURCE_ATTRIBUTES:
                why = "il pourrait charger une ressource d'un autre site ou changer la cible d'un lien"
            else:
                continue
            problems.append(Problem(path, _line(body, match.start()), (
                f"attribut « {name} » non autorisé dans « {{ … }} » : {why}. "
                "Attendu : seulement une ancre (#nom) et des classes (.nom).")))
    references = {m.group(1).strip().lower(): m for m in _REFERENCE.finditer(body)}
    for match in _REFERENCE.finditer(body):
        if _scheme(match.group(2)) in {"javascript", "data", "vbscript"}:
            problems.append(Problem(path, _line(body, match.start()), SCRIPT_LINK_MESSAGE))
    for match in _INLINE_TARGET.finditer(body):
        target = match.group(1)
        if _scheme(target) in {"javascript", "data", "vbscript"} and not _SCRIPT_URL.match(body, match.start()):
            problems.append(Problem(path, _line(body, match.start()), SCRIPT_LINK_MESSAGE))
    for match in _REFERENCE_IMAGE.finditer(body):
        label = (match.group(2) or match.group(1)).strip().lower()
        definition = references.get(label)
        if definition and _REMOTE.match(html.unescape(definition.group(2))):
            problems.append(Problem(path, _line(body, match.start()), REMOTE_IMAGE_MESSAGE))
    return problems


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
        handler = _EVENT_HANDLER.search(attributes)
        if handler:
            message = (f"gestionnaire d'événement « {handler.group(1).lower()} » dans la balise HTML « {tag} » : "
                       "il exécuterait du code dans le navigateur du lecteur. Attendu : du Markdown, sans HTML.")
        elif tag in ALLOWED_TAGS:
            message = (f"balise HTML « {tag} » avec des attributs non autorisée. "
                       f"Attendu : « <{tag}> » sans attribut, ou du Markdown.")
        else:
            message = (f"balise HTML « {'/' if closing else ''}{tag} » non autorisée. "
                       "Attendu : du Markdown (titres, listes, tableaux, encadrés « !!! »). "
                       "Le HTML brut n'est pas publié, pour la sécurité des lecteurs.")
        problems.append(Problem(path, _line(body, match.start()), message))
    for match in _REMOTE_IMAGE.finditer(body):
        problems.append(Problem(path, _line(body, match.start()), REMOTE_IMAGE_MESSAGE))
    for match in _SCRIPT_URL.finditer(body):
        problems.append(Problem(path, _line(body, match.start()), SCRIPT_LINK_MESSAGE))
    return problems + markdown_problems(body, path)
