"""The manual's own page number, written on every page of an assembled manual.

The table of contents cites the manual's page numbers, so each page must show one, under the "page X / Y" of
its document. Laying out hundreds of near-empty pages with WeasyPrint to get one line of text each took longer
than the documents themselves; this module writes that line directly: a few glyphs of DejaVu Sans (embedded,
with their Unicode mapping so that the text can be searched and copied), right-aligned in the bottom margin.
"""

from __future__ import annotations

import functools
import io

from pypdf import PdfWriter
from pypdf.generic import (ArrayObject, DecodedStreamObject, DictionaryObject, FloatObject, NameObject,
                           NumberObject, StreamObject, TextStringObject)

from .fonts import installed_fonts

FONT = "DejaVuSans"
SIZE = 6.5                      # points
RIGHT = 595.28 - 39.69          # A4 width minus the 14 mm right margin, in points
BASELINE = 25.0                 # points above the bottom edge (under the document's own footer)
GREY = b"0.267 0.267 0.267 rg"  # #444, the footer's colour
NAME = "/AarManualPage"


class StampError(Exception):
    """The stamp font is missing; the message is in French."""


@functools.lru_cache(maxsize=4)
def _font_program(characters: str) -> tuple[bytes, dict[str, int], dict[int, int], dict]:
    """A subset of DejaVu Sans holding `characters`, glyph numbers kept; char -> glyph, glyph -> width."""
    from fontTools import subset as ft_subset
    from fontTools.ttLib import TTFont

    path = installed_fonts().get(FONT)
    if path is None:
        raise StampError("Impression : la police DejaVu Sans est introuvable (paquet Debian fonts-dejavu-core) ; "
                         "elle écrit les numéros de page des manuels.")
    font = TTFont(path)
    cmap = font.getBestCmap()
    order = font.getGlyphOrder()
    scale = 1000 / font["head"].unitsPerEm
    glyphs = {char: font.getGlyphID(cmap[ord(char)]) for char in characters if ord(char) in cmap}
    widths = {gid: round(font["hmtx"][order[gid]][0] * scale) for gid in glyphs.values()}
    metrics = {"bbox": [round(v * scale) for v in (font["head"].xMin, font["head"].yMin, font["head"].xMax,
                                                  font["head"].yMax)],
               "ascent": round(font["hhea"].ascent * scale), "descent": round(font["hhea"].descent * scale),
               "cap": round(getattr(font["OS/2"], "sCapHeight", 0) * scale) or 729}
    options = ft_subset.Options(retain_gids=True, hinting=False, notdef_outline=True, layout_features=[],
                                name_IDs=[1, 2, 3, 4, 6])
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "MATH", "kern", "FFTM"]
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(gids=sorted(set(glyphs.values()) | {0}))
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue(), glyphs, widths, metrics


def _stream(writer: PdfWriter, data: bytes, entries: dict | None = None):
    stream = DecodedStreamObject()
    stream.set_data(data)
    stream.update(entries or {})
    return writer._add_object(stream)


def _font(writer: PdfWriter, characters: str):
    program, glyphs, widths, metrics = _font_program(characters)
    tag = "/AARPGN+" + FONT
    file = StreamObject()
    file.set_data(program)
    file = file.flate_encode(level=9)
    file[NameObject("/Length1")] = NumberObject(len(program))
    descriptor = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/FontDescriptor"), NameObject("/FontName"): NameObject(tag),
        NameObject("/Flags"): NumberObject(32),
        NameObject("/FontBBox"): ArrayObject(NumberObject(v) for v in metrics["bbox"]),
        NameObject("/ItalicAngle"): NumberObject(0), NameObject("/Ascent"): NumberObject(metrics["ascent"]),
        NameObject("/Descent"): NumberObject(metrics["descent"]),
        NameObject("/CapHeight"): NumberObject(metrics["cap"]), NameObject("/StemV"): NumberObject(80),
        NameObject("/FontFile2"): writer._add_object(file),
    }))
    w = ArrayObject()
    for gid in sorted(widths):
        w += [NumberObject(gid), ArrayObject([NumberObject(widths[gid])])]
    cid_font = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/CIDFontType2"),
        NameObject("/BaseFont"): NameObject(tag),
        NameObject("/CIDSystemInfo"): DictionaryObject({
            NameObject("/Registry"): TextStringObject("Adobe"), NameObject("/Ordering"): TextStringObject("Identity"),
            NameObject("/Supplement"): NumberObject(0)}),
        NameObject("/FontDescriptor"): descriptor, NameObject("/W"): w,
        NameObject("/CIDToGIDMap"): NameObject("/Identity"),
    }))
    mapping = "".join(f"<{gid:04x}> <{char.encode('utf-16-be').hex()}>\n" for char, gid in sorted(glyphs.items()))
    cmap = ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <ffff>\n"
            f"endcodespacerange\n{len(glyphs)} beginbfchar\n{mapping}endbfchar\nendcmap\n"
            "CMapName currentdict /CMap defineresource pop\nend\nend\n")
    to_unicode = _stream(writer, cmap.encode("ascii"))
    font = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type0"),
        NameObject("/BaseFont"): NameObject(tag), NameObject("/Encoding"): NameObject("/Identity-H"),
        NameObject("/DescendantFonts"): ArrayObject([cid_font]), NameObject("/ToUnicode"): to_unicode,
    }))
    return font, glyphs, widths


def stamp_pages(writer: PdfWriter, texts: dict[int, str]) -> None:
    """Write `texts[i]` at the bottom right of page `i` (0-based) of the manual."""
    if not texts:
        return
    characters = "".join(sorted(set("".join(texts.values()))))
    font, glyphs, widths = _font(writer, characters)
    begin = _stream(writer, b"q\n")
    for index, text in texts.items():
        page = writer.pages[index]
        codes = [glyphs[c] for c in text if c in glyphs]
        width = sum(widths[g] for g in codes) * SIZE / 1000
        x = FloatObject(round(RIGHT - width, 2))
        line = (b"Q\nq BT " + NAME.encode() + b" " + str(SIZE).encode() + b" Tf " + GREY + b" "
                + str(x).encode() + b" " + str(BASELINE).encode() + b" Td <"
                + "".join(f"{g:04x}" for g in codes).encode() + b"> Tj ET Q\n")
        resources = page.get("/Resources")
        if resources is None:
            resources = DictionaryObject()
            page[NameObject("/Resources")] = resources
        resources = resources.get_object()
        fonts = resources.get("/Font")
        if fonts is None:
            fonts = DictionaryObject()
            resources[NameObject("/Font")] = fonts
        fonts.get_object()[NameObject(NAME)] = font
        contents = page.get("/Contents")
        existing = list(contents.get_object()) if isinstance(contents.get_object(), ArrayObject) else [contents]
        page[NameObject("/Contents")] = ArrayObject([begin, *existing, _stream(writer, line)])
