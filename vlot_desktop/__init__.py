"""VLOT Desktop: the desktop application of the Flemish support teams (VLOT)."""

__version__ = "0.1.0"
