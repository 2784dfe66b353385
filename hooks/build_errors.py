"""Explain in French the build failures that come from the tools rather than from our own checks.

Our hooks stop the build with French messages; the PDF engine (mkdocs-with-pdf, WeasyPrint) fails
with an English RuntimeError whose details are in the log lines above it. Reviewers get a French
explanation of what to look for, next to the technical trace.
"""

from __future__ import annotations

import logging

log = logging.getLogger("mkdocs.hooks.build_errors")


def explanation(error: BaseException) -> str | None:
    text = str(error)
    if isinstance(error, RuntimeError) and "generating PDF" in text:
        return ("La génération du manuel PDF a échoué. Cherchez plus haut les lignes « Missing … link(s) » "
                "(un lien qui ne mène à aucune page du manuel) ou les messages de WeasyPrint. Pour construire "
                "le site sans PDF pendant une relecture : AAR_PDF=0.")
    return None


def on_build_error(error, **kwargs):
    message = explanation(error)
    if message:
        log.error(message)
