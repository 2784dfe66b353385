"""Printed copies: one PDF per controlled document and per language, and manuals assembled from them.

The pieces, in the order a build uses them: `address` (where printed copies point to), `manuals` (which
document goes in which manual, data/manuals.yml), `sheets` (the print HTML of a document), `render`
(WeasyPrint in a process pool, with a cache keyed on content), `assemble` (manuals from rendered documents)
and `fonts` (one copy of each font in a manual). hooks/print.py drives them.
"""
