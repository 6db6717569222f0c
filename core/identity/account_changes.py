"""Changes a member makes to their own account: pseudonym, avatar, e-mail address, language.

Rules (why they exist):

- the pseudonym changes at most once per 30 days, so that members can keep
  recognising each other and nobody hides behind a new name after a quarrel;
- a new e-mail address is used only once its owner opened the link sent to
  it, and the old address is told, so a stolen session cannot quietly take
  the account over; the form asks for the password first (ASVS 3.7.1);
- an address that already has an account is never revealed: the page says
  the same thing, and that address's owner is told instead (as at sign-up).

Messages are English msgids marked with ``N_`` (translated when shown).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from core.email import readdress_outbox_file
from core.files import write_private
from core.i18n import N_
from core.identity import service
from core.identity.avatars import AVATAR_CHOICES
from core.identity.images import AVATAR_SUFFIX, ImageRejected, process_avatar
from core.identity.passwords import verify_password
from core.identity.validation import normalise_email, normalise_pseudonym, validate_email, validate_pseudonym
from core.tables import Member, OutboxEmail

if TYPE_CHECKING:
    from core.runtime import Runtime
    from core.settings import Settings

__all__ = [
    "PSEUDONYM_INTERVAL",
    "EmailChange",
    "change_avatar",
    "change_pseudonym",
    "confirm_email_change",
    "keep_mails_with_account",
    "next_pseudonym_change",
    "request_email_change",
    "set_language",
]

PSEUDONYM_INTERVAL = timedelta(days=30)


def next_pseudonym_change(member: Member, now: datetime | None = None) -> datetime | None:
    """When the member may change their pseudonym again (None: now)."""
    changed = member.pseudonym_changed_at
    if changed is None:
        return None
    allowed = changed + PSEUDONYM_INTERVAL
    return allowed if allowed > (now or datetime.now(UTC)) else None


async def change_pseudonym(member: Member, new: str) -> str | None:
    """Rename the member; returns the problem (msgid) or None when done."""
    new = new.strip()
    if new == member.pseudonym:
        return N_("This is already your pseudonym.")
    if next_pseudonym_change(member):
        return N_("You can change your pseudonym once every 30 days.")
    if problem := validate_pseudonym(new):
        return problem
    key = normalise_pseudonym(new)
    if key != member.pseudonym_key and await Member.exists().where(Member.pseudonym_key == key):
        return N_("This pseudonym is already taken.")
    await Member.update(
        {Member.pseudonym: new, Member.pseudonym_key: key, Member.pseudonym_changed_at: datetime.now(UTC)}
    ).where(Member.id == member.id)
    return None


async def change_avatar(rt: Runtime, member: Member, choice: str, upload: bytes | None) -> str | None:
    """A built-in avatar or an uploaded picture (re-encoded, metadata stripped); the old file is deleted."""
    name = None
    if upload:
        try:
            data = process_avatar(upload)
        except ImageRejected as exc:
            return str(exc)
        name = f"{uuid.uuid4().hex}{AVATAR_SUFFIX}"
        write_private(rt.settings.data_path / "avatars" / name, data)
    elif not choice.isdigit() or not 0 <= int(choice) < AVATAR_CHOICES:
        return N_("Choose one of the avatars or upload a picture.")
    values: dict[Any, Any] = {Member.avatar_file: name}
    if name is None:
        values[Member.avatar_choice] = int(choice)
    await Member.update(values).where(Member.id == member.id)
    old = service.avatar_path(rt, member)
    if old is not None:
        old.unlink(missing_ok=True)
    return None


class EmailChange:
    """Outcome of asking for a new address: what to send and to whom (the caller sends it)."""

    def __init__(self, address: str, token: str | None) -> None:
        self.address = address
        #: None when the address belongs to another account: its owner gets a notice, no link.
        self.token = token


async def request_email_change(member: Member, new: str, password: str) -> tuple[dict[str, str], EmailChange | None]:
    """Check the form; remember the pending address and issue its link (24 hours)."""
    errors: dict[str, str] = {}
    if not verify_password(member.password_hash, password):
        errors["email_password"] = N_("Your password is incorrect.")
    if problem := validate_email(new):
        errors["new_email"] = problem
    elif normalise_email(new) == member.email:
        errors["new_email"] = N_("This is already your e-mail address.")
    if errors:
        return errors, None
    address = normalise_email(new)
    if await Member.exists().where(Member.email == address):
        return {}, EmailChange(address, None)
    await Member.update({Member.pending_email: address}).where(Member.id == member.id)
    return {}, EmailChange(address, await service.issue_token(member.id, "email"))


async def confirm_email_change(token: str) -> tuple[int, str, str] | None:
    """Switch to the pending address; ``(member id, old, new)``, or None if the link is not valid."""
    member_id = await service.consume_token(token, "email", mark_used=False)
    if member_id is None:
        return None
    row = await Member.select(Member.email, Member.pending_email).where(Member.id == member_id).first()
    if row is None or not row["pending_email"]:
        return None
    old, new = row["email"], row["pending_email"]
    if await Member.exists().where((Member.email == new) & (Member.id != member_id)):
        return None  # someone signed up with it in the meantime
    await service.consume_token(token, "email")
    await Member.update({Member.email: new, Member.email_verified: True, Member.pending_email: None}).where(
        Member.id == member_id
    )
    return member_id, old, new


async def keep_mails_with_account(settings: Settings, old: str, new: str) -> None:
    """Re-address the e-mails sent to the old address (table and outbox file), so export and erasure find them."""
    await OutboxEmail.update({OutboxEmail.to_email: new}).where(OutboxEmail.to_email == old)
    readdress_outbox_file(settings, old, new)


async def set_language(member_id: int, language: str) -> None:
    await Member.update({Member.language: language}).where(Member.id == member_id)
