"""Outgoing e-mail through an outbox.

Every message is stored in ``core_outbox`` (viewable at ``/dev/outbox`` in
demo mode) and then delivered by the configured backend: ``file`` (default,
appends to ``var/outbox.log``), ``console`` (stdout) or ``smtp``.
"""

from __future__ import annotations

import asyncio
import smtplib
from datetime import UTC, datetime
from email.message import EmailMessage
from typing import TYPE_CHECKING

from core.tables import OutboxEmail

if TYPE_CHECKING:
    from core.settings import Settings

__all__ = ["send_email"]


async def send_email(settings: Settings, to: str, subject: str, body: str) -> None:
    """Store the message in the outbox, then deliver it with the backend."""
    now = datetime.now(UTC)
    await OutboxEmail.insert(OutboxEmail(to_email=to, subject=subject[:200], body=body, created_at=now))
    if settings.email_backend == "console":
        print(f"--- e-mail to {to}: {subject}\n{body}\n---", flush=True)
    elif settings.email_backend == "file":
        path = settings.data_path / "outbox.log"
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as fh:
            fh.write(f"{now.isoformat()} To: {to}\nSubject: {subject}\n\n{body}\n\n")
    else:
        await asyncio.to_thread(_smtp_send, settings, to, subject, body)


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
