"""Print how far each Wolof page is from one a Wolof-only reader can act on (scripts/wolof-report).

For every Wolof page, lagging ones included: its translation status, whether it follows the current
French version, its words, the French ones left alone and their share (at most 2 %), the French words in
safety lines; then the French words most often left alone with their locked Wolof form (data/terms.yml),
the refused variants of locked terms (Wolof pages and the Wolof columns of French pages, such as the
radio messages of DIR-21), and the charts that still lack a Wolof text. The build and scripts/check stop
only on up-to-date pages that are not `machine` (hooks/aar/wolof.py); this report shows everything.

Usage: python scripts/wolof_report.py [--detail] [--page PATH] [--docs-dir DIR] [--data-dir DIR]
Exit status 0 (a report, not a check).
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from aar import wolof  # noqa: E402


def percent(value: float) -> str:
    return f"{value * 100:.1f}".replace(".", ",") + " %"


def verdict(report: wolof.PageReport) -> str:
    over = report.share.ratio > wolof.THRESHOLD
    if not report.up_to_date:
        return "en retard sur le français : à refaire" + (" (au-dessus de 2 %)" if over else "")
    if report.problems:
        return "arrête la construction"
    if report.status in wolof.EXEMPT_STATUSES and (over or report.share.safety):
        return "machine : au-dessus de 2 % ou français en ligne de sécurité (signalé, non bloquant)"
    return "conforme"


def report_lines(docs_dir: Path, data_dir: Path, detail: bool = False, page: str | None = None) -> list[str]:
    reports = wolof.page_reports(docs_dir, data_dir)
    if page:
        reports = [r for r in reports if r.path == page or r.path.endswith(page)]
    lines = ["Français laissé seul sur les pages wolof (au plus 2 % des mots ; noms, sigles, titres de loi et "
             "gloses entre parenthèses non comptés)", ""]
    header = f"{'Page':40} {'Statut':10} {'À jour':7} {'Mots':>6} {'Français':>9} {'Part':>8} {'Sécurité':>9}  Verdict"
    lines += [header, "-" * len(header)]
    words = french = 0
    counts: collections.Counter = collections.Counter()
    suggestion: dict[str, str] = {}
    for report in reports:
        share = report.share
        words += share.words
        french += share.french_words
        for word in share.french:
            key = word.text.lower()
            counts[key] += word.count
            suggestion.setdefault(key, word.suggestion)
        lines.append(f"{report.path:40} {report.status:10} {'oui' if report.up_to_date else 'non':7} {share.words:>6} "
                     f"{share.french_words:>9} {share.percent():>8} {sum(w.count for w in share.safety):>9}  "
                     f"{verdict(report)}")
        if detail:
            for line, items in wolof._grouped(share.french):
                lines.append(f"    ligne {line} : {items}")
    lines += ["", f"Total : {len(reports)} pages, {words} mots, {french} mots français laissés seuls "
                  f"({percent(french / words if words else 0)})."]
    if counts:
        top = [f"{w} ({n})" + (f" → {suggestion[w]}" if suggestion[w] else "") for w, n in counts.most_common(25)]
        lines += ["", "Mots français les plus fréquents (→ forme verrouillée de data/terms.yml) :", "  " + " ; ".join(top)]
    variants = [p for r in reports for p in r.variants]
    if not page:
        variants += wolof.wolof_columns_variants(docs_dir, data_dir)
    lines += ["", f"Formes refusées des termes verrouillés : {len(variants)}"]
    lines += [f"  - {p}" for p in sorted(variants, key=lambda p: (p.path, p.line or 0))]
    if not page:
        charts = wolof.data_problems(data_dir, wolof.build_lexicon(docs_dir, data_dir))
        lines += ["", f"Textes wolof des données (arbres de décision, libellés) à compléter : {len(charts)}"]
        lines += [f"  - {p}" for p in charts]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--detail", action="store_true", help="les mots français de chaque page, ligne par ligne")
    parser.add_argument("--page", help="une seule page, par exemple docs/wo/listes/lc-03.md (détail compris)")
    parser.add_argument("--docs-dir", type=Path, default=ROOT / "docs")
    parser.add_argument("--data-dir", type=Path, default=ROOT / "data")
    args = parser.parse_args(argv)
    print("\n".join(report_lines(args.docs_dir, args.data_dir, args.detail or bool(args.page), args.page)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
