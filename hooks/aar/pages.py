"""Small Markdown helpers shared by the hooks that add blocks to pages."""

from __future__ import annotations

import functools
import re

_FENCE = re.compile(r"^\s*(```|~~~)")
_H1 = re.compile(r"^# \S")
_INLINE_CODE = re.compile(r"`[^`]*`")


def insert_after_title(markdown: str, block: str) -> str:
    """Insert a raw HTML block right after the first `# ` heading.

    MkDocs takes the page title from an H1 only when it comes first, and static-i18n drops Wolof
    pages from search when titles degrade to file names: blocks therefore never go above the H1.
    A page without an H1 gets the block at the top.
    """
    lines = markdown.split("\n")
    in_fence = False
    for index, line in enumerate(lines):
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and _H1.match(line):
            return "\n".join(lines[: index + 1] + ["", block, ""] + lines[index + 1 :])
    return "\n".join([block, "", markdown])


@functools.lru_cache(maxsize=256)
def strip_code(markdown: str) -> str:
    """Blank out fenced code and inline code (keeping line numbers) before scanning for HTML.
    Several checks ask for the same page: the answer is kept."""
    out, in_fence = [], False
    for line in markdown.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
            out.append("")
        elif in_fence:
            out.append("")
        else:
            out.append(_INLINE_CODE.sub("``", line) if "`" in line else line)
    return "\n".join(out)


def code_ranges(markdown: str) -> list[tuple[int, int]]:
    """Character ranges of fenced code blocks and inline code, where markers are only examples."""
    ranges, offset, fence_start = [], 0, None
    for line in markdown.split("\n"):
        end = offset + len(line)
        if _FENCE.match(line):
            if fence_start is None:
                fence_start = offset
            else:
                ranges.append((fence_start, end))
                fence_start = None
        elif fence_start is None:
            ranges += [(offset + m.start(), offset + m.end()) for m in re.finditer(r"`[^`\n]+`", line)]
        offset = end + 1
    if fence_start is not None:
        ranges.append((fence_start, len(markdown)))
    return ranges


def in_ranges(position: int, ranges: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in ranges)
