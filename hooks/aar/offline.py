"""Offline reading: what a phone keeps of the built site, per language and per build (plain functions).

After the build, `finish_offline` lists for each language every page, every file those pages use
and the language's search files, with a hash and the bytes a phone downloads for each (gzip, as the
server sends them). The build id is a hash of those lists: a new edition or any change gives a new
id, hence a new service worker and a new cache on the phones (hooks/aar/service-worker.js, a
Jinja template kept here and not in overrides/, where MkDocs would copy it into the site as is).
It then writes into every page the build id and the size of its language in MB (the « Enregistrer
pour lire hors ligne » button), the lists (`offline/<lang>.json`), the web app manifests and `sw.js`.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

import jinja2

from .search import used_engine

# Written by the page templates (overrides/partials/aar/phone-meta.html and offline.html) and
# replaced here once the whole site is built.
BUILD_PLACEHOLDER = "aar-build-pending"
SIZE_PLACEHOLDER = "aar-offline-size"
OFFLINE_DIR = "offline"
SEARCH_DIR = "search"
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".webmanifest"}
# A content hash in the file name: Material's `main.57a0d79d.min.css`, Pagefind's `fr_4f72fa3.pf_index`.
HASHED = re.compile(r"[._][0-9a-f]{7,}\.(?:min\.)?[a-z_]+$")
# Never downloaded for offline reading: printed manuals (several MB; the site holds the same text),
# sitemaps, source maps, Material's unused search and bundle, the offline lists themselves.
SKIPPED_DIRS = {"pdf", OFFLINE_DIR, SEARCH_DIR}
_BUILD_META = re.compile(r'(<meta name="aar-build" content=")[^"]*(")')
_SIZE = re.compile(r'(<span class="aar-offline__size">)[^<]*(</span>)')
_REFERENCE = re.compile(r'<(?:link|script|img|source)\b[^>]*?\b(?:href|src)="([^"]+)"', re.I)
_THEME_COLOR = "#00695c"


@dataclass(frozen=True, order=True)
class Entry:
    """A file a phone keeps: its path from the site's root (pages as their address), hash, bytes, kind."""

    path: str
    hash: str
    size: int
    kind: str  # "page", "asset" or "search"

    def as_list(self) -> list:
        return [self.path, self.hash, self.size, self.kind]


def digest(data: bytes) -> str:
    """SHA-256, first 16 hexadecimal digits (the service worker computes the same)."""
    return hashlib.sha256(data).hexdigest()[:16]


@functools.lru_cache(maxsize=4096)
def _gzip_size(hash: str, data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def transfer_size(path: Path, data: bytes) -> int:
    """Bytes on the wire: gzip for text (as scripts/gzip_server.py and any ordinary host send it)."""
    if path.suffix in COMPRESSIBLE:
        return _gzip_size(digest(data), data)
    return len(data)


def language_of(relative: str, languages: list[str], default: str) -> str:
    first = relative.split("/", 1)[0]
    return first if first in languages and first != default else default


def page_address(relative: str) -> str:
    """`protocoles/pos-01/index.html` → `protocoles/pos-01/`; `index.html` → `` (the root)."""
    if relative == "index.html":
        return ""
    if relative.endswith("/index.html"):
        return relative[: -len("index.html")]
    return relative


def html_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.relative_to(site).parts[0] not in SKIPPED_DIRS)


def references(site: Path, html_path: Path, html: str) -> set[str]:
    """Files of this site that a page loads (styles, scripts, icons, images, manifest)."""
    base = "/" + html_path.relative_to(site).as_posix()
    found = set()
    for reference in _REFERENCE.findall(html):
        parts = urlsplit(reference)
        if parts.scheme or parts.netloc or reference.startswith(("data:", "#")):
            continue
        target = PurePosixPath(urljoin(base, parts.path)).as_posix().lstrip("/")
        if (site / target).is_file() and not target.endswith(".html"):
            found.add(target)
    return found


def search_files(site: Path, language: str) -> list[str]:
    """Pagefind's files for one language (hooks/aar/search.py): code, entry, meta, wasm, chunks, folds."""
    folder = site / SEARCH_DIR
    entry_path = folder / "pagefind-entry.json"
    if not entry_path.is_file():
        return []
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    index = entry["languages"].get(language)
    if index is None:
        return []
    names = ["pagefind.js", "pagefind-entry.json", f"pagefind.{index['hash']}.pf_meta",
             used_engine(index), f"fold-{language}.json"]
    names += sorted(p.relative_to(folder).as_posix() for sub in ("index", "fragment")
                    for p in (folder / sub).glob(f"{language}_*"))
    return [f"{SEARCH_DIR}/{name}" for name in names if (folder / name).is_file()]


