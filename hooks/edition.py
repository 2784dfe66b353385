"""Edition, source date and source revision of the site.

Printed copies outlive the website, so the footer and every PDF cover say which edition, build
date and source revision they come from. The date comes from the last commit, never from the
clock (SOURCE_DATE_EPOCH, which MkDocs also honours), so the same commit gives the same site.
"""

from __future__ import annotations

import os
import subprocess
from datetime import datetime, timezone
from pathlib import Path

from mkdocs.plugins import event_priority

from aar.project import ROOT, current_language
from aar.templates import labels


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() if result.returncode == 0 and result.stdout.strip() else None


def source_epoch(root: Path) -> int | None:
    """Commit time of HEAD, or None outside a Git checkout."""
    value = _git(root, "log", "-1", "--format=%ct")
    return int(value) if value else None


def source_revision(root: Path) -> str:
    value = _git(root, "describe", "--always", "--dirty", "--abbrev=12")
    if not value:
        return "inconnue"
    return value.replace("-dirty", " (modifications locales)")


def build_info(edition: str, epoch: int | None, revision: str) -> dict[str, str]:
    when = datetime.fromtimestamp(epoch, timezone.utc) if epoch is not None else datetime.now(timezone.utc)
    return {"edition": str(edition), "date": when.date().isoformat(), "revision": revision}


@event_priority(100)
def on_config(config):
    if "SOURCE_DATE_EPOCH" not in os.environ:
        epoch = source_epoch(ROOT)
        if epoch is not None:
            os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    config.extra["aar_build"] = build_info(
        config.extra.get("edition", "?"), int(epoch) if epoch else None, source_revision(ROOT)
    )
    return config


def on_env(env, config, files):
    """Give theme templates the project's labels in the language being built."""
    env.globals["aar_labels"] = labels(current_language(config))
    return env
