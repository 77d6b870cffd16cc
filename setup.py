"""Build step that the declarative ``pyproject.toml`` can't express: copy the built-in campaign
(``levels/spotless``), the authors' guide and ``assets/`` into the wheel as ``game/_data``, so an
installed game finds them through ``importlib.resources`` (see ``game/resources.py``) while the
repository keeps them as top-level folders. Editable installs skip the copy: they read the
repository itself."""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
DATA = [("levels/spotless", "levels/spotless"), ("levels/README.md", "levels/README.md"),
        ("assets", "assets")]
SKIP = shutil.ignore_patterns("__pycache__", "*.pyc", ".*")


class BuildWithData(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "game" / "_data"
        for src, dst in DATA:
            s, d = HERE / src, target / dst
            if s.is_dir():
                shutil.copytree(s, d, ignore=SKIP, dirs_exist_ok=True)
            else:
                d.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(s, d)


setup(cmdclass={"build_py": BuildWithData})