def entries(site: Path, language: str, languages: list[str], default: str) -> list[Entry]:
    """Every file a phone keeps to read one language offline."""
    found: dict[str, Entry] = {}
    assets: set[str] = set()
    for path in html_files(site):
        relative = path.relative_to(site).as_posix()
        if language_of(relative, languages, default) != language:
            continue
        data = path.read_bytes()
        found[relative] = Entry(page_address(relative), digest(data), transfer_size(path, data), "page")
        assets |= references(site, path, data.decode("utf-8"))
    for relative in sorted(assets):
        path = site / relative
        data = path.read_bytes()
        found[relative] = Entry(relative, digest(data), transfer_size(path, data), "asset")
    for relative in search_files(site, language):
        path = site / relative
        data = path.read_bytes()
        found[relative] = Entry(relative, digest(data), transfer_size(path, data), "search")
    return sorted(found.values())


def build_id(lists: dict[str, list[Entry]], edition: str) -> str:
    text = json.dumps({"edition": edition, **{k: [e.as_list() for e in v] for k, v in sorted(lists.items())}})
    return digest(text.encode("utf-8"))[:12]


def megabytes(size: int) -> str:
    """French decimal comma, one decimal, never 0: `2,4`."""
    return f"{max(size / 1_000_000, 0.1):.1f}".replace(".", ",")


def web_manifest(language: str, default: str, name: str, description: str) -> dict:
    """Web app manifest of one language (start on its home page; icons from the site's root)."""
    to_root = "" if language == default else "../"
    return {"name": name, "short_name": name, "description": description, "lang": language,
            "start_url": "./", "scope": to_root or "./", "display": "standalone",
            "background_color": "#ffffff", "theme_color": _THEME_COLOR,
            "icons": [{"src": f"{to_root}assets/favicon.svg", "sizes": "any", "type": "image/svg+xml"}]}


def stamp_pages(site: Path, languages: list[str], default: str, build: str, sizes: dict[str, str]) -> None:
    """Write the build id and the language's size into every page (whatever they held before)."""
    for path in html_files(site):
        language = language_of(path.relative_to(site).as_posix(), languages, default)
        text = path.read_text(encoding="utf-8")
        new = _BUILD_META.sub(lambda m: m.group(1) + build + m.group(2), text)
        new = _SIZE.sub(lambda m: m.group(1) + sizes[language] + m.group(2), new)
        if new != text:
            path.write_text(new, encoding="utf-8")


def write_web_manifests(site: Path, languages: list[str], default: str, name: str, descriptions: dict[str, str]) -> None:
    for language in languages:
        folder = site if language == default else site / language
        manifest = web_manifest(language, default, name, descriptions.get(language, ""))
        (folder / "manifest.webmanifest").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")


def finish_offline(site: Path, languages: list[str], default: str, edition: str,
                   name: str, descriptions: dict[str, str]) -> dict[str, dict]:
    """Write manifests, page values, offline lists and sw.js; returns {language: {"build", "bytes", "files"}}."""
    write_web_manifests(site, languages, default, name, descriptions)
    return stamp_offline(site, languages, default, edition)


def refresh_offline(site: Path) -> dict[str, dict]:
    """Stamp a built site again after its pages changed (scripts/publish.py adds a banner to old editions)."""
    lists = {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in sorted((site / OFFLINE_DIR).glob("*.json"))}
    languages = list(lists)
    default = next(language for language in languages if not (site / language).is_dir())
    return stamp_offline(site, languages, default, next(iter(lists.values()))["edition"])


def stamp_offline(site: Path, languages: list[str], default: str, edition: str) -> dict[str, dict]:
    """Build id and sizes into the pages, then the offline lists and sw.js that match them."""
    stamp_pages(site, languages, default, BUILD_PLACEHOLDER, {language: SIZE_PLACEHOLDER for language in languages})
    first = {language: entries(site, language, languages, default) for language in languages}
    build = build_id(first, edition)
    stamp_pages(site, languages, default, build,
                {language: megabytes(sum(e.size for e in first[language])) for language in languages})
    final = {language: entries(site, language, languages, default) for language in languages}
    (site / OFFLINE_DIR).mkdir(exist_ok=True)
    summary = {}
    for language, files in final.items():
        total = sum(e.size for e in files)
        data = {"build": build, "edition": edition, "language": language, "bytes": total,
                "files": [e.as_list() for e in files]}
        (site / OFFLINE_DIR / f"{language}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        summary[language] = {"build": build, "bytes": total, "files": len(files)}
    every = {e.path: e for files in final.values() for e in files}
    verified = {path: e.hash for path, e in sorted(every.items())
                if e.kind != "page" and not HASHED.search(path)}
    pages = [p for p in html_files(site)]
    shared = None
    for path in pages:
        used = references(site, path, path.read_text(encoding="utf-8"))
        shared = used if shared is None else shared & used
    shell = [[path, every[path].hash] for path in sorted(shared or set()) if path in every]
    template = jinja2.Environment(loader=jinja2.FileSystemLoader(str(Path(__file__).parent)),
                                  undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    worker = template.get_template("service-worker.js").render(
        build=build, edition=edition, verified=verified, shell=shell,
        manifests={language: f"{OFFLINE_DIR}/{language}.json" for language in languages})
    (site / "sw.js").write_text(worker.strip() + "\n", encoding="utf-8")
    return summary
