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
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import TYPE_CHECKING

from core.files import write_private
from core.tables import OutboxEmail

if TYPE_CHECKING:
    from core.settings import Settings

__all__ = ["outbox_file", "purge_outbox_file", "send_email"]


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
    path = outbox_file(settings)
    if not path.is_file():
        return
    kept = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            if json.loads(line).get("to", "").lower() != address.lower():
                kept.append(line + "\n")
        except (ValueError, AttributeError):
            continue
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
