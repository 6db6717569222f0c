"""Storing, listing and marking notifications; preferences; digests (no web framework here)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from core.api import prepared
from plugins.notifications.kinds import KIND_PATTERN
from plugins.notifications.tables import Notification, Preference

__all__ = [
    "PAGE",
    "Entry",
    "due_for_digest",
    "erase_member",
    "export_member",
    "get_preferences",
    "mark_all_read",
    "mark_emailed",
    "mark_read",
    "page_of",
    "parse_notify",
    "preferences_of",
    "set_preferences",
    "store",
    "unread_counts",
]

PAGE = 20
MAX_ENTRIES = 200
DEFAULT = (True, False)  # in the site: yes; e-mail digest: no


@dataclass(frozen=True)
class Entry:
    """One validated ``payload["notify"]`` item."""

    member_id: int
    kind: str
    actor_id: int | None
    url: str
    msgid: str
    params: dict[str, str | int | float]


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2**31 else None


def _url(value: Any) -> str:
    ok = isinstance(value, str) and value.startswith("/") and not value.startswith("//") and len(value) <= 300
    return value if ok and "\\" not in value and "\n" not in value else "/notifications/"


def _params(value: Any) -> dict[str, str | int | float]:
    if not isinstance(value, dict):
        return {}
    return {
        str(k)[:30]: (v[:200] if isinstance(v, str) else v)
        for k, v in list(value.items())[:10]
        if isinstance(k, str) and isinstance(v, str | int | float) and not isinstance(v, bool)
    }


def parse_notify(raw: Any) -> list[Entry]:
    """Valid entries of a ``notify`` list; malformed ones are skipped (a plugin bug must not break others)."""
    if not isinstance(raw, list):
        return []
    entries = []
    for item in raw[:MAX_ENTRIES]:
        if not isinstance(item, dict):
            continue
        member_id, kind, msgid = _int(item.get("member_id")), item.get("kind"), item.get("msgid")
        if member_id is None or not isinstance(kind, str) or not KIND_PATTERN.match(kind):
            continue
        if not isinstance(msgid, str) or not 0 < len(msgid) <= 300:
            continue
        actor = _int(item.get("actor_id"))
        entries.append(Entry(member_id, kind, actor, _url(item.get("url")), msgid, _params(item.get("params"))))
    return entries


def _key(member_id: int, kind: str) -> str:
    return f"{member_id}:{kind}"


async def preferences_of(pairs: Iterable[tuple[int, str]]) -> dict[tuple[int, str], tuple[bool, bool]]:
    """(in the site, e-mail digest) for each (member, kind); defaults for pairs never set."""
    wanted = set(pairs)
    found: dict[tuple[int, str], tuple[bool, bool]] = dict.fromkeys(wanted, DEFAULT)
    if wanted:
        rows = await Preference.select(Preference.member, Preference.kind, Preference.in_site, Preference.email).where(
            Preference.pref_key.is_in(sorted(_key(m, k) for m, k in wanted))
        )
        for row in rows:
            found[(row["member"], row["kind"])] = (row["in_site"], row["email"])
    return found


async def get_preferences(member_id: int) -> dict[str, tuple[bool, bool]]:
    rows = await Preference.select(Preference.kind, Preference.in_site, Preference.email).where(
        Preference.member == member_id
    )
    return {r["kind"]: (r["in_site"], r["email"]) for r in rows}


async def set_preferences(member_id: int, choices: dict[str, tuple[bool, bool]]) -> None:
    """Store the member's choices for these kinds (defaults are stored as no row)."""
    if not choices:  # a form listing no kind the member is offered: nothing to change
        return
    await Preference.delete().where((Preference.member == member_id) & Preference.kind.is_in(sorted(choices)))
    rows = [
        Preference(member=member_id, kind=kind, pref_key=_key(member_id, kind), in_site=in_site, email=email)
        for kind, (in_site, email) in choices.items()
        if (in_site, email) != DEFAULT
    ]
    if rows:
        await Preference.insert(*rows)


