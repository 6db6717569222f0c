"""E-mail digests: one message per member listing what they chose to receive by e-mail.

Sent through the kernel's outbox (``core.api.send_member_email``: this plugin
never sees an address). Run ``entraide notifications digest`` from cron
(daily, say); each notification is e-mailed once.
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from core.api import CliCommand, edition, get_members, run_with_app, send_member_email, translations_for
from plugins.notifications import services
from plugins.notifications.text import plain_text

__all__ = ["COMMAND", "send_digests"]

MAX_LINES = 50


async def send_digests(site: str | None = None) -> int:
    """Send every pending digest (of one edition, or all); returns e-mails queued."""
    now = datetime.now(UTC)
    due = await services.due_for_digest(site)
    sent = 0
    for member_id, rows in due.items():
        members = await get_members({member_id, *(r["actor"] for r in rows if r["actor"] is not None)})
        member = members.get(member_id)
        if member is not None and await _send(member.id, member.language, member.site, rows, members):
            sent += 1
        await services.mark_emailed([r["id"] for r in rows], now)
    return sent


async def _send(member_id: int, language: str, site_code: str, rows: list, members: dict) -> bool:  # type: ignore[type-arg]
    translations = translations_for(language)
    _ = translations.gettext
    site = edition(site_code)
    deleted = _("deleted member")
    lines = [
        f"- {plain_text(translations, r, members, deleted)}\n  {site.url(r['url']) if site else r['url']}"
        for r in rows[-MAX_LINES:]
    ]
    count = len(rows)
    subject = translations.ngettext(
        "%(num)s new notification on %(site)s", "%(num)s new notifications on %(site)s", count
    ) % {"num": count, "site": site.name if site else site_code}
    settings_url = site.url("/notifications/settings") if site else "/notifications/settings"
    body = "\n\n".join(
        [
            _("Hello,"),
            _("Here is what happened since the last e-mail:"),
            "\n".join(lines),
            _("Choose what you receive by e-mail: %(url)s") % {"url": settings_url},
        ]
    )
    return await send_member_email(member_id, subject, body, site=site_code)


def _setup(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=["digest"], help="digest: e-mail pending notifications")
    parser.add_argument("--site", help="only this edition (default: every edition)")


def _run(args: argparse.Namespace) -> int:
    sent = run_with_app(lambda: send_digests(args.site))
    print(f"notifications: {sent} digest e-mail(s) queued")
    return 0


COMMAND = CliCommand(name="notifications", help="send pending notification digests by e-mail", setup=_setup, run=_run)
