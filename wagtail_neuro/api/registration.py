"""What the REST feeds set up when Django starts (called from ``AppConfig.ready``)."""

from __future__ import annotations

__all__ = ["register"]


def register() -> None:
    """Add the package's routes to Wagtail's API v3."""
    from . import v3

    v3.register()
