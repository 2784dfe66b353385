"""Renderers of the generated blocks, one module per family; importing registers them."""

from . import centres, control, downloads, flowchart, reference  # noqa: F401
