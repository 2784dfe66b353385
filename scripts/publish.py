"""Publish the site's current edition with mike, and mark every older edition as superseded.

Each approved edition stays readable at its own address (/2026.1/, /2026.2/ …); `latest` points to
the newest and the site's root opens it. The edition number is `extra.edition` in mkdocs.yml: a
pull request that raises it publishes a new address when it is merged, and the previous edition's
pages then carry a banner, in the page's language, that says which edition replaced it, with a link
to the same page in the current edition. The banner is written into the published pages (no script:
it shows on a phone without JavaScript and in a page saved for offline use); the PDFs of an old
edition are left as they are (their cover names their edition).

Usage: python scripts/publish.py [--push] [--remote origin] [--branch gh-pages] [--config-file mkdocs.yml]
mike builds the site with its PDFs (AAR_PDF=0 skips them, for tests).
"""

from __future__ import annotations

import argparse
import json
import os
import posixpath
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LATEST = "latest"
EDITION = re.compile(r"^\d{4}\.\d+$")
_HTML_LANG = re.compile(r'<html\b[^>]*\blang="([\w-]+)"')
_HEADER = re.compile(r'<header\b[^>]*class="md-header')
_BANNER = re.compile(r'<aside class="[^"]*\baar-superseded\b.*?</aside>\n?', re.S)


class PublishError(Exception):
    """A French message for the person who publishes."""


def edition_of(config_file: Path) -> str:
    """`extra.edition` of mkdocs.yml, read as text (the file holds Python tags that safe YAML refuses)."""
    text = config_file.read_text(encoding="utf-8")
    extra = re.search(r"^extra:\n((?:[ \t].*\n|\s*\n)*)", text, re.M)
    match = re.search(r"^\s+edition:\s*['\"]?([^'\"\s#]+)", extra.group(1), re.M) if extra else None
    if not match:
        raise PublishError("mkdocs.yml : « extra.edition » introuvable (par exemple edition: \"2026.1\").")
    edition = match.group(1)
    if not EDITION.match(edition):
        raise PublishError(f"mkdocs.yml : « extra.edition » vaut « {edition} » ; attendu ANNÉE.NUMÉRO, par exemple 2026.2.")
    return edition


def run(command: list, cwd: Path, env: dict | None = None) -> str:
    result = subprocess.run([str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise PublishError(f"la commande « {' '.join(map(str, command[:3]))} … » a échoué :\n"
                           + (result.stdout + result.stderr)[-3000:])
    return result.stdout


def mike(*args: str) -> list[str]:
    return [str(Path(sys.executable).parent / "mike"), *args]


def deploy(project: Path, config_file: Path, edition: str, branch: str) -> None:
    """Build the edition with mike and commit it to `branch`, as the default (latest) edition."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1",
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    common = ["--config-file", str(config_file), "--branch", branch]
    run(mike("deploy", *common, "--update-aliases", "--alias-type", "redirect", "--ignore-remote-status",
             "--title", f"Édition {edition}", "--message", f"Publication de l'édition {edition}", edition, LATEST),
        project, env)
    run(mike("set-default", *common, "--ignore-remote-status", "--message", f"Édition par défaut : {LATEST}", LATEST),
        project, env)


def editions(versions: list[dict]) -> tuple[str, list[str]]:
    """(current edition, superseded editions) from mike's versions.json."""
    current = next((v["version"] for v in versions if LATEST in v.get("aliases", [])), versions[0]["version"])
    return current, [v["version"] for v in versions if v["version"] != current]


def banner_href(site: Path, page: Path, edition: str, current: str) -> str:
    """The same page in the current edition if it still exists, else the current edition's home page."""
    relative = page.relative_to(site / edition).as_posix()
    language_home = "wo/index.html" if relative.startswith("wo/") else "index.html"
    target = relative if (site / current / relative).is_file() else language_home
    href = posixpath.relpath(f"{current}/{target}", posixpath.dirname(f"{edition}/{relative}"))
    return href[:-len("index.html")] if href.endswith("index.html") else href


def mark_page(html: str, banner: str) -> str:
    """The page with exactly one superseded banner, right before the header."""
    html = _BANNER.sub("", html)
    header = _HEADER.search(html)
    if header is None:
        return html
    return html[:header.start()] + banner + "\n" + html[header.start():]


def mark_superseded(site: Path, render, refresh=None) -> list[str]:
    """Write the banner into every page of every superseded edition; the editions changed. `refresh`
    (aar.offline.refresh_offline) then stamps each changed edition again, so that its offline lists hold the
    pages as they now are and phones that saved it take the marked pages."""
    versions = json.loads((site / "versions.json").read_text(encoding="utf-8"))
    current, old = editions(versions)
    changed = []
    for edition in old:
        touched = False
        for page in sorted((site / edition).rglob("*.html")):
            if page.name == "404.html":
                continue
            html = page.read_text(encoding="utf-8")
            language = (_HTML_LANG.search(html) or [None, "fr"])[1]
            banner = render("superseded.html", language, edition=edition, latest=current,
                            href=banner_href(site, page, edition, current))
            marked = mark_page(html, banner)
            if marked != html:
                page.write_text(marked, encoding="utf-8")
                touched = True
        if touched:
            changed.append(edition)
            if refresh is not None and (site / edition / "offline").is_dir():
                refresh(site / edition)
    return changed


def mark_branch(project: Path, branch: str) -> list[str]:
    """Check the published branch out in a temporary work tree, mark old editions, commit."""
    sys.path.insert(0, str(project / "hooks"))
    from aar.offline import refresh_offline
    from aar.templates import render

    with tempfile.TemporaryDirectory(prefix="aar-publish-") as temporary:
        tree = Path(temporary) / "site"
        run(["git", "worktree", "add", "--quiet", tree, branch], project)
        try:
            changed = mark_superseded(tree, render, refresh_offline)
            if changed:
                run(["git", "add", "--all"], tree)
                run(["git", "commit", "--quiet", "--message",
                     "Éditions remplacées : " + ", ".join(changed)], tree)
        finally:
            run(["git", "worktree", "remove", "--force", tree], project)
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--push", action="store_true", help="pousse la branche publiée vers le dépôt distant")
    parser.add_argument("--remote", default="origin")
    parser.add_argument("--branch", default="gh-pages", help="branche où les éditions sont publiées")
    parser.add_argument("--config-file", type=Path, default=ROOT / "mkdocs.yml")
    args = parser.parse_args(argv)
    config_file = args.config_file.resolve()
    project = config_file.parent
    try:
        edition = edition_of(config_file)
        print(f"Publication de l'édition {edition} sur la branche {args.branch}…")
        deploy(project, config_file, edition, args.branch)
        changed = mark_branch(project, args.branch)
        if changed:
            print("Éditions marquées comme remplacées : " + ", ".join(changed) + ".")
        if args.push:
            run(["git", "push", args.remote, args.branch], project)
            print(f"Branche {args.branch} poussée vers {args.remote}.")
    except PublishError as error:
        print(f"Erreur : {error}", file=sys.stderr)
        return 1
    print(f"Édition {edition} publiée à l'adresse …/{edition}/ ; l'adresse …/{LATEST}/ et la racine du site y mènent.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
