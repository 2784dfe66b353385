"""Search: one Pagefind index per language, written once the whole site is built.

Material's search loaded one index of both languages (354 KB gzip) on every page, stemmed Wolof with
French rules and needed exact accents. Pagefind (hooks/aar/search.py) loads only when the reader
opens the search, only the reader's language, in small chunks, and folds accents. It indexes the
built HTML, so it runs after static-i18n has built every language: at the end of the French build,
after static-i18n's own `on_post_build` (priority -100) has built the Wolof site.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from aar.project import DEFAULT_LANGUAGE, current_language
from aar.search import IndexedPage, engine_file, is_fallback, write_search

log = logging.getLogger("mkdocs.hooks.search_index")
_pages: dict[str, IndexedPage] = {}


def whole_site_built(config) -> bool:
    """False inside static-i18n's build of another language, True once every language is built."""
    i18n = config.plugins.get("i18n")
    return not getattr(i18n, "building", False)


def on_env(env, config, files):
    """The engine file assets/phone.js preloads when the reader opens the search (phone-config.html)."""
    env.globals["aar_search"] = {"engine": engine_file(current_language(config))}
    return env


def on_pre_build(config):
    if current_language(config) == DEFAULT_LANGUAGE:
        _pages.clear()


def on_post_page(output, page, config):
    language = current_language(config)
    if not is_fallback(page.file.src_uri, language):
        reference = (page.meta or {}).get("id")
        _pages[page.file.dest_uri] = IndexedPage(page.file.url, Path(page.file.abs_dest_path), language,
                                                 str(reference) if reference else None)
    return output


@event_priority(-210)
def on_post_build(config):
    if not whole_site_built(config):
        return
    try:
        counts = write_search(Path(config.site_dir), list(_pages.values()))
    except Exception as error:  # the Pagefind binary or its service failed
        raise PluginError(
            f"Index de recherche (Pagefind) impossible à écrire dans {config.site_dir}/search : {error}. "
            "Vérifiez que les paquets pagefind et pagefind-bin de requirements.txt sont installés "
            "(scripts/build les installe)."
        ) from error
    log.info("Recherche : %s", ", ".join(f"{n} pages en {lang}" for lang, n in counts.items()))
