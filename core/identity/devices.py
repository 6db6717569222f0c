"""Readable device names for the signed-in devices page ("Firefox on Linux").

Parsing uses ``ua-parser`` (the maintained Python port of the uap-core
rules, with its regularly updated rule set ``ua-parser-builtins``); results
are cached because the same few user-agent strings come back all the time.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from ua_parser import parse

__all__ = ["device_name", "parse_device"]


@lru_cache(maxsize=512)
def parse_device(user_agent: str) -> tuple[str, str] | None:
    """(browser family, operating system family), or None when unrecognised."""
    if not user_agent:
        return None
    result = parse(user_agent[:512])
    browser = result.user_agent.family if result.user_agent else None
    system = result.os.family if result.os else None
    if not browser or browser == "Other":
        return None
    return browser, system if system and system != "Other" else ""


def device_name(user_agent: str, gettext: Callable[[str], str]) -> str:
    """ "Firefox on Linux", "Mobile Safari on iOS", "Chrome" … or "Unknown device", translated."""
    parsed = parse_device(user_agent or "")
    if parsed is None:
        return gettext("Unknown device")
    browser, system = parsed
    if not system:
        return browser
    return gettext("%(browser)s on %(system)s") % {"browser": browser, "system": system}
