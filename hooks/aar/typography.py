"""French typography on rendered HTML: narrow no-break spaces before « : ; ? ! » and inside « ».

Reviewers type ordinary spaces (or none); on a narrow phone screen an ordinary space lets a colon
or a closing guillemet start the next line. Only text between tags is changed, never tags,
attributes, code or scripts.
"""

from __future__ import annotations

import re

NARROW_NBSP = "\u202f"
_TOKENS = re.compile(r"(<[^>]*>)")
_ENTITY = re.compile(r"(&#?\w+;)")
_RAW = re.compile(r"<(/?)(pre|code|script|style|kbd|textarea)\b", re.I)
_SPACED = re.compile(r"[ \u00a0\u202f]+(?=[:;?!»])")
_AFTER_OPENING = re.compile(r"«[ \u00a0\u202f]*")
_UNSPACED_MARK = re.compile(r"(?<=[^\W\d_])(?=[;?!](?:\s|$))")
_UNSPACED_CLOSING = re.compile(r"(?<=[\w.…)])»")


def french_spacing(text: str) -> str:
    """One run of text, with no tag inside."""
    text = _SPACED.sub(NARROW_NBSP, text)
    text = _AFTER_OPENING.sub("«" + NARROW_NBSP, text)
    text = _UNSPACED_MARK.sub(NARROW_NBSP, text)
    return _UNSPACED_CLOSING.sub(NARROW_NBSP + "»", text)


def typeset(html: str) -> str:
    """Apply french_spacing to every text run of an HTML fragment outside code and scripts."""
    out, raw_depth = [], 0
    for token in _TOKENS.split(html):
        if token.startswith("<"):
            match = _RAW.match(token)
            if match and not token.endswith("/>"):
                raw_depth = max(0, raw_depth + (-1 if match.group(1) else 1))
            out.append(token)
        elif raw_depth or not token:
            out.append(token)
        else:  # entities such as &para; keep their semicolon
            out.append("".join(part if _ENTITY.fullmatch(part) else french_spacing(part)
                               for part in _ENTITY.split(token)))
    return "".join(out)
