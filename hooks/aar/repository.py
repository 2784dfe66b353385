"""Where a page's source file can be edited: the forge address and the edit path, in one place.

`repo_url` and `edit_uri` live in mkdocs.yml (repository section); the environment variable
AAR_REPO_URL overrides `repo_url` so that CI on any forge publishes edit links to itself, and
AAR_EDIT_URI overrides `edit_uri` for a forge whose edit path differs. With no address at all the
site has no edit link and says nothing about a repository that it cannot name.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError

DEFAULT_EDIT_URI = "edit/main/docs/"
# GitLab and Forgejo/Gitea spell the edit path differently from GitHub.
EDIT_URI_BY_FORGE = {"gitlab": "-/edit/main/docs/", "codeberg": "_edit/main/docs/"}


@dataclass(frozen=True)
class Repository:
    repo_url: str | None
    edit_uri: str | None
    repo_name: str | None


def default_edit_uri(repo_url: str) -> str:
    host = urlsplit(repo_url).netloc.lower()
    for forge, edit_uri in EDIT_URI_BY_FORGE.items():
        if forge in host:
            return edit_uri
    return DEFAULT_EDIT_URI


def repository(repo_url: str | None, edit_uri: str | None, environ) -> Repository:
    """The forge settings the build uses, from mkdocs.yml and the environment."""
    url = (environ.get("AAR_REPO_URL") or "").strip() or (repo_url or "").strip()
    if not url:
        return Repository(None, None, None)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise PluginError(f"AAR_REPO_URL ou repo_url (mkdocs.yml) : adresse du dépôt invalide « {url} ». "
                          "Attendu : l'adresse web du dépôt, par exemple https://forge.example/organisation/aar-bakkan.")
    url = url.rstrip("/")
    edit = (environ.get("AAR_EDIT_URI") or "").strip() or edit_uri or default_edit_uri(url)
    if not edit.endswith("/"):
        edit += "/"
    name = parts.path.strip("/").split("/")[-1] or parts.netloc
    return Repository(url, edit, name)


def is_fallback(src_uri: str, language: str, default_language: str = "fr") -> bool:
    """A page of another language built from the default language's file (no translation yet)."""
    return language != default_language and src_uri.split("/", 1)[0] == default_language
