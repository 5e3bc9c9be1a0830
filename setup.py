"""Packaging beyond pyproject.toml: a wheel carries the working folder a new office starts
from (params/, data/, notebooks/) as package data in ``simulation/bundle/``, so that an
installed ``jamsos init`` can write it anywhere. An editable install reads them from the
checkout instead."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SHIPPED = ("params", "data", "notebooks")
LEFT_OUT = shutil.ignore_patterns("private", "__pycache__", ".ipynb_checkpoints", "*.pyc")


class BuildWithBundle(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        bundle = Path(self.build_lib) / "simulation" / "bundle"
        for folder in SHIPPED:
            target = bundle / folder
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(folder, target, ignore=LEFT_OUT)
        for private in (bundle / "params" / "local").glob("*"):  # an office's own overrides
            if private.name != "README.md":
                shutil.rmtree(private) if private.is_dir() else private.unlink()


setup(cmdclass={"build_py": BuildWithBundle})
