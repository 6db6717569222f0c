"""Deployment checks (``entraide check``) and production refusals (``serve``).

After Django's ``check --deploy``. :func:`prod_refusals` lists what makes a
production start unsafe; ``serve`` (and the ASGI factory) refuse to start with
``ENTRAIDE_ENV=prod`` while any is present, and ``entraide check`` reports the
same sentences as errors, with the other checks.
"""

from __future__ import annotations

import math
import zlib
from collections import Counter

from core.files import permission_problems
from core.settings import DEV_SECRET, Settings

__all__ = ["deploy_checks", "prod_refusals", "weak_secret"]


def weak_secret(secret: str) -> str | None:
    """Why a secret key is unsafe (dev key, short, or low entropy), or None."""
    if secret == DEV_SECRET:
        return "ENTRAIDE_SECRET_KEY is the development key; set a random value of at least 50 characters"
    if len(secret) < 50:
        return "ENTRAIDE_SECRET_KEY is shorter than 50 characters"
    counts = Counter(secret)
    bits = -sum(n * math.log2(n / len(secret)) for n in counts.values())
    if len(counts) < 10 or bits < 160 or len(zlib.compress(secret.encode(), 9)) < 0.7 * len(secret):
        return "ENTRAIDE_SECRET_KEY has too little entropy (repeated or predictable); use a random value"
    return None


def prod_refusals(settings: Settings) -> list[str]:
    """Settings a production server must not start with (one sentence each)."""
    problems = []
    if secret := weak_secret(settings.secret_key):
        problems.append(secret)
    if settings.debug:
        problems.append("ENTRAIDE_DEBUG must be off in production (tracebacks would be shown to visitors)")
    if settings.demo:
        problems.append("ENTRAIDE_DEMO must be off in production (it exposes /dev/outbox)")
    if settings.email_backend != "smtp":
        problems.append(
            f"ENTRAIDE_EMAIL_BACKEND={settings.email_backend} keeps members' e-mails and their links on this"
            " machine instead of sending them; use smtp in production"
        )
    return problems


def deploy_checks(settings: Settings) -> list[tuple[str, str]]:
    """Problems as (level, message); level is ERROR or WARNING."""
    problems = [("ERROR", message) for message in prod_refusals(settings)]
    if not settings.https:
        problems.append(("ERROR", "ENTRAIDE_HTTPS must be on: Secure __Host- cookies and HSTS need HTTPS"))
    if settings.env != "prod":
        problems.append(("WARNING", "ENTRAIDE_ENV is not 'prod'"))
    problems += [("ERROR", message) for message in permission_problems(settings)]
    return problems
