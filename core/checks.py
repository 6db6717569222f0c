"""Deployment checks (``entraide check``), after Django's ``check --deploy``."""

from __future__ import annotations

import stat

from core.settings import DEV_SECRET, Settings

__all__ = ["deploy_checks"]


def deploy_checks(settings: Settings) -> list[tuple[str, str]]:
    """Problems as (level, message); level is ERROR or WARNING."""
    problems: list[tuple[str, str]] = []
    secret = settings.secret_key
    if secret == DEV_SECRET or len(secret) < 50 or len(set(secret)) < 5:
        problems.append(("ERROR", "ENTRAIDE_SECRET_KEY must be set to a random value of at least 50 characters"))
    if settings.debug:
        problems.append(("ERROR", "ENTRAIDE_DEBUG must be off in production"))
    if not settings.https:
        problems.append(("ERROR", "ENTRAIDE_HTTPS must be on: Secure __Host- cookies and HSTS need HTTPS"))
    if settings.env != "prod":
        problems.append(("WARNING", "ENTRAIDE_ENV is not 'prod'"))
    if settings.demo:
        problems.append(("ERROR", "ENTRAIDE_DEMO must be off in production (it exposes /dev/outbox)"))
    if settings.email_backend != "smtp":
        problems.append(("WARNING", "ENTRAIDE_EMAIL_BACKEND is not smtp: members will not receive e-mails"))
    path = settings.sqlite_path
    if path is not None and path.exists() and path.stat().st_mode & (stat.S_IROTH | stat.S_IWOTH):
        problems.append(("ERROR", f"{path} is readable or writable by other users (chmod 600)"))
    return problems
