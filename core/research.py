"""Research: study-specific consents in the ledger and per-member study values, for partner studies.

A study plugin never reads another plugin's health data: it asks core for
the values of a variable (``study_values``), core keeps only the members
whose consent ledger *now* says they grant both ``core.partner_studies``
and the study's own purpose, and the plugin owning the data (e.g. the
Health Box) answers through ``resolve_study_values`` with one summary
number per member. The study plugin only aggregates them.

A study's own consent is a *dynamic* purpose (``<slug>.<thing>.<id>``):
it is not declared with ``register_consent_purposes`` (there is one per
study) but recorded in the same hash-chained ledger, with the hash of the
exact text the member read as its version, and re-keyed at erasure like
any other row.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from core.consent import Purpose, PurposeText, record
from core.events import Event
from core.kernel import scope_of
from core.members import current_member
from core.render import locale_of
from core.tables import ConsentEvent

if TYPE_CHECKING:
    from core.runtime import Runtime
    from core.sites import Site

__all__ = [
    "StudyVariable",
    "members_consenting",
    "record_consent",
    "record_dynamic",
    "study_values",
    "study_variables",
]


@dataclass(frozen=True)
class StudyVariable:
    """A per-member number a plugin can summarise for a study (never a raw record).

    Attributes:
        key: ``<slug>.<what>``, e.g. ``"healthbox.bmi.latest"``.
        label: Untranslated label (``N_``), in the answering plugin's catalog.
        unit: Unit shown after the numbers (UCUM-like, e.g. ``"kg"``, ``"min"``).
        bins: Increasing bin edges for the distribution, e.g. ``(18.5, 25, 30)``
            gives four bins: below 18.5, 18.5 to < 25, 25 to < 30, 30 and over.
    """

    key: str
    label: str
    unit: str = ""
    bins: tuple[float, ...] = ()


async def members_consenting(member_ids: Iterable[int], *purposes: str) -> set[int]:
    """The members among ``member_ids`` whose ledger's latest row grants every one of ``purposes``.

    One query for the whole cohort (extracts ask about hundreds of members).
    """
    ids = sorted({int(m) for m in member_ids})
    if not ids or not purposes:
        return set(ids) if not purposes else set()
    rows = (
        await ConsentEvent.select(ConsentEvent.member, ConsentEvent.purpose, ConsentEvent.action)
        .where(ConsentEvent.member.is_in(ids) & ConsentEvent.purpose.is_in(list(purposes)))
        .order_by(ConsentEvent.id)
    )
    latest: dict[tuple[int, str], str] = {}
    for row in rows:
        latest[(int(row["member"]), row["purpose"])] = row["action"]
    return {m for m in ids if all(latest.get((m, p)) == "grant" for p in purposes)}


async def record_consent(request: Any, purpose: str, action: str, *, title: str, body: str) -> str:
    """Record the signed-in member's own grant or withdrawal of a dynamic purpose; the text version.

    The version is the hash of ``purpose``, ``title`` and ``body``: the exact
    text shown to the member in their language. Announced to enabled plugins
    as ``core.consent.changed`` like a click on the consents page.

    Args:
        request: The member's request (edition, language, member).
        purpose: ``<slug>.<thing>.<id>``, e.g. ``"studies.study.12"``; a
            purpose declared with ``register_consent_purposes`` is refused
            (those change only on the consents page).
        action: ``"grant"`` or ``"withdraw"``.
        title: The title shown, already translated.
        body: The text the member agreed to, in their language.

    Raises:
        ValueError: A declared purpose, a name outside ``<slug>.<thing>.<id>``, an unknown action.
    """
    rt, _, _ = await scope_of(request)
    member = current_member(request)
    site = request.scope["state"]["site"]
    language = locale_of(request)
    version = await record_dynamic(
        rt, member.id, purpose, action, site=site, language=language, title=title, body=body, channel="web"
    )
    request.scope["state"].pop("consent", None)
    await rt.emit(Event("core.consent.changed", site.code, member.id, {"purpose": purpose, "action": action}))
    return version


async def record_dynamic(
    rt: Runtime,
    member_id: int,
    purpose: str,
    action: str,
    *,
    site: Site,
    language: str,
    title: str,
    body: str,
    channel: str,
) -> str:
    """Append a dynamic purpose's grant or withdrawal to the ledger (see :func:`record_consent`); its version."""
    parts = purpose.split(".")
    if purpose in rt.purposes or len(parts) < 3 or parts[0] == "core" or not all(parts):
        raise ValueError(f"{purpose!r} is not a dynamic purpose")
    dynamic = Purpose(name=purpose, texts={language: PurposeText(_literal(title), _literal(body))}, health=True)
    await record(member_id, dynamic, action, site=site, language=language, channel=channel)
    return dynamic.version(site, language)


def _literal(text: str) -> str:
    """Escape braces: purpose texts are format strings ("{edition}"), a partner's text is not."""
    return text.replace("{", "{{").replace("}", "}}")


async def study_variables(request_or_site: Any) -> dict[str, StudyVariable]:
    """Variables the plugins enabled on the edition can summarise for studies, by key."""
    rt, enabled, code = await scope_of(request_or_site)
    found: dict[str, StudyVariable] = {}
    for impl in rt.site_impls("provide_study_variables", enabled):
        answer = impl.function(site=code)
        if inspect.isawaitable(answer):
            answer = await answer
        for variable in answer or []:
            found.setdefault(variable.key, variable)
    return found


async def study_values(
    request_or_site: Any, variable: str, member_ids: Iterable[int], purpose: str, today: date
) -> dict[int, float]:
    """One summary number per consenting member for ``variable``; members without a value are absent.

    Core first keeps only the members whose ledger grants ``core.partner_studies``
    and ``purpose`` now, then asks the enabled plugin that answers; any id
    outside that set in the answer is dropped.

    Args:
        request_or_site: The current request, or an edition (code or Site).
        variable: A :class:`StudyVariable` key.
        member_ids: The study's participants.
        purpose: The study's own consent purpose, e.g. ``"studies.study.12"``.
        today: The edition's day (windows such as "the last 30 days" end on it).
    """
    rt, enabled, code = await scope_of(request_or_site)
    allowed = await members_consenting(member_ids, "core.partner_studies", purpose)
    if not allowed:
        return {}
    for impl in rt.site_impls("resolve_study_values", enabled):
        answer = impl.function(variable=variable, member_ids=sorted(allowed), purpose=purpose, site=code, today=today)
        if inspect.isawaitable(answer):
            answer = await answer
        if answer is not None:
            return {int(m): float(v) for m, v in answer.items() if int(m) in allowed}
    return {}
