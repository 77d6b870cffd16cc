"""The pure-Python engine: world model, parser, actions, rules and saving.

Nothing in this package may import pygame (a test enforces it): the window and the terminal are
only frontends that present what the engine reports.
"""
