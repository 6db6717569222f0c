"""Reporting posts and comments, and the moderators' queue (``/wall/moderation/``).

Members report what they can read (never their own words). Moderators of
the edition and operators see the queue; anyone else gets a 404 there.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Redirect

from core.api import N_, Event, audit, audit_trail, current_member, emit, field, flash, gettext_for, render, site_of
from plugins.wall import moderation
from plugins.wall.access import comment_or_404, is_moderator, post_or_404
from plugins.wall.tables import Comment, Post
from plugins.wall.view import decorate_comments, decorate_posts

__all__ = ["moderation_handlers"]

OPT = {"login": True}
ACTIONS = ("hide", "restore", "dismiss", "warn")
MSG_WARNED = N_("A moderator warned you about something you wrote. Please read the community rules.")
Req = Request[Any, Any, Any]


async def _target(request: Req, kind: str, item_id: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """(item, its post) if the viewer can read it; 404 for unknown kinds too."""
    if kind == "post":
        row = await post_or_404(request, item_id)
        return row, row
    if kind == "comment":
        return await comment_or_404(request, item_id)
    raise NotFoundException()


def _kind(request: Req) -> str:
    """``post`` or ``comment``, from the path the handler was reached by."""
    return "comment" if "/comments/" in request.scope["path"] else "post"


@get(["/posts/{item_id:int}/report", "/comments/{item_id:int}/report"], name="wall:report", opt=OPT)
async def report_form(request: Req, item_id: FromPath[int]) -> Response[Any]:
    kind = _kind(request)
    item, parent = await _target(request, kind, item_id)
    if item["author"] == current_member(request).id:
        raise NotFoundException()
    context = {"kind": kind, "item": item, "post": parent, "reasons": moderation.REASONS, "error": None}
    return await render(request, "wall/pages/report.html", context)


@post(["/posts/{item_id:int}/report", "/comments/{item_id:int}/report"], name="wall:report_submit", opt=OPT)
async def report_submit(request: Req, item_id: FromPath[int]) -> Response[Any]:
    kind = _kind(request)
    item, parent = await _target(request, kind, item_id)
    me = current_member(request)
    if item["author"] == me.id:
        raise NotFoundException()
    _ = gettext_for(request).gettext
    form = await request.form()
    reason = field(form, "reason")
    if reason not in moderation.REASONS:
        context = {"kind": kind, "item": item, "post": parent, "reasons": moderation.REASONS}
        context["error"] = _("Choose a reason.")
        return await render(request, "wall/pages/report.html", context, status=400)
    created, hidden = await moderation.file_report(
        me.id, site_of(request).code, kind, item_id, reason, field(form, "note")
    )
    if hidden:
        await audit(request, f"wall.{kind}.auto_hidden", f"wall.{kind}:{item_id}", {"reporters": 3}, system=True)
    message = _("Thank you. Moderators will review it.") if created else _("You have already reported this.")
    return flash(Redirect("/wall/" if hidden else f"/wall/posts/{parent['id']}", status_code=303), message)


async def _moderator_or_404(request: Req) -> None:
    if not await is_moderator(request):
        raise NotFoundException()


async def _load(request: Req, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    post_ids = [i["id"] for i in items if i["kind"] == "post"]
    comment_ids = [i["id"] for i in items if i["kind"] == "comment"]
    posts = await decorate_posts(request, await Post.select().where(Post.id.is_in(post_ids))) if post_ids else []
    comments = (
        await decorate_comments(request, await Comment.select().where(Comment.id.is_in(comment_ids)))
        if comment_ids
        else []
    )
    found = {("post", p["id"]): p for p in posts} | {("comment", c["id"]): c for c in comments}
    return [i | {"content": found[(i["kind"], i["id"])]} for i in items if (i["kind"], i["id"]) in found]


async def _trail(request: Req) -> list[dict[str, Any]]:
    """The latest decisions, each with its translated label and a link to what it was about."""
    trail = await audit_trail(request, "wall.", limit=30)
    targets = [t["target"].partition(":") for t in trail]
    comment_ids = [int(ident) for kind, _, ident in targets if kind == "wall.comment" and ident.isdigit()]
    rows = await Comment.select(Comment.id, Comment.post).where(Comment.id.is_in(comment_ids)) if comment_ids else []
    post_of = {r["id"]: r["post"] for r in rows}
    for row, (kind, _, ident) in zip(trail, targets, strict=True):
        row["label"] = moderation.ACTION_LABELS.get(row["action"])
        row["kind"] = kind.removeprefix("wall.")
        number = int(ident) if ident.isdigit() else 0
        if kind == "wall.post" and number:
            row["url"] = f"/wall/posts/{number}"
        elif number in post_of:
            row["url"] = f"/wall/posts/{post_of[number]}#comment-{number}"
    return trail


@get("/moderation/", name="wall:moderation", opt=OPT)
async def queue(request: Req) -> Response[Any]:
    await _moderator_or_404(request)
    site = site_of(request).code
    items = await _load(request, await moderation.open_items(site))
    trail = await _trail(request)
    context = {"items": items, "reasons": moderation.REASONS, "trail": trail}
    return await render(request, "wall/pages/moderation.html", context)


@post(
    ["/moderation/posts/{item_id:int}/{action:str}", "/moderation/comments/{item_id:int}/{action:str}"],
    name="wall:moderate",
    opt=OPT,
)
async def moderate(request: Req, item_id: FromPath[int], action: FromPath[str]) -> Response[Any]:
    await _moderator_or_404(request)
    kind = _kind(request)
    if action not in ACTIONS:
        raise NotFoundException()
    item, _parent = await _target(request, kind, item_id)
    _ = gettext_for(request).gettext
    if action == "warn":
        entry = {
            "member_id": item["author"],
            "kind": "wall.warning",
            "actor_id": None,
            "url": f"/wall/posts/{_parent['id']}",
            "msgid": MSG_WARNED,
            "params": {},
        }
        await emit(request, Event("wall.author.warned", site_of(request).code, item["author"], {"notify": [entry]}))
    else:
        await moderation.decide(kind, item_id, action)
    note = field(await request.form(), "note")[:300]
    await audit(request, f"wall.{kind}.{action}", f"wall.{kind}:{item_id}", {"author": item["author"], "note": note})
    return flash(Redirect("/wall/moderation/", status_code=303), _("Decision recorded."))


moderation_handlers = [report_form, report_submit, queue, moderate]
