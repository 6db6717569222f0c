"""Profile routes under ``/profile/``: one router for the editor, the vocabulary and public pages.

Static paths (``/profile/search``, ``/profile/conditions/``) win over the
public page's ``/profile/<pseudonym>``.
"""

from __future__ import annotations

from litestar import Router

from plugins.profile.catalog import CATALOG_ROUTES
from plugins.profile.editor import EDITOR_ROUTES
from plugins.profile.public import PUBLIC_ROUTES

__all__ = ["router"]

router = Router(path="/profile", route_handlers=[*EDITOR_ROUTES, *CATALOG_ROUTES, *PUBLIC_ROUTES])
