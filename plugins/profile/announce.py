"""What other plugins may know: the ``profile.conditions.changed`` event.

Sent after every change to conditions or symptoms (visibility included),
when the member grants or withdraws the health-data consent, and by the
``entraide profile reindex`` command. Only items visible to all members are
offered for indexing (``public_*``), with the vocabulary's labels and
families so that no other plugin needs this package. Without the consent,
everything is empty: nothing may be processed.
"""

from __future__ import annotations

from typing import Any

from core.api import Event, emit, has_consent
from plugins.profile import services
from plugins.profile.vocabulary import vocabulary

__all__ = ["EVENT", "announce", "snapshot"]

EVENT = "profile.conditions.changed"


def _concepts(codes: list[str]) -> tuple[dict[str, Any], dict[str, Any]]:
    vocab = vocabulary()
    concepts: dict[str, Any] = {}
    families: dict[str, Any] = {}
    for code in codes:
        concept = vocab.get(code)
        if concept is None:
            continue
        concepts[code] = {
            "kind": concept.kind,
            "category": concept.category,
            "family": concept.family,
            "labels": dict(concept.labels),
        }
        family = vocab.families.get(concept.family)
        if family is not None:
            families[family.key] = dict(family.names)
    return concepts, families


async def snapshot(member_id: int) -> dict[str, Any]:
    """The event payload for one member, as things stand."""
    if not await has_consent(member_id, "core.health_data"):
        return {"conditions": [], "public_conditions": [], "public_symptoms": [], "findable_fields": []}
    data = await services.load(member_id)
    public_conditions = [i.code for i in data.conditions if i.visibility == "members" and i.code]
    public_symptoms = [i.code for i in data.symptoms if i.visibility == "members" and i.code]
    concepts, families = _concepts(public_conditions + public_symptoms)
    fields = [name for name, codes in (("conditions", public_conditions), ("symptoms", public_symptoms)) if codes]
    return {
        "conditions": [i.code for i in data.conditions if i.code],
        "public_conditions": public_conditions,
        "public_symptoms": public_symptoms,
        "findable_fields": fields,
        "concepts": concepts,
        "families": families,
    }


async def announce(request_or_site: Any, member_id: int) -> None:
    """Emit the event for ``member_id`` on the request's (or given) edition."""
    payload = await snapshot(member_id)
    await emit(request_or_site, Event(EVENT, "", member_id, payload))