async def store(site: str, entries: list[Entry], now: datetime) -> list[int]:
    """Store entries per the recipients' preferences; returns recipients whose badge changed."""
    prefs = await preferences_of((e.member_id, e.kind) for e in entries)
    rows = []
    for e in entries:
        in_site, email = prefs[(e.member_id, e.kind)]
        if not (in_site or email):
            continue
        rows.append(
            Notification(
                member=e.member_id,
                site=site,
                kind=e.kind,
                actor=e.actor_id,
                url=e.url,
                msgid=e.msgid,
                params=e.params,
                created_at=now,
                shown=in_site,
                email_due=email,
            )
        )
    if rows:
        await Notification.insert(*rows)
    return sorted({int(r.member) for r in rows if r.shown})


def _unread(member_id: int) -> Any:
    return (Notification.member == member_id) & (Notification.shown == True) & Notification.read_at.is_null()  # noqa: E712


#: Unread notifications of one member: the navigation badge on every signed-in page, built once.
_UNREAD = prepared(lambda p: Notification.count().where(_unread(p.member_id)))


async def unread_counts(member_ids: Iterable[int]) -> dict[int, int]:
    ids = sorted(set(member_ids))
    counts = dict.fromkeys(ids, 0)
    for member_id in ids:
        row = await _UNREAD.first(member_id=member_id)
        counts[member_id] = int(row["count"]) if row else 0
    return counts


async def page_of(member_id: int, page: int) -> tuple[list[dict[str, Any]], bool]:
    rows = (
        await Notification.select()
        .where((Notification.member == member_id) & (Notification.shown == True))  # noqa: E712
        .order_by(Notification.id, ascending=False)
        .offset((page - 1) * PAGE)
        .limit(PAGE + 1)
    )
    return rows[:PAGE], len(rows) > PAGE


async def mark_read(member_id: int, notification_id: int, now: datetime) -> dict[str, Any] | None:
    """The member's notification, marked read (None when it is not theirs)."""
    row = (
        await Notification.select()
        .where((Notification.id == notification_id) & (Notification.member == member_id) & (Notification.shown == True))  # noqa: E712
        .first()
    )
    if row is not None and row["read_at"] is None:
        await Notification.update({Notification.read_at: now}).where(Notification.id == notification_id)
        row["read_at"] = now
    return row


async def mark_all_read(member_id: int, now: datetime) -> int:
    count = int(await Notification.count().where(_unread(member_id)))
    await Notification.update({Notification.read_at: now}).where(_unread(member_id))
    return count


async def due_for_digest(site: str | None = None) -> dict[int, list[dict[str, Any]]]:
    """Notifications waiting for an e-mail digest, per member, oldest first."""
    where: Any = Notification.email_due == True  # noqa: E712
    if site:
        where &= Notification.site == site
    rows = await Notification.select().where(where).order_by(Notification.id)
    found: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        found.setdefault(row["member"], []).append(row)
    return found


async def mark_emailed(ids: list[int], now: datetime) -> None:
    if ids:
        await Notification.update({Notification.email_due: False, Notification.emailed_at: now}).where(
            Notification.id.is_in(ids)
        )


async def export_member(member_id: int) -> dict[str, Any]:
    rows = await Notification.select(
        Notification.id,
        Notification.kind,
        Notification.url,
        Notification.msgid,
        Notification.params,
        Notification.created_at,
        Notification.read_at,
        Notification.emailed_at,
    ).where(Notification.member == member_id)
    prefs = await get_preferences(member_id)
    return {
        "notifications": rows,
        "preferences": [{"kind": k, "in_site": v[0], "email_digest": v[1]} for k, v in sorted(prefs.items())],
    }


async def erase_member(member_id: int) -> None:
    """Their notifications and preferences go; where they were the actor, others see "deleted member"."""
    await Notification.delete().where(Notification.member == member_id)
    await Notification.update({Notification.actor: None}).where(Notification.actor == member_id)
    await Preference.delete().where(Preference.member == member_id)
