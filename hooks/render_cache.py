"""Convert only the pages whose Markdown changed: a reviewer's one-line edit must not convert 192 pages.

The conversion itself is MkDocs' own; hooks/aar/render_cache.py keys it on everything it reads and keeps what
it gives, link and anchor checks included. Events: on_config (one cache per language built, after
static-i18n's own on_config at -100), on_post_build (how many pages came from the cache, unused entries
removed). AAR_HTML_CACHE=0 turns it off, AAR_HTML_CACHE=/folder puts it elsewhere than .cache/html/.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.plugins import event_priority

from aar.project import current_language
from aar.render_cache import RenderCache, cache_dir, enabled, install, prune

log = logging.getLogger("mkdocs.hooks.render_cache")

STATE: dict = {}


@event_priority(-200)
def on_config(config):
    STATE.clear()
    cache = None
    if enabled():
        config_text = Path(config.config_file_path).read_text(encoding="utf-8")
        cache = RenderCache(cache_dir(), config_text, current_language(config))
    STATE["cache"] = cache
    install(cache)
    return config


def on_post_build(config):
    cache = STATE.get("cache")
    if cache is not None:
        log.info(cache.stats.message(cache.language))
        prune(cache.directory)


def on_shutdown():
    install(None)
