"""Reading and checking the "new conversation" and reply forms.

Every refusal is a sentence in the member's language and nothing is stored.
Unknown pseudonyms, members of another edition and members in a block with
the writer get the same answer, so the form reveals neither blocks nor
other editions' members.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from litestar import Request

from core.api import MemberView, find_member, formats_for, gettext_for, site_of
from plugins.messages.services import MAX_BODY, MAX_PARTICIPANTS, MAX_SUBJECT

__all__ = ["Draft", "check_body", "read_draft", "split_pseudonyms"]

MAX_TO_FIELD = 2000


def split_pseudonyms(raw: str) -> list[str]:
    """``"Camille, @Lena ,camille"`` → ``["Camille", "Lena"]`` (first spelling kept, order kept)."""
    seen: dict[str, str] = {}
    for part in raw.replace(";", ",").split(","):
        name = " ".join(part.strip().removeprefix("@").split())
        if name and name.casefold() not in seen:
            seen[name.casefold()] = name
    return list(seen.values())


def text_of(form: Any, name: str) -> str:
    value = form.get(name, "")
    return value.replace("\x00", "").replace("\r\n", "\n") if isinstance(value, str) else ""


def check_body(request: Request[Any, Any, Any], body: str) -> str | None:
    """Why a message body is refused, or None."""
    _ = gettext_for(request).gettext
    if not body.strip():
        return _("Write a message before sending.")
    if len(body) > MAX_BODY:
        number = formats_for(request).number
        return _("Your message is too long: %(count)s characters, at most %(max)s.") % {
            "count": number(len(body)),
            "max": number(MAX_BODY),
        }
    return None


@dataclass
class Draft:
    """A "new conversation" form as typed, with its recipients and errors."""

    to: str = ""
    subject: str = ""
    body: str = ""
    recipients: list[MemberView] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)


async def read_draft(request: Request[Any, Any, Any], me: MemberView, form: Any, blocked: set[int]) -> Draft:
    """Parse and check the form; ``draft.errors`` is empty when it can be sent."""
    _ = gettext_for(request).gettext
    draft = Draft(to=text_of(form, "to")[:MAX_TO_FIELD], subject=" ".join(text_of(form, "subject").split()))
    draft.body = text_of(form, "body").strip("\n")
    names = split_pseudonyms(draft.to)
    if not names:
        draft.errors["to"] = _("Add at least one member to write to.")
    elif len(names) > MAX_PARTICIPANTS - 1:
        draft.errors["to"] = _("A conversation has at most %(max)s participants, you included.") % {
            "max": MAX_PARTICIPANTS
        }
    else:
        await _resolve(request, me, names, blocked, draft)
    if len(draft.subject) > MAX_SUBJECT:
        draft.errors["subject"] = _("The subject is too long: at most %(max)s characters.") % {"max": MAX_SUBJECT}
    problem = check_body(request, draft.body)
    if problem:
        draft.errors["body"] = problem
    return draft


async def _resolve(
    request: Request[Any, Any, Any], me: MemberView, names: list[str], blocked: set[int], draft: Draft
) -> None:
    _ = gettext_for(request).gettext
    unknown = []
    for name in names:
        member = await find_member(name, site=site_of(request).code)
        if member is not None and member.id == me.id:
            draft.errors["to"] = _("You cannot write to yourself.")
            return
        if member is None or member.id in blocked:
            unknown.append(name)
        elif all(r.id != member.id for r in draft.recipients):
            draft.recipients.append(member)
    if unknown:
        draft.errors["to"] = _("No member called %(names)s on this site.") % {"names": ", ".join(unknown)}
