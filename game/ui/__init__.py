"""Frontends: they present what the engine reports and turn input into commands."""
