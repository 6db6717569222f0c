"""A member's profile as others see it: ``/profile/<pseudonym>`` (HTML) and ``…/data.json``.

The viewer sees what the owner opened to them: everything for the owner,
"friends" and "all members" items for a friend (asked through
``friends.is_friend``), "all members" items for anyone else of the edition.
Health fields are shown only while the owner grants the health-data consent.
An unknown pseudonym, a member of another edition and a block in either
direction (``friends.blocked``) all answer 404, so nobody learns more.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from litestar import Request, Response, get
from litestar.exceptions import NotFoundException
from litestar.params import FromPath

from core.api import (
    MemberView,
    allowed,
    current_member,
    find_member,
    has_consent,
    locale_of,
    render,
    render_markdown,
    site_of,
)
from plugins.profile import services
from plugins.profile.fields import levels_for, since_display
from plugins.profile.services import Item, ProfileData
from plugins.profile.vocabulary import vocabulary

__all__ = ["PUBLIC_ROUTES", "Visible", "visible_profile"]

OPT = {"login": True}


@dataclass(frozen=True)
class Visible:
    """The part of a profile one viewer may see."""

    owner: MemberView
    relation: str  # "owner" | "friend" | "member"
    bio: str
    conditions: list[Item]
    symptoms: list[Item]
    treatments: list[Item]
    health_hidden: bool  # the owner withdrew the health-data consent


async def _owner(request: Request[Any, Any, Any], pseudonym: str) -> tuple[MemberView, str]:
    viewer = current_member(request)
    owner = await find_member(pseudonym[:60], site=site_of(request).code)
    if owner is None:
        raise NotFoundException()
    if owner.id == viewer.id:
        return owner, "owner"
    if await allowed(request, "friends.blocked", owner.id):
        raise NotFoundException()
    return owner, "friend" if await allowed(request, "friends.is_friend", owner.id) else "member"


async def visible_profile(request: Request[Any, Any, Any], pseudonym: str) -> Visible:
    owner, relation = await _owner(request, pseudonym)
    levels = levels_for(relation)
    data: ProfileData = await services.load(owner.id)
    health = await has_consent(owner.id, "core.health_data")

    def keep(items: list[Item]) -> list[Item]:
        return [i for i in items if i.visibility in levels] if health else []

    return Visible(
        owner=owner,
        relation=relation,
        bio=data.bio if data.bio_visibility in levels else "",
        conditions=keep(data.conditions),
        symptoms=keep(data.symptoms),
        treatments=keep(data.treatments),
        health_hidden=not health,
    )


@get("/{pseudonym:str}", name="profile:public", opt=OPT)
async def public(request: Request[Any, Any, Any], pseudonym: FromPath[str]) -> Response[Any]:
    seen = await visible_profile(request, pseudonym)
    lang = locale_of(request)
    context = {
        "seen": seen,
        "vocab": vocabulary(),
        "bio_html": render_markdown(seen.bio),
        "since_display": lambda value: since_display(value, lang),
    }
    args = {"member_id": seen.owner.id, "pseudonym": seen.owner.pseudonym}
    return await render(request, "profile/pages/public.html", context, slot_args=args)


def _coded(items: list[Item], lang: str) -> list[dict[str, Any]]:
    vocab = vocabulary()
    out = []
    for item in items:
        concept = vocab.get(item.code or "")
        out.append({"code": item.code, "label": concept.label(lang) if concept else item.code, "since": item.since})
    return out


@get("/{pseudonym:str}/data.json", name="profile:public_json", opt=OPT)
async def public_json(request: Request[Any, Any, Any], pseudonym: FromPath[str]) -> dict[str, Any]:
    """The same as the page, as JSON (labels in the page language)."""
    seen = await visible_profile(request, pseudonym)
    lang = locale_of(request)
    return {
        "pseudonym": seen.owner.pseudonym,
        "avatar_url": seen.owner.avatar_url,
        "bio": seen.bio,
        "conditions": _coded(seen.conditions, lang),
        "symptoms": _coded(seen.symptoms, lang),
        "treatments": [{"name": i.name, "since": i.since} for i in seen.treatments],
    }


PUBLIC_ROUTES = [public, public_json]
