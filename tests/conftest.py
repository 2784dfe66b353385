"""Shared fixtures: the real site built once, and throwaway projects for failure modes.

Builds run `mkdocs build` in a subprocess, as a reviewer or CI would, into temporary folders.
"""

from __future__ import annotations

import functools
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "scripts"))


@dataclass
class Build:
    returncode: int
    output: str
    site: Path

    def html(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")


def build_command(config_file: Path, site: Path, pdf: bool = False, env: dict | None = None) -> tuple[list, dict]:
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "AAR_PDF": "1" if pdf else "0", **(env or {})}
    return ([sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config_file),
             "--site-dir", str(site)], environment)


def run_build(config_file: Path, site: Path, pdf: bool = False, env: dict | None = None) -> Build:
    command, environment = build_command(config_file, site, pdf, env)
    result = subprocess.run(command, capture_output=True, text=True, env=environment, cwd=config_file.parent)
    return Build(result.returncode, result.stdout + result.stderr, site)


class Background:
    """A command started once for the whole run, as soon as the tests are collected, whatever the number of
    pytest-xdist workers: the first worker to claim it starts it, and every test that needs its result waits
    for its exit status file."""

    def __init__(self, folder: Path, name: str, command: list, env: dict, cwd: Path):
        self.command = command
        self.log, self.status = folder / f"{name}.log", folder / f"{name}.status"
        try:
            claim = os.open(folder / f"{name}.claim", os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            return  # another worker started it
        script = 'status=0; "$@" > "$LOG" 2>&1 || status=$?; echo $status > "$STATUS.tmp"; mv "$STATUS.tmp" "$STATUS"'
        process = subprocess.Popen(["sh", "-c", script, "sh", *command], cwd=cwd, start_new_session=True,
                                   env={**env, "LOG": str(self.log), "STATUS": str(self.status)})
        os.write(claim, str(process.pid).encode())
        os.close(claim)

    def wait(self, timeout: float = 1500) -> subprocess.CompletedProcess:
        deadline = time.monotonic() + timeout
        while not self.status.exists():
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.command} still running after {timeout} s")
            time.sleep(1)
        output = self.log.read_text(encoding="utf-8", errors="replace")
        return subprocess.CompletedProcess(self.command, int(self.status.read_text()), output, "")


BACKGROUND = pytest.StashKey[dict]()
# Where the background jobs write, shared by the controller and the pytest-xdist workers it starts.
SHARED = "AAR_TESTS_SHARED"
# Fixtures whose tests wait for the real site: the other tests run first, while it builds.
SITE_FIXTURES = {"site"}


def pytest_configure(config):
    if not hasattr(config, "workerinput") and SHARED not in os.environ:
        os.environ[SHARED] = tempfile.mkdtemp(prefix="aar-tests-")   # inherited by the workers
        config.stash[BACKGROUND] = {"owner": True}


def pytest_unconfigure(config):
    """In the process that made the shared folder: stop what still runs (an interrupted run), remove it."""
    if not config.stash.get(BACKGROUND, {}).get("owner"):
        return
    folder = Path(os.environ.pop(SHARED))
    for claim in folder.glob("*.claim"):
        pid = claim.read_text().strip()
        if pid.isdigit() and not claim.with_suffix(".status").exists():
            try:
                os.killpg(int(pid), signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
    shutil.rmtree(folder, ignore_errors=True)


def pytest_collection_modifyitems(session, config, items):
    items.sort(key=lambda item: bool(SITE_FIXTURES & set(getattr(item, "fixturenames", ()))))


def pytest_collection_finish(session):
    """Start the two long builds (the real site with its PDFs, scripts/check on the repository) in the
    background: they run while the tests that need neither run."""
    if session.config.option.collectonly:
        return
    names = {name for item in session.items for name in getattr(item, "fixturenames", ())}
    folder = Path(os.environ[SHARED])
    started = session.config.stash.get(BACKGROUND, {})
    if "site" in names and not os.environ.get("AAR_TEST_SITE"):
        command, environment = build_command(ROOT / "mkdocs.yml", folder / "site", pdf=True)
        started["site"] = Background(folder, "site", command, environment, ROOT)
    if "real_check" in names:
        from test_reviewers import real_check_command

        command, environment = real_check_command(folder / "checked")
        started["real_check"] = Background(folder, "real_check", command, environment, ROOT)
    session.config.stash[BACKGROUND] = started


def background(request, name: str) -> Background | None:
    return request.config.stash.get(BACKGROUND, {}).get(name)


def write_docs(tmp_path: Path, files: dict[str, str]) -> Path:
    """A docs folder of given pages (path under docs/ -> text), with an empty wo/ when none is given."""
    docs = tmp_path / "docs"
    for name, text in files.items():
        path = docs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (docs / "wo").mkdir(parents=True, exist_ok=True)
    return docs


def only(problems: list[str]) -> str:
    """The one problem found (the test fails, listing them, when there are none or several)."""
    assert len(problems) == 1, problems
    return problems[0]


@functools.lru_cache(maxsize=None)
def pdf_pages(path: Path, layout: bool = False) -> tuple[str, ...]:
    """The text of each page of a PDF, read once per session with poppler's pdftotext: a 500-page manual in
    seconds, where pypdf takes minutes. `layout` keeps a line's columns together (a table of contents line and
    its page number). pdftotext writes U+202F as a plain space: typography tests use pypdf."""
    options = ["-layout"] if layout else []
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", *options, str(path), "-"], capture_output=True,
                            check=True)
    pages = result.stdout.decode("utf-8").split("\f")
    return tuple(pages[:-1] if pages and not pages[-1].strip() else pages)


