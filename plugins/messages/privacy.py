"""Export and erasure of a member's private messages.

Export: the conversations the member is in (with the other participants'
pseudonyms as the member saw them), the messages they wrote and the reports
they filed. Erasure: their messages and reports are deleted; their
participant rows stay, without the member, so the others see "deleted
member"; a conversation nobody can read any more is deleted.
"""

from __future__ import annotations

from typing import Any

from core.api import get_members, reset_rate_limit, transaction
from plugins.messages.tables import Conversation, Message, Participant, Report

__all__ = ["erase_member", "export_member", "rate_key"]


def rate_key(member_id: int) -> str:
    """Budget key of new conversations started by a member."""
    return f"messages.new:{int(member_id)}"


async def export_member(member_id: int) -> dict[str, Any]:
    mine = await Participant.select(
        Participant.conversation, Participant.joined_at, Participant.left_at, Participant.last_read_id
    ).where(Participant.member == member_id)
    conv_ids = sorted({r["conversation"] for r in mine})
    convs = await Conversation.select().where(Conversation.id.is_in(conv_ids)) if conv_ids else []
    people = (
        await Participant.select(Participant.conversation, Participant.member).where(
            Participant.conversation.is_in(conv_ids)
        )
        if conv_ids
        else []
    )
    names = await get_members(p["member"] for p in people if p["member"] is not None)
    membership = {r["conversation"]: r for r in mine}
    conversations = [
        {
            "conversation_id": c["id"],
            "edition": c["site"],
            "subject": c["subject"],
            "group": c["is_group"],
            "started_at": c["created_at"],
            "joined_at": membership[c["id"]]["joined_at"],
            "left_at": membership[c["id"]]["left_at"],
            "participants": ", ".join(
                names[p["member"]].pseudonym if p["member"] in names else "deleted member"
                for p in people
                if p["conversation"] == c["id"] and p["member"] != member_id
            ),
        }
        for c in convs
    ]
    written = await Message.select(
        Message.id, Message.conversation, Message.body, Message.created_at, Message.removed_at
    ).where(Message.sender == member_id)
    reports = await Report.select(
        Report.id, Report.message, Report.reason, Report.note, Report.created_at, Report.status
    ).where(Report.reporter == member_id)
    return {
        "conversations": conversations,
        "messages_written": [
            {
                "message_id": m["id"],
                "conversation_id": m["conversation"],
                "written_at": m["created_at"],
                "text": m["body"],
                "removed_by_moderator_at": m["removed_at"],
            }
            for m in written
        ],
        "reports_filed": [
            {
                "report_id": r["id"],
                "message_id": r["message"],
                "reason": r["reason"],
                "note": r["note"],
                "filed_at": r["created_at"],
                "status": r["status"],
            }
            for r in reports
        ],
    }


async def erase_member(member_id: int) -> None:
    async with transaction(Message._meta.db):
        await Report.delete().where(Report.reporter == member_id)
        await Message.delete().where(Message.sender == member_id)
        mine = await Participant.select(Participant.conversation).where(Participant.member == member_id)
        await Participant.update({Participant.member: None, Participant.erased: True, Participant.unread: 0}).where(
            Participant.member == member_id
        )
        conv_ids = sorted({r["conversation"] for r in mine})
        if conv_ids:
            readable = await Participant.select(Participant.conversation).where(
                Participant.conversation.is_in(conv_ids)
                & Participant.member.is_not_null()
                & Participant.left_at.is_null()
            )
            orphaned = set(conv_ids) - {r["conversation"] for r in readable}
            if orphaned:
                await Conversation.delete().where(Conversation.id.is_in(sorted(orphaned)))
    await reset_rate_limit(rate_key(member_id))
