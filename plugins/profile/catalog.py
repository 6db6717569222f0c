"""The vocabulary for members: search (HTMX fragment or page) and condition pages.

``/profile/search?q=…&kind=condition`` answers an HTMX request with the
results list only, and a plain request (no JavaScript) with a whole page
holding the same list, so the add buttons work either way.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery

from core.api import current_member, has_consent, is_htmx, locale_of, render
from plugins.profile import services
from plugins.profile.vocabulary import Concept, vocabulary

__all__ = ["CATALOG_ROUTES"]

OPT = {"login": True}
KIND_OF = {"condition": "condition", "symptom": "symptom"}


@get("/search", name="profile:search", opt=OPT)
async def search(
    request: Request[Any, Any, Any], q: FromQuery[str] = "", kind: FromQuery[str] = "condition"
) -> Response[Any]:
    kind = KIND_OF.get(kind, "condition")
    query = q.strip()[:80]
    results = vocabulary().search(query, locale_of(request), kind=kind) if len(query) >= 2 else []
    me = current_member(request)
    mine = {i.code for i in (await services.load(me.id)).items(kind)} if results else set()
    context = {
        "q": query,
        "kind": kind,
        "results": results,
        "mine": mine,
        "can_add": await has_consent(me.id, "core.health_data"),
    }
    template = "profile/fragments/_results.html"
    if not is_htmx(request):
        template = "profile/pages/search.html"
    codes = [c.code for c in results] if kind == "condition" else []
    return await render(request, template, context, slot_args={"codes": codes} if codes else None)


def _chapters(concepts: list[Concept], lang: str) -> list[tuple[str, list[Concept]]]:
    vocab = vocabulary()
    groups: dict[str, list[Concept]] = {}
    for concept in concepts:
        groups.setdefault(concept.chapter, []).append(concept)
    ordered = sorted(groups.items(), key=lambda kv: min(c.code for c in kv[1]))
    return [(vocab.families[key].name(lang), sorted(items, key=lambda c: c.label(lang))) for key, items in ordered]


@get("/conditions/", name="profile:conditions", opt=OPT)
async def conditions(request: Request[Any, Any, Any]) -> Response[Any]:
    """Every condition of the list, by chapter: a way in without knowing what to type."""
    lang = locale_of(request)
    chapters = _chapters(vocabulary().of_kind("condition"), lang)
    return await render(request, "profile/pages/conditions.html", {"chapters": chapters})


@get("/conditions/{code:str}/", name="profile:condition", opt=OPT)
async def condition(request: Request[Any, Any, Any], code: FromPath[str]) -> Response[Any]:
    """One condition: names, code, family and its other conditions; other features add to it (counts)."""
    vocab = vocabulary()
    concept = vocab.get(code[:10], "condition")
    if concept is None:
        raise NotFoundException()
    me = current_member(request)
    mine = concept.code in {i.code for i in (await services.load(me.id)).conditions}
    family = vocab.families[concept.family]
    context = {
        "concept": concept,
        "family": family,
        "chapter": vocab.families[concept.chapter],
        "siblings": [c for c in vocab.in_family(concept.family) if c.code != concept.code and c.kind == "condition"],
        "mine": mine,
        "can_add": await has_consent(me.id, "core.health_data"),
    }
    args = {"code": concept.code, "family": concept.family}
    return await render(request, "profile/pages/condition.html", context, slot_args=args)


CATALOG_ROUTES = [search, conditions, condition]
