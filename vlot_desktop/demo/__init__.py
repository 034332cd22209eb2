"""Seeded generator of realistic demo data (small, medium, large). No Qt.

``load_demo`` (in ``loader``) is the entry point; the same seed and 'today' give byte-identical
data. Modules: ``generator`` (order of the run), one module per area (``people``, ``housing``,
``prospects``, ``cases``, ``helpdesk``, ``activity``), their Dutch texts (``*_texts``, ``names``,
``geography``), and the plumbing (``context``, ``timeline``, ``writer``, ``sizes``).
"""
