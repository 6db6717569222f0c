"""The read-only member view plugins get, and kernel look-ups by id or pseudonym.

Plugins never see a :class:`core.tables.Member` row: it holds the e-mail
address, the password hash and the year of birth. They get a frozen
:class:`MemberView` with what other members may see (pseudonym, avatar)
plus what features need to decide (edition, language, roles, verified
health professional). Everything else goes through kernel functions that
use the private fields without returning them (:func:`core.api.send_member_email`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from core.context import active_runtime
from core.tables import Member

if TYPE_CHECKING:
    from litestar import Request

__all__ = [
    "MemberView",
    "current_member",
    "find_member",
    "get_member",
    "get_members",
    "member_foreign_key",
    "mentioned_members",
    "view_of",
    "viewer",
    "viewer_age",
]

_VIEW_COLUMNS = (Member.id, Member.pseudonym, Member.site, Member.role, Member.pro_verified)
_VIEW_NAMES = ("id", "pseudonym", "site", "role", "pro_verified", "language")


@dataclass(frozen=True)
class MemberView:
    """What a plugin may know about a member. Never e-mail, password hash or birth date.

    Attributes:
        id: Stable member id (store it in ``member_id`` columns).
        pseudonym: Public name, as typed at sign-up.
        avatar_url: Path of the avatar image (``/avatars/<id>``).
        site: Code of the member's home edition, e.g. ``"fr"``.
        language: Language to address the member in (edition default for now).
        roles: Role names, e.g. ``frozenset({"member"})`` or ``{"operator"}``.
        verified_professional: A health professional whose licence an
            operator verified (an unverified ``pro`` is not one).
    """

    id: int
    pseudonym: str
    avatar_url: str
    site: str
    language: str
    roles: frozenset[str]
    verified_professional: bool = False

    def has_role(self, role: str) -> bool:
        """Whether the member holds ``role`` (an unverified ``pro`` holds ``member``)."""
        if role == "pro":
            return self.verified_professional
        return role in self.roles or (role == "member" and "pro" in self.roles)


def _language(site_code: str, chosen: str | None = None) -> str:
    """The member's chosen language when the edition offers it, else the edition's."""
    try:
        site = active_runtime().sites.get(site_code)
    except RuntimeError:
        site = None
    if site is None:
        return chosen or "en"
    return chosen if chosen in site.languages else site.locale


def view_of(row: Member | dict[str, Any]) -> MemberView:
    """Build the view from a member row (object or ``select`` dict)."""
    values: dict[str, Any] = row if isinstance(row, dict) else {c: getattr(row, c) for c in _VIEW_NAMES}
    get = values.__getitem__
    member_id = int(get("id"))
    role = str(get("role") or "member")
    return MemberView(
        id=member_id,
        pseudonym=str(get("pseudonym")),
        avatar_url=f"/avatars/{member_id}",
        site=str(get("site")),
        language=_language(str(get("site")), values.get("language")),
        roles=frozenset({role}),
        verified_professional=role == "pro" and bool(get("pro_verified")),
    )


def viewer(request: Request[Any, Any, Any]) -> MemberView | None:
    """The logged-in member of this request, or None for a visitor."""
    state = request.scope["state"]
    row = state.get("member")
    if row is None:
        return None
    cached = state.get("member_view")
    if cached is None or cached[0] is not row:  # login/logout may swap the row mid-request
        cached = state["member_view"] = (row, view_of(row))
    return cached[1]  # type: ignore[no-any-return]


def current_member(request: Request[Any, Any, Any]) -> MemberView:
    """The logged-in member; raises :class:`core.api.LoginRequired` otherwise."""
    from core.guards import LoginRequired

    member = viewer(request)
    if member is None:
        raise LoginRequired()
    return member


async def get_member(member_id: int) -> MemberView | None:
    """One member by id, or None when there is no such (or an erased) member."""
    row = await Member.select(*_VIEW_COLUMNS).where(Member.id == int(member_id)).first()
    return view_of(row) if row else None


async def get_members(ids: Iterable[int]) -> dict[int, MemberView]:
    """Members by id, in one query; unknown ids are simply absent."""
    wanted = sorted({int(i) for i in ids})
    if not wanted:
        return {}
    rows = await Member.select(*_VIEW_COLUMNS).where(Member.id.is_in(wanted))
    return {int(r["id"]): view_of(r) for r in rows}


async def find_member(pseudonym: str, site: str | None = None) -> MemberView | None:
    """A member by pseudonym, case- and spacing-insensitive (``@Camille`` mentions).

    Args:
        pseudonym: As typed; a leading ``@`` is ignored.
        site: Only a member of this edition, when given.
    """
    from core.identity.validation import normalise_pseudonym

    key = normalise_pseudonym(pseudonym.removeprefix("@"))
    if not key:
        return None
    query = Member.select(*_VIEW_COLUMNS).where(Member.pseudonym_key == key)
    if site is not None:
        query = query.where(Member.site == site)
    row = await query.first()
    return view_of(row) if row else None


async def mentioned_members(text: str, site: str, *, limit: int = 10) -> list[MemberView]:
    """Members of ``site`` a text mentions with ``@pseudonym`` (each once, in order of mention).

    For each ``@``, the longest run of up to three words naming a member of
    the edition wins ("@Marie Claire" before "@Marie"). The caller decides
    whom to notify: typically only those who may read the text.
    """
    from core.markdown import mentioned_pseudonyms

    found: dict[int, MemberView] = {}
    for candidates in mentioned_pseudonyms(text, limit=limit):
        for name in candidates:
            member = await find_member(name, site)
            if member is not None:
                found.setdefault(member.id, member)
                break
    return list(found.values())


def member_foreign_key(*, null: bool = False, index: bool = True, set_null: bool = False) -> Any:
    """A column referencing the member, deleted with the account (``ON DELETE CASCADE``).

    Use it in a plugin table instead of importing core's member table:
    ``member = member_foreign_key()``. Erase your rows in
    ``erase_personal_data`` anyway: the cascade is a safety net.

    Args:
        null: The column may be empty.
        index: Index the column.
        set_null: Keep the row when the member is erased, with the column
            emptied (``ON DELETE SET NULL``, implies ``null``): e.g. a
            conversation participant others still see as "deleted member".
    """
    from piccolo.columns import ForeignKey, OnDelete

    on_delete = OnDelete.set_null if set_null else OnDelete.cascade
    return ForeignKey(references=Member, on_delete=on_delete, index=index, null=null or set_null)


def viewer_age(request: Request[Any, Any, Any]) -> int | None:
    """The logged-in member's age in whole years at least (from the year of birth), or None.

    For the member's *own* pages only (e.g. adult BMI bands): the year of
    birth itself never leaves the kernel, and no function gives another
    member's age.
    """
    from core.request_helpers import today

    row = request.scope["state"].get("member")
    year = getattr(row, "birth_year", None)
    return today(request).year - int(year) - 1 if year else None
