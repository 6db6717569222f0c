"""Outgoing e-mail through an outbox.

Every message is stored in ``core_outbox`` (viewable at ``/dev/outbox`` in
demo mode) and then delivered by the configured backend: ``file`` (default,
appends one JSON line per message to ``<data_dir>/outbox.log``, mode 0600),
``console`` (stdout) or ``smtp``. Erasing a member removes their messages
from both the table and the file (:func:`purge_outbox_file`).
"""

from __future__ import annotations

import asyncio
import json
import os
import smtplib
from collections.abc import Callable
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.files import write_private
from core.tables import OutboxEmail

if TYPE_CHECKING:
    from core.settings import Settings

__all__ = ["outbox_file", "purge_outbox_file", "readdress_outbox_file", "send_email"]


async def send_email(settings: Settings, to: str, subject: str, body: str) -> None:
    """Store the message in the outbox, then deliver it with the backend."""
    now = datetime.now(UTC)
    await OutboxEmail.insert(OutboxEmail(to_email=to, subject=subject[:200], body=body, created_at=now))
    if settings.email_backend == "console":
        print(f"--- e-mail to {to}: {subject}\n{body}\n---", flush=True)
    elif settings.email_backend == "file":
        line = json.dumps({"at": now.isoformat(), "to": to, "subject": subject, "body": body}, ensure_ascii=False)
        write_private(outbox_file(settings), (line + "\n").encode(), append=True)
    else:
        await asyncio.to_thread(_smtp_send, settings, to, subject, body)


def outbox_file(settings: Settings) -> Path:
    return settings.data_path / "outbox.log"


def purge_outbox_file(settings: Settings, address: str) -> None:
    """Rewrite the outbox file without the messages sent to ``address`` (erasure).

    The new file replaces the old one atomically; lines that are not JSON
    (older formats) are dropped rather than kept unread.
    """
    _rewrite_outbox(settings, lambda message: None if address.lower() in _owners(message) else message)


def readdress_outbox_file(settings: Settings, old: str, new: str) -> None:
    """Mark the messages of the account at ``old`` as the account's, now at ``new`` (e-mail change).

    Erasure purges the file by the account's address: without this, the
    messages sent before the change (and the notice sent to the old address)
    would stay in the file, holding both addresses, after the account is gone.
    ``to`` keeps where each message really went; ``account`` follows the account.
    """

    def readdress(message: dict[str, Any]) -> dict[str, Any]:
        return {**message, "account": new} if old.lower() in _owners(message) else message

    _rewrite_outbox(settings, readdress)


def _owners(message: dict[str, Any]) -> set[str]:
    """The addresses a message belongs to: where it went, and the account's address since."""
    return {str(message.get(key, "")).lower() for key in ("to", "account")} - {""}


def _rewrite_outbox(settings: Settings, change: Callable[[dict[str, Any]], dict[str, Any] | None]) -> None:
    """Replace the outbox file with ``change`` applied to each message (None drops it)."""
    path = outbox_file(settings)
    if not path.is_file():
        return
    kept = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            message = json.loads(line)
        except ValueError:
            continue
        if isinstance(message, dict) and (changed := change(message)) is not None:
            kept.append(json.dumps(changed, ensure_ascii=False) + "\n")
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    write_private(tmp, "".join(kept).encode())
    os.replace(tmp, path)


def _smtp_send(settings: Settings, to: str, subject: str, body: str) -> None:
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=15) as smtp:
        smtp.starttls()
        if settings.smtp_user:
            smtp.login(settings.smtp_user, settings.smtp_password or "")
        smtp.send_message(message)
