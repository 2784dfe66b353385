"""The Markdown cache (hooks/render_cache.py): a rebuild converts only what changed, gives the same site, and
still stops on a broken link or anchor."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOT, run_build

HOME = "# Accueil\n\nBienvenue.\n"
WOLOF_HOME = "---\ntranslation_status: draft\n---\n\n# Dalal\n\nDalal ak jàmm.\n"


def counts(output: str, language: str) -> tuple[int, int]:
    match = re.search(rf"Markdown \({language}\) : (\d+) pages reprises du cache, (\d+) converties", output)
    assert match, output[-3000:]
    return int(match.group(1)), int(match.group(2))


def files_of(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_the_real_site_rebuilt_from_the_cache_is_byte_identical(tmp_path):
    env = {"AAR_HTML_CACHE": str(tmp_path / "cache"), "SOURCE_DATE_EPOCH": "1764547200"}
    first = run_build(ROOT / "mkdocs.yml", tmp_path / "first", env=env)
    assert first.returncode == 0, first.output[-3000:]
    second = run_build(ROOT / "mkdocs.yml", tmp_path / "second", env=env)
    assert second.returncode == 0, second.output[-3000:]
    pages = len(list((ROOT / "docs" / "fr").rglob("*.md")))
    for language in ("fr", "wo"):
        assert counts(first.output, language) == (0, pages)
        assert counts(second.output, language) == (pages, 0)
    before, after = files_of(first.site), files_of(second.site)
    assert sorted(before) == sorted(after)
    assert [name for name in before if before[name] != after[name]] == []
    assert sum(name.endswith(".html") for name in before) > 2 * pages


def test_an_edit_converts_that_page_only_and_shows(project):
    project.page("fr/index.md", HOME, "Accueil").page("wo/index.md", WOLOF_HOME)
    project.page("fr/a.md", "# Page A\n\nVoir [B](b.md#cible).\n").page("fr/b.md", "# Page B\n\n## Cible {#cible}\n")
    assert project.build().returncode == 0
    page = project.base / "docs" / "fr" / "b.md"
    page.write_text("# Page B\n\n## Cible {#cible}\n\nTexte ajouté.\n", encoding="utf-8")
    build = project.build()
    assert build.returncode == 0, build.output
    assert counts(build.output, "fr") == (2, 1)
    assert counts(build.output, "wo") == (2, 1)          # b.md is shown in French under wo/ too
    assert "Texte ajouté." in build.html("b/index.html") and "Texte ajouté." in build.html("wo/b/index.html")
    assert 'href="../b/#cible"' in build.html("a/index.html")


def test_an_anchor_removed_from_another_page_still_stops_the_build(project):
    project.page("fr/index.md", HOME, "Accueil").page("wo/index.md", WOLOF_HOME)
    project.page("fr/a.md", "# Page A\n\nVoir [B](b.md#cible).\n").page("fr/b.md", "# Page B\n\n## Cible {#cible}\n")
    assert project.build().returncode == 0
    (project.base / "docs" / "fr" / "b.md").write_text("# Page B\n\n## Autre {#autre}\n", encoding="utf-8")
    build = project.build()
    assert counts(build.output, "fr")[0] >= 1          # a.md came from the cache
    assert build.returncode != 0
    assert "a.md" in build.output and "cible" in build.output


def test_a_broken_link_stops_every_build_not_only_the_first(project):
    project.page("fr/index.md", HOME, "Accueil").page("wo/index.md", WOLOF_HOME)
    project.page("fr/guide.md", "# Guide\n\nVoir [la liste](listes/lc-99.md).\n")
    for _ in range(2):
        build = project.build()
        assert build.returncode != 0
        assert "fr/guide.md" in build.output and "listes/lc-99.md" in build.output


def test_the_cache_can_be_turned_off(project):
    project.page("fr/index.md", HOME, "Accueil").page("wo/index.md", WOLOF_HOME)
    for _ in range(2):
        build = project.build(env={"AAR_HTML_CACHE": "0"})
        assert build.returncode == 0, build.output
        assert "Markdown (fr)" not in build.output
    assert not (project.base / ".cache" / "html").exists()
