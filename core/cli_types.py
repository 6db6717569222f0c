"""Declaration of a CLI sub-command contributed by a plugin."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["CliCommand"]


@dataclass(frozen=True)
class CliCommand:
    """``entraide <name> …``: ``setup`` adds arguments, ``run`` returns an exit code."""

    name: str
    help: str
    setup: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]
