"""Check a change before it is proposed: the one command a pull request must pass (scripts/check).

Prints each result with its duration, then the total against its budget (60 s on a 2-core machine;
no PDF is built):

- Wolof orthography basics (hooks/aar/orthography.py), which the build does not stop on;
- a strict build without PDF, which runs every check the build stops on: document contract, markers,
  raw HTML and outside resources, personal data, Unicode NFC and invisible characters, French–Wolof
  structure of up-to-date translations, safety rules between protocols and checklists
  (hooks/content_checks.py), the Wolof vocabulary checks (hooks/wolof_checks.py), links and
  anchors, navigation, templates;
- translation impact: the Wolof pages that a change of French version leaves behind, compared
  with a git base (--base, AAR_BASE, or origin/main, HEAD~1, HEAD in that order).

With --fast (pre-commit), the build's content checks run directly instead of the build (seconds,
no link check). The build runs its content checks once per language, so the full check does not
run them a third time on its own.

Usage: python scripts/check.py [--fast] [--fix] [--base REF] [--summary FILE] [--site-dir DIR]
                               [--config-file mkdocs.yml]
Exit status 0 when everything passes, 1 otherwise (or when --fix changed a file).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUDGET_SECONDS = 60
DEFAULT_BASES = ("origin/main", "HEAD~1", "HEAD")
BUILD_TITLE = ("Construction stricte sans PDF (contrat, HTML, données personnelles, Unicode, structure FR–WO, "
               "règles de sécurité, vocabulaire wolof, liens et ancres)")


@dataclass
class Step:
    title: str
    ok: bool
    seconds: float
    lines: list[str] = field(default_factory=list)
    skipped: bool = False


@dataclass(frozen=True)
class Lag:
    """A Wolof page left behind by a change of its French source's version."""

    wolof: str
    french: str
    followed: str
    before: str
    after: str

    def __str__(self) -> str:
        return (f"{self.wolof} suit la version {self.followed} ; {self.french} est passé de la version "
                f"{self.before} à la version {self.after}.")


# --------------------------------------------------------------------------------------------
# Project paths and imports
# --------------------------------------------------------------------------------------------

def docs_dir_of(config_file: Path) -> Path:
    match = re.search(r"^docs_dir:\s*['\"]?([^'\"\s#]+)", config_file.read_text(encoding="utf-8"), re.M)
    return config_file.parent / (match.group(1) if match else "docs")


def use_hooks_of(project: Path) -> None:
    """Import the project's own hooks (a throwaway project's hooks folder may be a link)."""
    hooks = str(project / "hooks")
    if hooks not in sys.path:
        sys.path.insert(0, hooks)


def fmt(seconds: float) -> str:
    return f"{seconds:.1f}".replace(".", ",") + " s"


# --------------------------------------------------------------------------------------------
# Steps
# --------------------------------------------------------------------------------------------

def fix_files(docs_dir: Path, data_dir: Path) -> list[str]:
    """Normalise pages and data files to NFC without invisible characters; the files changed."""
    from aar.privacy import content_files, normalise

    changed = []
    for path, name in content_files(docs_dir, data_dir):
        text = path.read_text(encoding="utf-8")
        fixed = normalise(text)
        if fixed != text:
            path.write_text(fixed, encoding="utf-8")
            changed.append(name)
    return changed


def shown(problems) -> list[str]:
    """Problems in file and line order (a problem without a line comes first in its file)."""
    return [str(p) for p in sorted(set(problems), key=lambda p: (p.path, p.line or 0, p.message))]


def content_step(docs_dir: Path) -> Step:
    import content_checks

    start = time.monotonic()
    problems = shown(content_checks.check_tree(docs_dir))
    return Step("Contenu des pages et des données (contrat, HTML, données personnelles, Unicode, structure "
                "FR–WO, règles de sécurité)", not problems, time.monotonic() - start, problems)


def orthography_step(docs_dir: Path, data_dir: Path) -> Step:
    from aar.orthography import check_tree

    start = time.monotonic()
    problems = shown(check_tree(docs_dir, data_dir))
    return Step("Orthographe wolof (alphabet officiel, graphies à la française)", not problems,
                time.monotonic() - start, problems)


