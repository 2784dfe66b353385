"""Explain in French the build failures that come from the tools rather than from our own checks.

Our hooks stop the build with French messages; a broken theme template (Jinja) or the PDF engine
(mkdocs-with-pdf, WeasyPrint) fail with an English trace. Reviewers get a French explanation,
naming the file and line where there is one, next to the technical trace.
"""

from __future__ import annotations

import logging

import jinja2

log = logging.getLogger("mkdocs.hooks.build_errors")


def explanation(error: BaseException) -> str | None:
    text = str(error)
    if isinstance(error, jinja2.TemplateSyntaxError):
        where = f"{error.filename or error.name}, ligne {error.lineno}"
        return (f"Gabarit du thème illisible : {where} ({error.message}). Vérifiez que chaque « {{{{ » a "
                "son « }}}} » et chaque « {% » son « %} ».")
    if isinstance(error, jinja2.TemplateNotFound):
        return (f"Gabarit du thème introuvable : {error.name}. Vérifiez le dossier overrides/ "
                "(la langue wolof a besoin de overrides/partials/languages/wo.html).")
    if isinstance(error, jinja2.TemplateError):
        return f"Erreur dans un gabarit du thème : {error}. Voir la trace technique ci-dessus."
    if isinstance(error, RuntimeError) and "generating PDF" in text:
        return ("La génération du manuel PDF a échoué. Cherchez plus haut les lignes « Missing … link(s) » "
                "(un lien qui ne mène à aucune page du manuel) ou les messages de WeasyPrint. Pour construire "
                "le site sans PDF pendant une relecture : AAR_PDF=0.")
    return None


def on_build_error(error, **kwargs):
    message = explanation(error)
    if message:
        log.error(message)
