"""One copy of each font in a manual, instead of one per piece.

Each piece embeds its own subset of DejaVu (the glyphs it uses); a manual of a hundred pieces would carry a
hundred copies of the same fonts, a fifth of its weight. WeasyPrint keeps the glyph numbers of the original
font in its subsets, so every piece's subset can be replaced by a single subset of the installed font that
holds the glyphs of all pieces: the pages' text, widths and Unicode mappings stay as they are. A font that
cannot be found on the system, or whose glyphs differ from the embedded ones, is left untouched.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
from pathlib import Path

from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, NumberObject, StreamObject

from ..cache import mark_used, write_whole

FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", str(Path.home() / ".fonts"),
             str(Path.home() / ".local/share/fonts"))


@functools.lru_cache(maxsize=1)
def installed_fonts() -> dict[str, Path]:
    """PostScript name -> font file, for the TrueType fonts installed on this machine."""
    from fontTools.ttLib import TTFont

    found: dict[str, Path] = {}
    for directory in FONT_DIRS:
        for path in sorted(Path(directory).rglob("*.ttf")) if os.path.isdir(directory) else []:
            try:
                name = TTFont(path, lazy=True)["name"].getDebugName(6)
            except Exception:  # an unreadable font file is simply not a candidate
                continue
            if name:
                found.setdefault(name, path)
    return found


def _embedded(stream: StreamObject):
    from fontTools.ttLib import TTFont

    return TTFont(io.BytesIO(stream.get_data()), lazy=False)


def _same_glyphs(embedded, installed, gids: list[int]) -> bool:
    """True when a few used glyphs have the same outline in both fonts (same font, same glyph numbers)."""
    if embedded["maxp"].numGlyphs > installed["maxp"].numGlyphs:
        return False
    order_e, order_i = embedded.getGlyphOrder(), installed.getGlyphOrder()
    checked = 0
    for gid in gids:
        if gid >= len(order_e):
            continue
        glyph_e, glyph_i = embedded["glyf"][order_e[gid]], installed["glyf"][order_i[gid]]
        if glyph_e.numberOfContours <= 0:
            continue
        if list(glyph_e.getCoordinates(embedded["glyf"])[0]) != list(glyph_i.getCoordinates(installed["glyf"])[0]):
            return False
        checked += 1
        if checked == 3:
            break
    return checked > 0


def subset(path: Path, gids: set[int], cache: Path) -> bytes:
    """The installed font reduced to `gids` (glyph numbers kept), cached on disk."""
    stat = path.stat()
    key = hashlib.sha256(f"{path}|{stat.st_size}|{stat.st_mtime_ns}|{sorted(gids)}".encode()).hexdigest()
    target = cache / f"{key}.ttf"
    if target.is_file():
        mark_used(target)
        return target.read_bytes()
    from fontTools import subset as ft_subset
    from fontTools.ttLib import TTFont

    options = ft_subset.Options(retain_gids=True, hinting=False, desubroutinize=True, notdef_outline=True,
                                layout_features=[], name_IDs=[1, 2, 3, 4, 6], ignore_missing_glyphs=True)
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "MATH", "kern", "FFTM"]
    font = TTFont(path)
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(gids=sorted(gids | {0}))
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.save(buffer)
    data = buffer.getvalue()
    write_whole(target, data)
    return data


def _used_gids(cid_font: DictionaryObject) -> set[int]:
    """Glyph numbers a CIDFontType2 uses, from its widths array (WeasyPrint lists every glyph it draws)."""
    used: set[int] = set()
    widths = cid_font.get("/W") or []
    widths = widths.get_object() if hasattr(widths, "get_object") else widths
    index = 0
    while index < len(widths):
        first = int(widths[index])
        following = widths[index + 1].get_object() if hasattr(widths[index + 1], "get_object") else widths[index + 1]
        if isinstance(following, list):
            used.update(range(first, first + len(following)))
            index += 2
        else:
            used.update(range(first, int(following) + 1))
            index += 3
    return used


def share_fonts(writer: PdfWriter, cache: Path) -> int:
    """Point every subset of the same installed font to one shared subset; return how many were replaced."""
    groups: dict[str, list[tuple[DictionaryObject, DictionaryObject]]] = {}
    for obj in writer._objects:
        if not isinstance(obj, DictionaryObject) or obj.get("/Subtype") != "/CIDFontType2":
            continue
        if obj.get("/CIDToGIDMap") not in (None, "/Identity"):
            continue
        descriptor = obj.get("/FontDescriptor")
        descriptor = descriptor.get_object() if descriptor is not None else None
        if descriptor is None or "/FontFile2" not in descriptor:
            continue
        name = str(descriptor.get("/FontName", "")).lstrip("/").split("+", 1)[-1]
        groups.setdefault(name, []).append((obj, descriptor))
    fonts = installed_fonts()
    replaced = 0
    for name, members in groups.items():
        if len(members) < 2:
            continue
        gids = set().union(*(_used_gids(cid_font) for cid_font, _ in members))
        sample = members[0][1]["/FontFile2"].get_object()
        try:
            embedded = _embedded(sample)
            postscript = embedded["name"].getDebugName(6) if "name" in embedded else None
        except Exception:  # not a font program fontTools can read: leave the group alone
            continue
        path = fonts.get(postscript or "")
        if path is None:
            continue
        from fontTools.ttLib import TTFont

        if not _same_glyphs(embedded, TTFont(path), sorted(_used_gids(members[0][0]))):
            continue
        data = subset(path, gids, cache)
        stream = StreamObject()
        stream.set_data(data)
        stream = stream.flate_encode(level=9)
        stream[NameObject("/Length1")] = NumberObject(len(data))
        shared = writer._add_object(stream)
        for _, descriptor in members:
            descriptor[NameObject("/FontFile2")] = shared
            replaced += 1
    return replaced
