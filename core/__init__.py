"""Entraide kernel: identity, consent, sites and the hook registry.

Everything else is a plugin. Plugins import from :mod:`core.api` only.
"""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"
