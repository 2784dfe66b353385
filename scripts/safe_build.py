"""Build a MkDocs project into a folder without ever leaving it half-written.

MkDocs writes pages as it goes, and a strict build only fails at the end. The build therefore
goes to a temporary sibling folder, which replaces the target only when the build succeeded;
on failure the target is left exactly as it was.

Usage: python scripts/safe_build.py [--config-file mkdocs.yml] [--site-dir site]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def build_atomically(config_file: Path, site_dir: Path, extra_env: dict[str, str] | None = None) -> int:
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=".site-build.", dir=site_dir.parent))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    try:
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict",
             "--config-file", str(config_file), "--site-dir", str(temporary)],
            env=env,
        )
        if result.returncode != 0:
            print(f"\nLa construction a échoué : {site_dir} n'a pas été modifié.", file=sys.stderr)
            return result.returncode
        previous = site_dir.with_name(site_dir.name + ".old")
        shutil.rmtree(previous, ignore_errors=True)
        if site_dir.exists():
            site_dir.rename(previous)
        temporary.rename(site_dir)
        shutil.rmtree(previous, ignore_errors=True)
        return 0
    finally:
        shutil.rmtree(temporary, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--site-dir", type=Path, default=Path("site"))
    args = parser.parse_args(argv)
    return build_atomically(args.config_file, args.site_dir)


if __name__ == "__main__":
    sys.exit(main())
