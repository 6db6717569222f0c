"""E-mails of the sign-up flow: address confirmation, and the notice to an owner.

Links come from the edition's configured base URL (never the request's
``Host``). The notice goes to the owner of an address someone tried to sign
up with: the sign-up page itself answers the same way for new and known
addresses, so only the owner learns that the address has an account.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from litestar import Request

from core.email import send_email
from core.identity import service, throttle
from core.render import gettext_for, runtime

__all__ = ["send_verification", "signup_attempt_notice"]

NOTICES_PER_HOUR = 3


async def send_verification(request: Request[Any, Any, Any], member_id: int, email: str) -> None:
    """Mail a 24-hour link that confirms the address."""
    _ = gettext_for(request).gettext
    site = request.state.site
    token = await service.issue_token(member_id, "verify")
    await send_email(
        runtime(request).settings,
        email,
        _("Confirm your e-mail address"),
        _("Welcome to %(site)s. Confirm your address by opening this link (valid 24 hours):") % {"site": site.name}
        + f"\n\n{site.url(f'/verify/{token}')}\n",
    )


async def signup_attempt_notice(request: Request[Any, Any, Any], email: str) -> None:
    """Tell the owner someone tried to create an account with their address (a few per hour at most)."""
    budget = await throttle.rate_limit(
        throttle.signup_notice_key(email), limit=NOTICES_PER_HOUR, window=timedelta(hours=1)
    )
    if not budget.allowed:
        return
    _ = gettext_for(request).gettext
    site = request.state.site
    await send_email(
        runtime(request).settings,
        email,
        _("Someone tried to create an account with your address"),
        _(
            "Someone, perhaps you, tried to create an account on %(site)s with this e-mail address. You already"
            " have an account: log in here, or reset your password if you forgot it."
        )
        % {"site": site.name}
        + f"\n\n{site.url('/login')}\n{site.url('/password/reset')}\n\n"
        + _("If it was not you, ignore this message: nothing has changed on your account."),
    )
