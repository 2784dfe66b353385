"""Plain functions behind the site's MkDocs hooks.

Nothing here depends on a running MkDocs build, so tests call these functions directly and the
logic can move with the content if the site generator ever changes.
"""
