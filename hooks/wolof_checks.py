"""Stop the build when an up-to-date Wolof page leaves French alone or breaks the term base (issue 11).

A Wolof-only reader cannot act on « choc », « pouls » or « étape 4 ». The checks (hooks/aar/wolof.py)
hold every Wolof page that follows the current French version, and every chart such a page shows, to the
term base of data/terms.yml: at most 2 % of French words left alone, none in a safety line, no refused
variant, charts and card steps complete. A Wolof page behind its French source is not held to them (its
banner says it lags); `scripts/wolof-report` prints every page's share.
"""

from __future__ import annotations

from pathlib import Path

from aar.problems import raise_once
from aar.wolof import check_tree


# Both languages are built from the same files: checked once per process and change.
_CHECKED: set = set()


def on_pre_build(config):
    raise_once(_CHECKED, Path(config.docs_dir), check_tree)