def vocabulary_step(docs_dir: Path, data_dir: Path) -> Step | None:
    """The Wolof team's checks (hooks/aar/wolof.py: French left alone, locked terms), which the build also runs."""
    try:
        from aar.wolof import check_tree
    except ImportError:
        return None
    start = time.monotonic()
    problems = shown(check_tree(docs_dir, data_dir))
    return Step("Vocabulaire wolof (termes verrouillés, français laissé seul)", not problems,
                time.monotonic() - start, problems)


def build_step(config_file: Path, site_dir: Path | None) -> Step:
    start = time.monotonic()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "AAR_PDF": "0"}
    with tempfile.TemporaryDirectory(prefix="aar-check-") as temporary:
        target = site_dir or Path(temporary) / "site"
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config_file),
             "--site-dir", str(target)],
            cwd=config_file.parent, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output = result.stdout.splitlines()
    lines = [line for line in output if line.strip() and not line.startswith("INFO")]
    return Step(BUILD_TITLE, result.returncode == 0, time.monotonic() - start, lines if result.returncode else [])


def git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def resolve_base(root: Path, requested: str | None) -> tuple[str, str] | None:
    """(name, commit) of the comparison point: the merge base of the base and HEAD when there is one."""
    candidates = [requested] if requested else [c for c in (os.environ.get("AAR_BASE"), *DEFAULT_BASES) if c]
    for name in candidates:
        commit = git(root, "rev-parse", "--verify", "--quiet", f"{name}^{{commit}}")
        if commit:
            merge_base = git(root, "merge-base", commit.strip(), "HEAD")
            return name, (merge_base or commit).strip()
    return None


