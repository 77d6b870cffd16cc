"""Allows ``python -m game`` as well as the ``spotless`` console script."""

from game.cli import main

raise SystemExit(main())
