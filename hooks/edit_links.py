"""Give every page a "Proposer une modification" link to its own source file on the forge.

Reviewers (magistrates, nurses, Wolof speakers) correct a page from the browser: the link opens
the forge's editor on the file the page was built from — docs/wo/… for a Wolof page, docs/fr/… for
a French page and for a Wolof page still shown in French (the link then says it edits the French
text). MkDocs computes the address from `repo_url` + `edit_uri` + the source path, which under
static-i18n's folder layout already includes the language folder; this hook only applies
AAR_REPO_URL / AAR_EDIT_URI (hooks/aar/repository.py) and drops `edit_uri` when there is no forge
address, so that no page points to a repository that does not exist. The link itself is the theme
partial overrides/partials/actions.html; overrides/partials/source.html keeps the header's
repository link from calling the forge's API from the reader's phone.
"""

from __future__ import annotations

import os

from aar.repository import repository


def on_config(config):
    forge = repository(config.repo_url, config.edit_uri, os.environ)
    config.repo_url, config.edit_uri = forge.repo_url, forge.edit_uri
    if forge.repo_url and not config.repo_name:
        config.repo_name = forge.repo_name
    return config
