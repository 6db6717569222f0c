"""Account life cycle: sign-up, login, verification, reset, deletion.

Framework-free: handlers in :mod:`core.identity.routes` parse forms and call
these functions, which validate everything first and then write in one
transaction, so an error never leaves a half-created account.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core import consent
from core.db import transaction
from core.files import write_private
from core.i18n import N_
from core.identity.avatars import AVATAR_CHOICES
from core.identity.images import AVATAR_SUFFIX, ImageRejected, process_avatar
from core.identity.passwords import check_password_policy, hash_password, needs_rehash, verify_password
from core.identity.validation import (
    normalise_email,
    normalise_pseudonym,
    validate_birth_year,
    validate_email,
    validate_pseudonym,
)
from core.tables import Member, Token

if TYPE_CHECKING:
    from core.runtime import Runtime
    from core.sites import Site

__all__ = [
    "FormErrors",
    "SignupForm",
    "authenticate",
    "change_password",
    "consume_token",
    "issue_token",
    "signup",
]

TOKEN_TTL = {"verify": timedelta(hours=24), "reset": timedelta(minutes=60), "email": timedelta(hours=24)}


class FormErrors(Exception):
    """Field -> message (English msgid, translated when rendered)."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(", ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


@dataclass
class SignupForm:
    pseudonym: str = ""
    email: str = ""
    password: str = ""
    birth_year: str = ""
    avatar_choice: str = "0"
    avatar_upload: bytes | None = None
    consents: set[str] = field(default_factory=set)


def _validate_avatar(form: SignupForm) -> tuple[bytes | None, str | None]:
    """The processed upload (or None for a built-in choice) and the problem, if any."""
    if form.avatar_upload:
        try:
            return process_avatar(form.avatar_upload), None
        except ImageRejected as exc:
            return None, str(exc)
    if not form.avatar_choice.isdigit() or not 0 <= int(form.avatar_choice) < AVATAR_CHOICES:
        return None, N_("Choose one of the avatars or upload a picture.")
    return None, None


async def _validate_signup(
    rt: Runtime, site: Site, form: SignupForm
) -> tuple[dict[str, str], int | None, bytes | None]:
    errors: dict[str, str] = {}
    if msg := validate_pseudonym(form.pseudonym):
        errors["pseudonym"] = msg
    elif await Member.exists().where(Member.pseudonym_key == normalise_pseudonym(form.pseudonym)):
        errors["pseudonym"] = N_("This pseudonym is already taken.")
    if msg := validate_email(form.email):
        errors["email"] = msg
    problems = check_password_policy(form.password, pseudonym=form.pseudonym, email=form.email)
    if problems:
        errors["password"] = problems[0]
    year, msg = validate_birth_year(form.birth_year, min_age=site.min_age, today=date.today())
    if msg:
        errors["birth_year"] = msg
    avatar, msg = _validate_avatar(form)
    if msg:
        errors["avatar"] = msg
    for purpose in rt.purposes.values():
        if purpose.required_for_signup and purpose.name not in form.consents:
            errors[f"consent_{purpose.name}"] = N_("You must accept this to create an account.")
    unknown = form.consents - set(rt.purposes)
    if unknown:
        errors["consents"] = N_("Unknown consent purpose.")
    return errors, year, avatar


async def signup(
    rt: Runtime, site: Site, form: SignupForm, *, channel: str = "web", language: str | None = None
) -> Member | None:
    """Create an account with its consents, or raise :class:`FormErrors`.

    Returns None, after the same work, when the address already has an
    account: the form must not reveal which addresses are registered, so the
    caller answers as for a new account and tells the owner by e-mail.
    """
    errors, year, avatar = await _validate_signup(rt, site, form)
    if errors:
        raise FormErrors(errors)
    if await Member.exists().where(Member.email == normalise_email(form.email)):
        hash_password(form.password)  # same cost as a real sign-up
        return None
    avatar_name = None
    if avatar is not None:
        avatar_name = f"{uuid.uuid4().hex}{AVATAR_SUFFIX}"
        write_private(rt.settings.data_path / "avatars" / avatar_name, avatar)
    member = Member(
        email=normalise_email(form.email),
        pseudonym=form.pseudonym.strip(),
        pseudonym_key=normalise_pseudonym(form.pseudonym),
        password_hash=hash_password(form.password),
        birth_year=year,
        site=site.code,
        role="member",
        avatar_choice=int(form.avatar_choice) if form.avatar_choice.isdigit() else 0,
        avatar_file=avatar_name,
        created_at=datetime.now(UTC),
    )
    try:
        async with transaction(rt.engine):
            await member.save()
            for name in sorted(form.consents):
                await consent.record(
                    member.id,
                    rt.purposes[name],
                    "grant",
                    site=site,
                    language=language or site.locale,
                    channel=channel,
                    in_transaction=True,
                )
    except Exception:
        if avatar_name:
            (rt.settings.data_path / "avatars" / avatar_name).unlink(missing_ok=True)
        raise
    return member


async def authenticate(email: str, password: str) -> Member | None:
    """The member for these credentials (rehashing an outdated hash), or None."""
    member = await Member.objects().where(Member.email == normalise_email(email)).first()
    if member is None:
        hash_password(password or "x")  # same cost whether or not the account exists
        return None
    if not verify_password(member.password_hash, password):
        return None
    if needs_rehash(member.password_hash):
        member.password_hash = hash_password(password)
    member.last_login_at = datetime.now(UTC)
    await member.save([Member.password_hash, Member.last_login_at])
    return member


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def issue_token(member_id: int, kind: str) -> str:
    """A single-use token for e-mail verification or password reset."""
    token = secrets.token_urlsafe(32)
    await Token.insert(
        Token(member=member_id, kind=kind, token_hash=_hash(token), expires_at=datetime.now(UTC) + TOKEN_TTL[kind])
    )
    return token


async def consume_token(token: str, kind: str, *, mark_used: bool = True) -> int | None:
    """The member id of a valid, unused, unexpired token (then spent)."""
    row = (
        await Token.select(Token.id, Token.member, Token.expires_at, Token.used_at)
        .where((Token.token_hash == _hash(token)) & (Token.kind == kind))
        .first()
    )
    if row is None or row["used_at"] is not None or row["expires_at"] < datetime.now(UTC):
        return None
    if mark_used:
        await Token.update({Token.used_at: datetime.now(UTC)}).where(Token.id == row["id"])
    return int(row["member"])


async def change_password(member: Member, new_password: str) -> list[str]:
    """Set a new password after policy checks; returns problems (empty = done)."""
    problems = check_password_policy(new_password, pseudonym=member.pseudonym, email=member.email)
    if problems:
        return problems
    await Member.update({Member.password_hash: hash_password(new_password)}).where(Member.id == member.id)
    return []


async def notify_password_changed(rt: Runtime, email: str, site_name: str, gettext: Any) -> None:
    """Tell the member their password changed (ASVS 2.5.5), with no secret in the mail."""
    from core.email import send_email

    _ = gettext
    await send_email(
        rt.settings,
        email,
        _("Your password has been changed"),
        _("Your %(site)s password has just been changed. If this was not you, reset it now.") % {"site": site_name},
    )


def avatar_path(rt: Runtime, member: Member) -> Path | None:
    if member.avatar_file:
        return rt.settings.data_path / "avatars" / member.avatar_file
    return None
