"""ASGI entry point for servers: ``uvicorn --factory core.asgi:create_app_from_env``."""

from __future__ import annotations

from litestar import Litestar

from core.app import create_app

__all__ = ["create_app_from_env"]


def create_app_from_env() -> Litestar:
    """Build the app from environment settings (each worker calls this)."""
    return create_app()
