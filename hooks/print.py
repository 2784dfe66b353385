"""Printed copies: one PDF per controlled document and per language, and the manuals of data/manuals.yml.

Trainers print, centres keep binders, a landing point has no network: every printed page must say which
document, which version and where to check for a newer one, and a one-line edit must not re-render 900 pages.
mkdocs-with-pdf, the generator the design named, lays the whole site out as one document with one pagination,
once per language and from scratch on every build; it can neither give each document its own "page X / Y" and
PDF nor reuse unchanged pages. This hook therefore drives WeasyPrint, the engine with-pdf used, itself: each
piece is rendered on its own (hooks/aar/printing/render.py: process pool, content cache) and manuals are
assembled from the rendered pieces (hooks/aar/printing/assemble.py). See README, « Technique ».

Events: on_config (the language being built, AAR_PDF), on_pre_build (data/manuals.yml checked), on_nav (the
navigation, for the complete manual), on_page_content (each page's finished HTML is kept, and a controlled
document gets its "Imprimer ce document" link), on_post_build (render, assemble, write; fill in the downloads
page). AAR_PDF=0 turns the PDFs off; the data file is still checked and the downloads page still built.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

from aar.cache import switched_on
from aar.contract import catalogue_for
from aar.printing import build
from aar.printing.sheets import CapturedPage
from aar.problems import raise_if_any
from aar.project import DEFAULT_LANGUAGE, current_language
from aar.templates import render

log = logging.getLogger("mkdocs.hooks.print")

STATE: dict = {}


def pdf_enabled(environ=os.environ) -> bool:
    return switched_on("AAR_PDF", environ)


@event_priority(-200)
def on_config(config):
    """Runs after static-i18n's own on_config (-100), so the language is the one being built."""
    STATE.clear()
    STATE.update(language=current_language(config), enabled=pdf_enabled(), pages={}, navigation=[],
                 downloads=[])
    return config


def on_pre_build(config):
    """data/manuals.yml and the public address are checked before anything is written."""
    docs_dir = Path(config.docs_dir)
    catalogue = catalogue_for(docs_dir)
    problems = build.address_problems(config) if STATE.get("enabled") else []
    if STATE.get("enabled") or build.uses_downloads(catalogue, docs_dir):
        problems += build.manual_problems(catalogue, docs_dir)
    raise_if_any(problems)


@event_priority(-200)
def on_nav(nav, config, files):
    """After static-i18n (-100), which translates the section titles of the Wolof navigation."""
    STATE["navigation"] = build.navigation_outline(nav)
    return nav


@event_priority(-100)
def on_page_content(html, page, config, files):
    """After every content hook (typography runs at -90): what the page shows is what is printed."""
    folder, _, relative = page.file.src_uri.partition("/")
    translated = folder == current_language(config)
    STATE.setdefault("pages", {})[relative] = CapturedPage(relative, page.url, page.title or "", html, translated)
    if "data-aar-pdf-pages=" in html:
        STATE.setdefault("downloads", []).append(page.file.abs_dest_path)
    if not STATE.get("enabled"):
        return html
    catalogue = catalogue_for(Path(config.docs_dir))
    source = catalogue.by_path.get((DEFAULT_LANGUAGE, relative))
    if source is None or source.id is None:
        return html
    language = current_language(config)
    target = build.document_pdf_path(source.id, page.url, language)
    link = render("print-link.html", language, href=get_relative_url(target, page.url))
    return build.insert_print_link(html, link)


def on_post_build(config):
    language = current_language(config)
    site_dir = Path(config.site_dir)
    summary = None
    if STATE.get("enabled"):
        summary = build.build_pdfs(config, language, STATE["pages"], STATE["navigation"], site_dir)
        log.info(summary.message)
        for warning in summary.warnings:
            log.warning(f"WeasyPrint : {warning}")
    for path in STATE.get("downloads", []):
        build.fill_downloads(Path(path), summary, config.extra.get("edition", ""))
