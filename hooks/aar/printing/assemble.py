"""Assemble a manual from rendered pieces: front matter, each piece's pages, the manual's page numbers.

Pieces keep their own page furniture ("page X / Y" of their document); the manual's page numbers, which its
table of contents cites, are written on each page afterwards (stamps.py), so that no page is laid out twice.
Each piece becomes a bookmark with its own headings under it. Fonts are shared between pieces (fonts.py) and
the result is written compactly (compact.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfWriter
from pypdf.generic import NameObject, TextStringObject

from .compact import write_compact
from .fonts import share_fonts
from .stamps import stamp_pages


@dataclass(frozen=True)
class Piece:
    path: Path
    pages: int
    outline: str


def assemble(front: Path, pieces: list[Piece], stamps: dict[int, str], info: dict[str, str], language: str,
             font_cache: Path | None = None) -> bytes:
    """The manual's PDF: the front matter, every piece in order, `stamps[i]` written on page i (0-based)."""
    writer = PdfWriter()
    writer.append(str(front), import_outline=False)
    writer.add_outline_item(title=info.get("/Title", ""), page_number=0)
    for piece in pieces:
        writer.append(str(piece.path), outline_item=piece.outline)
    stamp_pages(writer, stamps)
    if font_cache is not None:
        share_fonts(writer, font_cache)
    writer._root_object[NameObject("/Lang")] = TextStringObject(language)
    writer.page_mode = "/UseOutlines"
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=False)
    return write_compact(writer, info)
