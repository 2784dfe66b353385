"""What the build's content caches share (.cache/print/ for the PDFs, .cache/html/ for converted Markdown).

An entry is written whole or not at all, because two builds or two worker processes may write the same key
at once. An entry's modification time is when a build last used it. Entries unused for 30 days are
removed. A cache can be switched off with an environment variable, and its keys name the versions of the
tools that produce its entries.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from pathlib import Path

MAX_AGE = 30 * 24 * 3600
OFF = frozenset({"0", "false", "no", "non"})


def switched_on(name: str, environ=os.environ) -> bool:
    """False when the variable says 0, false, no or non; on by default."""
    return environ.get(name, "1").strip().lower() not in OFF


def versions(packages: Iterable[str]) -> str:
    """"name version, …" of installed packages: part of a cache key, so that an upgrade renders again."""
    from importlib.metadata import version

    return ", ".join(f"{name} {version(name)}" for name in packages)


def write_whole(path: Path, data: bytes | str) -> None:
    """Write under a temporary name, then rename: a reader sees the whole entry or none."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    if isinstance(data, str):
        temporary.write_text(data, encoding="utf-8")
    else:
        temporary.write_bytes(data)
    os.replace(temporary, path)


def mark_used(path: Path) -> None:
    now = time.time()
    os.utime(path, (now, now))


def remove_unused(paths: Iterable[Path], max_age: float = MAX_AGE) -> list[Path]:
    """Remove the entries not used for `max_age` seconds; return them."""
    limit = time.time() - max_age
    removed = []
    for path in paths:
        if path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed
