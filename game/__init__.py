"""Spotless Mind: a parser text adventure played inside a mind being erased."""

__version__ = "0.1.0"
