"""Where printed copies point to: the site's public address, for QR codes and page footers.

The public address is not decided yet. `extra.public_url` in mkdocs.yml holds a placeholder under a domain
reserved for examples (RFC 2606: `.example`, `.test`, `.invalid`, `.localhost`, example.com/net/org), and the
environment variable AAR_PUBLIC_URL overrides it at build time. While the address is a placeholder, every QR
code says so in its caption, so that nobody trusts a code that leads nowhere.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..problems import Problem

ENVIRONMENT = "AAR_PUBLIC_URL"
RESERVED_SUFFIXES = (".example", ".test", ".invalid", ".localhost")
RESERVED_NAMES = ("example", "test", "invalid", "localhost", "example.com", "example.net", "example.org")


@dataclass(frozen=True)
class PublicAddress:
    base: str            # scheme, host and path, ending with "/"
    placeholder: bool    # True while the address is one reserved for examples

    def page(self, url: str) -> str:
        """The public address of a site path such as `listes/lc-02/` or `wo/pdf/x.pdf`."""
        return self.base + url.lstrip("/")

    @staticmethod
    def shown(address: str) -> str:
        """An address as printed under a QR code: without `https://`."""
        return address.split("://", 1)[-1]


def is_placeholder(host: str) -> bool:
    host = host.lower().rstrip(".")
    return host in RESERVED_NAMES or host.endswith(RESERVED_SUFFIXES) or any(
        host.endswith("." + name) for name in ("example.com", "example.net", "example.org"))


def public_address(extra: dict, environ=os.environ) -> tuple[PublicAddress | None, list[Problem]]:
    """The address from AAR_PUBLIC_URL or mkdocs.yml's `extra.public_url`, or the problem with it."""
    from_environment = bool(environ.get(ENVIRONMENT, "").strip())
    value = environ.get(ENVIRONMENT, "").strip() if from_environment else extra.get("public_url")
    where = f"variable d'environnement {ENVIRONMENT}" if from_environment else "mkdocs.yml, extra.public_url"
    expected = ("attendu une adresse complète qui finit par « / », par exemple https://protocoles.example/ "
                "(domaine réservé aux exemples tant que l'adresse publique n'est pas décidée)")
    if not isinstance(value, str) or not value.strip():
        return None, [Problem(where, None, f"adresse publique absente ; {expected}.")]
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment \
            or not value.strip().endswith("/"):
        return None, [Problem(where, None, f"adresse publique « {value} » invalide ; {expected}.")]
    return PublicAddress(value.strip(), is_placeholder(parts.hostname)), []
