"""Keep secrets that travel in URLs out of logs.

E-mail verification and password-reset links carry single-use tokens in
their path; an access log line holding one is a live credential for
anyone who reads the log. :class:`RedactTokens` rewrites such paths in log
records (uvicorn's access and error logs, Litestar's and ours), for these
routes and for any path segment shaped like a random token, so plugins'
token links are covered too.
"""

from __future__ import annotations

import logging
import re

__all__ = ["REDACTED", "RedactTokens", "install_log_redaction", "redact_tokens"]

REDACTED = "[redacted]"
_KNOWN = re.compile(r"(/(?:verify|password/reset)/)[^/?#\s\"']+")
_TOKEN_LIKE = re.compile(
    r"(?<=/)(?=[A-Za-z0-9_-]*[A-Z])(?=[A-Za-z0-9_-]*[a-z])(?=[A-Za-z0-9_-]*[0-9])[A-Za-z0-9_-]{32,}"
)
LOGGERS = ("uvicorn.access", "uvicorn.error", "litestar", "entraide")


def redact_tokens(text: str) -> str:
    """``text`` with token path segments replaced by ``[redacted]``."""
    return _TOKEN_LIKE.sub(REDACTED, _KNOWN.sub(rf"\1{REDACTED}", text))


class RedactTokens(logging.Filter):
    """Logging filter applying :func:`redact_tokens` to a record's message and arguments."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact_tokens(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact_tokens(a) if isinstance(a, str) else a for a in record.args)
        return True


_FILTER = RedactTokens()


def install_log_redaction() -> None:
    """Attach the filter to the loggers that may print request paths (idempotent)."""
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
