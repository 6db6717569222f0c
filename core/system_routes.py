"""Home page, health probes and avatars."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, Router, get
from litestar.exceptions import NotFoundException
from litestar.params import FromPath

from core.identity.avatars import AVATAR_CHOICES, generated_avatar_svg
from core.identity.images import AVATAR_MEDIA_TYPE
from core.render import render, runtime
from core.tables import Member

__all__ = ["router"]


@get("/", name="core:home", include_in_schema=False)
async def home(request: Request[Any, Any, Any]) -> Response[Any]:
    return await render(request, "core/pages/home.html")


@get("/healthz", name="core:healthz", tags=["system"], summary="Liveness probe")
async def healthz() -> dict[str, str]:
    """The process is up and serving requests."""
    return {"status": "ok"}


@get("/readyz", name="core:readyz", tags=["system"], summary="Readiness probe")
async def readyz(request: Request[Any, Any, Any]) -> Response[dict[str, str]]:
    """The database answers; 503 otherwise (take the worker out of rotation)."""
    try:
        await runtime(request).engine.run_ddl("SELECT 1")
    except Exception as exc:  # noqa: BLE001 - any failure means not ready
        return Response({"status": "unavailable", "database": exc.__class__.__name__}, status_code=503)
    return Response({"status": "ok", "database": "ok"})


@get("/avatars/{member_id:int}", name="core:avatar", include_in_schema=False)
async def avatar(request: Request[Any, Any, Any], member_id: FromPath[int]) -> Response[bytes]:
    """A member's avatar: uploaded (re-encoded WebP) or generated SVG."""
    row = (
        await Member.select(Member.avatar_file, Member.avatar_choice, Member.pseudonym_key)
        .where(Member.id == member_id)
        .first()
    )
    if row is None:
        raise NotFoundException()
    headers = {"Cache-Control": "private, max-age=300", "Content-Disposition": "inline"}
    if row["avatar_file"]:
        path = runtime(request).settings.data_path / "avatars" / row["avatar_file"]
        if path.is_file():
            return Response(path.read_bytes(), media_type=AVATAR_MEDIA_TYPE, headers=headers)
    svg = generated_avatar_svg(f"member-{member_id}", choice=row["avatar_choice"])
    return Response(svg.encode(), media_type="image/svg+xml", headers=headers)


@get("/avatars/choices/{choice:int}", name="core:avatar_choice", include_in_schema=False)
async def avatar_choice(choice: FromPath[int]) -> Response[bytes]:
    """Preview of a generated avatar style offered at sign-up."""
    if not 0 <= choice < AVATAR_CHOICES:
        raise NotFoundException()
    svg = generated_avatar_svg("preview", choice=choice)
    return Response(svg.encode(), media_type="image/svg+xml", headers={"Cache-Control": "public, max-age=86400"})


router = Router(path="/", route_handlers=[home, healthz, readyz, avatar, avatar_choice])
