"""Tutti's version, for `tutti --version`, the application object and the About box."""

from __future__ import annotations


def tutti_version() -> str:
    """The installed version of Tutti."""
    from importlib.metadata import PackageNotFoundError, version  # here: `tutti` opens the window without it

    try:
        return version("tutti-planner")
    except PackageNotFoundError:
        return "0.0.0+source"