def real_config_text(nav: list | None = None, drop_nav: bool = False) -> str:
    """The project's mkdocs.yml, with the navigation replaced (navigation is its last section)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    head, _, _ = text.partition("\nnav:\n")
    if drop_nav:
        return head + "\n"
    return head + "\n" + yaml.safe_dump({"nav": nav or []}, allow_unicode=True, sort_keys=False)


PROJECT_MANUALS = """manuals:
  - id: manuel-complet
    file: aar-bakkan.pdf
    title: {fr: "Manuel complet"}
    audience: {fr: "Toutes les pages du projet."}
    navigation: true
"""


class Project:
    """A throwaway copy of the project: real configuration, hooks, overrides and data, given pages."""

    def __init__(self, base: Path, copy_data: bool = False):
        self.base = base
        base.mkdir(parents=True, exist_ok=True)
        for name in ("hooks", "overrides", "pdf"):
            (base / name).symlink_to(ROOT / name)
        if copy_data:
            shutil.copytree(ROOT / "data", base / "data")
        else:
            (base / "data").mkdir()
            for path in (ROOT / "data").iterdir():
                (base / "data" / path.name).symlink_to(path)
        # The real manuals name documents a throwaway project does not have: it prints its complete manual only.
        (base / "data" / "manuals.yml").unlink()
        (base / "data" / "manuals.yml").write_text(PROJECT_MANUALS, encoding="utf-8")
        (base / "docs" / "fr").mkdir(parents=True)
        (base / "docs" / "wo").mkdir(parents=True)
        (base / "docs" / "fr" / "assets").symlink_to(ROOT / "docs" / "fr" / "assets")
        self.nav: list = []

    def page(self, path: str, text: str, nav_title: str | None = None, in_nav: bool = True) -> "Project":
        target = self.base / "docs" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        language, _, relative = path.partition("/")
        entry = {nav_title: relative} if nav_title else relative
        if in_nav and language == "fr" and entry not in self.nav:
            self.nav.append(entry)
        return self

    def build(self, pdf: bool = False, env: dict | None = None, config_text: str | None = None) -> Build:
        config = self.base / "mkdocs.yml"
        config.write_text(config_text or real_config_text(self.nav), encoding="utf-8")
        return run_build(config, self.base / "site", pdf=pdf, env=env)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, started once for every browser test (scripts/chromium.py)."""
    from playwright.sync_api import sync_playwright

    from chromium import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def project(tmp_path) -> Project:
    return Project(tmp_path / "project")


@pytest.fixture(scope="session")
def site(request, tmp_path_factory) -> Build:
    """The real site with both PDFs, built once for the session (in the background from the start).

    AAR_TEST_SITE=/path/to/site reuses a site built from the same tree, to iterate on tests quickly.
    """
    reuse = os.environ.get("AAR_TEST_SITE")
    if reuse:
        return Build(0, "", Path(reuse))
    job = background(request, "site")
    if job is not None:
        result = job.wait()
        build = Build(result.returncode, result.stdout, Path(job.command[-1]))
    else:
        build = run_build(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("real") / "site", pdf=True)
    assert build.returncode == 0, build.output[-5000:]
    return build
