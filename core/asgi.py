"""ASGI entry point for servers: ``uvicorn --factory core.asgi:create_app_from_env``."""

from __future__ import annotations

import sys

from litestar import Litestar

from core.app import create_app
from core.settings import load_settings

__all__ = ["create_app_from_env"]


def create_app_from_env() -> Litestar:
    """Build the app from environment settings (each worker calls this).

    Servers started without ``entraide serve`` get the same production
    refusals: one sentence on stderr, exit code 2.
    """
    from core.checks import prod_refusals

    settings = load_settings()
    if settings.env == "prod" and (problems := prod_refusals(settings)):
        print("entraide: error: refusing to start with ENTRAIDE_ENV=prod: " + "; ".join(problems), file=sys.stderr)
        raise SystemExit(2)
    return create_app(settings)