def files_at(root: Path, commit: str, paths: list[str]) -> dict[str, str]:
    """The text of each path at a commit (absent paths are left out), in one `git cat-file` call."""
    request = "".join(f"{commit}:{path}\n" for path in paths).encode("utf-8")
    try:
        output = subprocess.run(["git", "cat-file", "--batch"], cwd=root, input=request, capture_output=True,
                                timeout=60, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    texts, position = {}, 0
    for path in paths:
        end = output.index(b"\n", position)
        header = output[position:end].split()
        position = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            texts[path] = output[position:position + size].decode("utf-8")
            position += size + 1
    return texts


def translation_impact(docs_dir: Path, base_commit: str) -> list[Lag]:
    """Wolof pages whose French source changed version since `base_commit` and that do not follow it."""
    from aar.contract import DEFAULT_LANGUAGE, read_catalogue
    from aar.frontmatter import read_front_matter

    top = git(docs_dir, "rev-parse", "--show-toplevel")
    if top is None:
        return []
    prefix = docs_dir.resolve().relative_to(Path(top.strip()).resolve()).as_posix()
    catalogue = read_catalogue(docs_dir)
    documents = sorted(catalogue.french.values(), key=lambda d: d.path)
    previous = files_at(docs_dir, base_commit, [f"{prefix}/{DEFAULT_LANGUAGE}/{d.relative}" for d in documents])
    lags = []
    for document in documents:
        after = document.meta.get("version")
        old = previous.get(f"{prefix}/{DEFAULT_LANGUAGE}/{document.relative}")
        if old is None:
            continue  # a new document: no translation can lag behind it yet
        before = read_front_matter(old).meta.get("version")
        if before == after:
            continue
        for language in sorted({d.language for d in catalogue.documents} - {DEFAULT_LANGUAGE}):
            translation = catalogue.by_path.get((language, document.relative))
            if translation and translation.meta.get("source_version") != after:
                lags.append(Lag(translation.path, document.path, str(translation.meta.get("source_version")),
                                str(before), str(after)))
    return lags


def impact_step(docs_dir: Path, requested_base: str | None) -> Step:
    start = time.monotonic()
    base = resolve_base(docs_dir, requested_base)
    title = "Impact sur les traductions"
    if base is None:
        wanted = requested_base or "ni " + " ni ".join(DEFAULT_BASES)
        return Step(title, True, time.monotonic() - start, [
            f"base git introuvable ({wanted}) : impact non calculé. Indiquez la branche de départ avec --base."],
            skipped=True)
    name, commit = base
    lags = translation_impact(docs_dir, commit)
    lines = [f"comparé à {name} ({commit[:12]})."]
    if lags:
        lines.append(f"{len(lags)} page(s) wolof en retard après ce changement ; elles afficheront « Traduction en "
                     "retard sur le français » jusqu'à leur mise à jour (à signaler dans la demande de fusion) :")
        lines += [f"  - {lag}" for lag in lags]
    else:
        lines.append("aucune page wolof n'est mise en retard par ce changement.")
    return Step(title, True, time.monotonic() - start, lines)


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------

def print_report(steps: list[Step], total: float, fixed: list[str]) -> None:
    if fixed:
        print("Fichiers corrigés (Unicode NFC, caractères invisibles retirés) :")
        for name in fixed:
            print(f"  - {name}")
    for step in steps:
        mark = "–" if step.skipped else ("✓" if step.ok else "✗")
        print(f"{mark} {step.title} : {fmt(step.seconds)}")
        for line in step.lines:
            print(f"    {line}")
    failed = [s for s in steps if not s.ok]
    verdict = "tout est conforme" if not failed and not fixed else (
        f"{len(failed)} étape(s) en échec" if failed else "fichiers corrigés : relisez-les et ajoutez-les")
    print(f"\nRésultat : {verdict}.")
    print(f"Durée de la vérification : {fmt(total)} (budget : {BUDGET_SECONDS} s).")


def markdown_summary(steps: list[Step], total: float) -> str:
    rows = ["## Vérification (scripts/check)", "", "| Étape | Résultat | Durée |", "| --- | --- | --- |"]
    for step in steps:
        result = "non lancée" if step.skipped else ("conforme" if step.ok else "en échec")
        rows.append(f"| {step.title} | {result} | {fmt(step.seconds)} |")
    rows += ["", f"Durée totale : {fmt(total)} (budget : {BUDGET_SECONDS} s).", ""]
    for step in steps:
        if step.lines and (not step.ok or step.title.startswith("Impact")):
            rows += [f"### {step.title}", "", *[f"- {line.strip().removeprefix('- ')}" for line in step.lines], ""]
    return "\n".join(rows) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fast", action="store_true",
                        help="sans construire le site (pre-commit) : contenu et données personnelles, orthographe "
                             "et vocabulaire wolof, impact ; pas de contrôle des liens")
    parser.add_argument("--fix", action="store_true",
                        help="met les pages et les données en Unicode NFC et retire les caractères invisibles")
    parser.add_argument("--base", help="branche ou commit de départ pour l'impact sur les traductions "
                                       "(défaut : AAR_BASE, origin/main, HEAD~1, puis HEAD)")
    parser.add_argument("--summary", type=Path, help="ajoute un résumé en Markdown à ce fichier (demande de fusion)")
    parser.add_argument("--site-dir", type=Path, help="garde le site construit dans ce dossier")
    parser.add_argument("--config-file", type=Path, default=ROOT / "mkdocs.yml")
    args = parser.parse_args(argv)

    started = time.monotonic()
    config_file = args.config_file.resolve()
    project = config_file.parent
    use_hooks_of(project)
    docs_dir = docs_dir_of(config_file)
    data_dir = project / "data"
    fixed = fix_files(docs_dir, data_dir) if args.fix else []

    if args.fast:
        steps = [content_step(docs_dir), orthography_step(docs_dir, data_dir)]
        vocabulary = vocabulary_step(docs_dir, data_dir) if steps[0].ok else None
        steps += [vocabulary] if vocabulary else []
        steps.append(Step("Construction stricte sans PDF (liens et ancres, navigation, gabarits)", True, 0.0,
                          ["non lancée (--fast) : lancez scripts/check sans --fast avant la demande de fusion."],
                          skipped=True))
    else:
        steps = [orthography_step(docs_dir, data_dir),
                 build_step(config_file, args.site_dir.resolve() if args.site_dir else None)]
    steps.append(impact_step(docs_dir, args.base))

    total = time.monotonic() - started
    print_report(steps, total, fixed)
    if args.summary:
        with args.summary.open("a", encoding="utf-8") as summary:
            summary.write(markdown_summary(steps, total))
    return 0 if all(s.ok for s in steps) and not fixed else 1


if __name__ == "__main__":
    sys.exit(main())
