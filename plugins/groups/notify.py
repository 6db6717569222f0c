"""Events the groups emit, with ``notify`` entries for the notifications plugin.

A new reply notifies the thread's subscribers, the member it quotes and the
members it mentions (``@pseudonym``) — each once, and only if they may read
the group.
"""

from __future__ import annotations

from typing import Any

from litestar import Request

from core.api import N_, Event, emit, mentioned_members, site_of
from plugins.groups.access import can_read

__all__ = ["emit_accepted", "emit_join_request", "emit_reply", "emit_warning"]

MAX_MENTIONS = 10

MSG_REPLY = N_("%(actor)s replied in “%(thread)s”")
MSG_QUOTE = N_("%(actor)s quoted you in “%(thread)s”")
MSG_MENTION = N_("%(actor)s mentioned you in “%(thread)s”")
MSG_ACCEPTED = N_("You are now a member of the group %(group)s")
MSG_JOIN_REQUEST = N_("%(actor)s asks to join the group %(group)s")
MSG_WARNED = N_(
    "A moderator warned you about a message you wrote in the group %(group)s. Please read the community rules."
)


def _entry(member_id: int, kind: str, actor: int | None, url: str, msgid: str, **params: Any) -> dict[str, Any]:
    return {"member_id": member_id, "kind": kind, "actor_id": actor, "url": url, "msgid": msgid, "params": params}


async def _mentioned(text: str, group: dict[str, Any], actor: int) -> list[int]:
    members = await mentioned_members(text, group["site"], limit=MAX_MENTIONS)
    return [m.id for m in members if m.id != actor and await can_read(m, group)]


async def emit_reply(
    request: Request[Any, Any, Any],
    group: dict[str, Any],
    thread: dict[str, Any],
    reply_id: int,
    actor: int,
    body: str,
    *,
    subscribers: list[int],
    quoted_author: int | None,
) -> None:
    url = f"/groups/replies/{reply_id}"
    title = thread["title"]
    notify: dict[int, dict[str, Any]] = {}
    for member_id in await _mentioned(body, group, actor):
        notify[member_id] = _entry(member_id, "groups.mention", actor, url, MSG_MENTION, thread=title)
    if quoted_author and quoted_author != actor and quoted_author not in notify:
        notify[quoted_author] = _entry(quoted_author, "groups.quote", actor, url, MSG_QUOTE, thread=title)
    for member_id in subscribers:
        if member_id != actor and member_id not in notify:
            notify[member_id] = _entry(member_id, "groups.reply", actor, url, MSG_REPLY, thread=title)
    payload = {
        "group_id": group["id"],
        "thread_id": thread["id"],
        "reply_id": reply_id,
        "notify": list(notify.values()),
    }
    await emit(request, Event("groups.reply.created", site_of(request).code, actor, payload))


async def emit_accepted(request: Request[Any, Any, Any], group: dict[str, Any], member_id: int, actor: int) -> None:
    entry = _entry(member_id, "groups.accepted", actor, f"/groups/{group['id']}/", MSG_ACCEPTED, group=group["name"])
    payload = {"group_id": group["id"], "notify": [entry]}
    await emit(request, Event("groups.member.accepted", site_of(request).code, member_id, payload))


async def emit_join_request(
    request: Request[Any, Any, Any], group: dict[str, Any], member_id: int, moderators: list[int]
) -> None:
    url = f"/groups/{group['id']}/members"
    notify = [
        _entry(m, "groups.join_request", member_id, url, MSG_JOIN_REQUEST, group=group["name"]) for m in moderators
    ]
    payload = {"group_id": group["id"], "notify": notify}
    await emit(request, Event("groups.member.requested", site_of(request).code, member_id, payload))


async def emit_warning(request: Request[Any, Any, Any], group: dict[str, Any], member_id: int) -> None:
    entry = _entry(member_id, "groups.warning", None, f"/groups/{group['id']}/", MSG_WARNED, group=group["name"])
    payload = {"group_id": group["id"], "notify": [entry]}
    await emit(request, Event("groups.member.warned", site_of(request).code, member_id, payload))
