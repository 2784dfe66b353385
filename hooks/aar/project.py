"""Where things are, and the project's data files (one source of truth for shared facts)."""

from __future__ import annotations

import functools
import os
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

# Not resolved: a project whose hooks folder is a symbolic link (tests) keeps its own data/.
ROOT = Path(os.path.abspath(__file__)).parents[2]
DATA_DIR = ROOT / "data"
DEFAULT_LANGUAGE = "fr"
LANGUAGES = ("fr", "wo")


class DataFileError(PluginError):
    """A data file is missing or is not valid YAML; the message is in French."""


@functools.lru_cache(maxsize=None)
def _load(path: Path, mtime: float):
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataFileError(f"{_rel(path)} : fichier de données introuvable.") from None
    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f", ligne {mark.line + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise DataFileError(
            f"{_rel(path)}{where} : YAML illisible ({problem}). "
            "Vérifiez l'indentation (espaces, pas de tabulations) et les deux-points."
        ) from None


def load_data(name: str, data_dir: Path | None = None):
    """Load `data/<name>.yml` (cached until the file changes)."""
    path = (data_dir or DATA_DIR) / f"{name}.yml"
    mtime = path.stat().st_mtime if path.exists() else 0.0
    return _load(path, mtime)


def tree_signature(docs_dir: Path, data_dir: Path | None = None) -> tuple:
    """Every page and data file with its modification time: what the content checks depend on."""
    files = sorted([*Path(docs_dir).rglob("*.md"), *Path(data_dir or DATA_DIR).rglob("*.yml")])
    return tuple((str(path), path.stat().st_mtime_ns) for path in files)


def _rel(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def localized(value, language: str):
    """Pick the language's text from a `{fr: …, wo: …}` mapping, falling back to French."""
    if isinstance(value, dict):
        return value.get(language) or value.get(DEFAULT_LANGUAGE) or ""
    return value if value is not None else ""


def current_language(config) -> str:
    """The language being built; static-i18n sets the theme language for each build."""
    theme = config.get("theme") if hasattr(config, "get") else None
    language = theme.get("language") if theme is not None else None
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


def build_date():
    """The build date from the source (SOURCE_DATE_EPOCH, set from the last commit by hooks/edition.py)."""
    import datetime as dt
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.datetime.now(dt.timezone.utc).date()


def format_date(value, language: str) -> str:
    """A date as readers write it: « 1 décembre 2026 » (Wolof month names from CLDR)."""
    from babel.dates import format_date as babel_format

    return babel_format(value, format="long", locale=language)
