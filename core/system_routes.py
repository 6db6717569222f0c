"""Home page, health probes and avatars."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, Router, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Redirect

from core.identity.avatars import AVATAR_CHOICES, generated_avatar_svg
from core.identity.forms import safe_next
from core.identity.images import AVATAR_MEDIA_TYPE
from core.middleware import LANG_COOKIE
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


@post("/lang", name="core:language", include_in_schema=False)
async def choose_language(request: Request[Any, Any, Any]) -> Response[Any]:
    """Switch between the edition's languages (e.g. French/German in Switzerland)."""
    form = await request.form()
    language = str(form.get("lang", ""))
    site = request.scope["state"]["site"]
    if language not in site.languages:
        offered = ", ".join(site.languages)
        return Response({"status_code": 400, "detail": f"{site.name} is offered in: {offered}"}, status_code=400)
    member = request.scope["state"].get("member")
    if member is not None:  # a signed-in member's choice is remembered with the account
        await Member.update({Member.language: language}).where(Member.id == member.id)
    response: Response[Any] = Redirect(safe_next(str(form.get("next", "/"))), status_code=303)
    response.set_cookie(LANG_COOKIE, language, max_age=365 * 24 * 3600, httponly=True, samesite="lax", path="/")
    return response


router = Router(path="/", route_handlers=[choose_language, home, healthz, readyz, avatar, avatar_choice])
