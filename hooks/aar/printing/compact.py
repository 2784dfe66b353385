"""Write an assembled manual compactly: its small objects packed in one compressed object stream (pydyf).

pypdf assembles the manual well but writes every object in clear, and escapes every character of a string
that is not a letter: the thousands of link annotations and destinations of a manual (each link of the site is
a link in the PDF) then weigh more than its text. pydyf, the writer WeasyPrint uses, packs such objects in a
compressed object stream. Streams (page contents, fonts) are copied as they are, compressed if they were not.
"""

from __future__ import annotations

import io
import re
import zlib

import pydyf
from pypdf import PdfWriter
from pypdf.generic import (ArrayObject, BooleanObject, ByteStringObject, DictionaryObject, EncodedStreamObject,
                           FloatObject, IndirectObject, NameObject, NullObject, NumberObject, StreamObject,
                           TextStringObject)

_NAME_SAFE = re.compile(rb"[^\x21-\x7e]|[#()<>\[\]{}/%]")


class _Raw(pydyf.Object):
    """An object whose bytes are already written."""

    def __init__(self, data: bytes, stream: bool):
        super().__init__()
        self._data, self._stream = data, stream

    @property
    def data(self) -> bytes:
        return self._data

    @property
    def compressible(self) -> bool:
        return not self._stream


def _name(value: str) -> bytes:
    raw = value[1:].encode("utf-8") if value.startswith("/") else value.encode("utf-8")
    return b"/" + _NAME_SAFE.sub(lambda m: b"#%02x" % m.group(0)[0], raw)


def _string(raw: bytes) -> bytes:
    if all(32 <= byte <= 126 for byte in raw):
        return b"(" + re.sub(rb"([\\()])", rb"\\\1", raw) + b")"
    return b"<" + raw.hex().encode() + b">"


def _number(value: float) -> bytes:
    if float(value).is_integer():
        return str(int(value)).encode()
    return f"{float(value):.6f}".rstrip("0").rstrip(".").encode()


def serialize(obj, numbers: dict[int, int]) -> bytes:
    """PDF syntax of a pypdf object; indirect references renumbered with `numbers`."""
    if isinstance(obj, IndirectObject):
        return f"{numbers.get(obj.idnum, 0)} 0 R".encode() if obj.idnum in numbers else b"null"
    if isinstance(obj, NameObject):
        return _name(obj)
    if isinstance(obj, BooleanObject):
        return b"true" if obj else b"false"
    if isinstance(obj, NullObject) or obj is None:
        return b"null"
    if isinstance(obj, (NumberObject, int)) and not isinstance(obj, bool):
        return str(int(obj)).encode()
    if isinstance(obj, (FloatObject, float)):
        return _number(obj)
    if isinstance(obj, ByteStringObject):
        return _string(bytes(obj))
    if isinstance(obj, TextStringObject):
        return _string(obj.original_bytes if hasattr(obj, "original_bytes") else str(obj).encode("utf-16"))
    if isinstance(obj, ArrayObject):
        return b"[" + b" ".join(serialize(item, numbers) for item in obj) + b"]"
    if isinstance(obj, DictionaryObject):
        return b"<<" + b"".join(_name(key) + b" " + serialize(value, numbers) for key, value in obj.items()) + b">>"
    if isinstance(obj, str):
        return _string(obj.encode("utf-8"))
    raise TypeError(f"objet PDF inattendu : {type(obj).__name__}")


def _stream(obj: StreamObject, numbers: dict[int, int]) -> bytes:
    entries = {key: value for key, value in obj.items() if key not in ("/Length",)}
    data = obj._data
    if not isinstance(obj, EncodedStreamObject) and "/Filter" not in obj:
        data = zlib.compress(data, 9)
        entries["/Filter"] = NameObject("/FlateDecode")
    dictionary = b"<<" + b"".join(_name(k) + b" " + serialize(v, numbers) for k, v in entries.items())
    dictionary += b"/Length " + str(len(data)).encode() + b">>"
    return dictionary + b"\nstream\n" + data + b"\nendstream"


def _reachable(writer: PdfWriter, root: int) -> set[int]:
    seen, todo = set(), [root]
    while todo:
        number = todo.pop()
        if number in seen or number < 1 or number > len(writer._objects):
            continue
        seen.add(number)
        stack = [writer._objects[number - 1]]
        while stack:
            obj = stack.pop()
            if isinstance(obj, IndirectObject):
                todo.append(obj.idnum)
            elif isinstance(obj, DictionaryObject):   # streams are dictionaries too
                stack.extend(obj.values())
            elif isinstance(obj, ArrayObject):
                stack.extend(obj)
    return seen


def write_compact(writer: PdfWriter, info: dict[str, str]) -> bytes:
    """The writer's objects reachable from its catalog, written with an object stream; `info` as metadata."""
    root_number = writer._root_object.indirect_reference.idnum
    reachable = _reachable(writer, root_number)
    live = [(index + 1, obj) for index, obj in enumerate(writer._objects)
            if obj is not None and index + 1 in reachable]
    numbers = {old: new for new, (old, _) in enumerate(live, start=1)}
    pdf = pydyf.PDF()
    pdf.objects = pdf.objects[:1]
    for old, obj in live:
        if isinstance(obj, StreamObject):
            raw = _Raw(_stream(obj, numbers), stream=True)
        else:
            raw = _Raw(serialize(obj, numbers), stream=False)
        pdf.add_object(raw)
        if old == root_number:
            pdf.catalog = raw
    pdf.info = pydyf.Dictionary({key.lstrip("/"): pydyf.String(value) for key, value in info.items()})
    buffer = io.BytesIO()
    pdf.write(buffer, version=b"1.7", compress=True)
    return buffer.getvalue()
