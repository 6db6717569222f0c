"""Matching pages under ``/matching/``: members like me, and community counts (HTML, JSON, CSV)."""

from __future__ import annotations

import csv
import io
from typing import Any

from litestar import Request, Response, Router, get
from litestar.exceptions import NotFoundException
from litestar.params import FromQuery

from core.api import current_member, formats_for, gettext_for, locale_of, related, render, site_of
from plugins.matching import index
from plugins.matching.counts import FEWER, community_counts, label_of
from plugins.matching.finder import is_findable, matches

__all__ = ["router"]

PAGE_SIZE = 20
MAX_RESULTS = 100


@get("/", name="matching:index", opt={"consent": "core.health_data"})
async def members_like_me(request: Request[Any, Any, Any], page: FromQuery[int] = 1) -> Response[Any]:
    """Ranked list, or the one-click invitation to become findable (seeing others needs it too)."""
    me = current_member(request)
    if not 1 <= page <= MAX_RESULTS // PAGE_SIZE:
        raise NotFoundException()
    findable = await is_findable(me.id)
    found = await matches(request, me, limit=MAX_RESULTS) if findable else []
    shown = found[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    if page > 1 and not shown:
        raise NotFoundException()
    codes = {c for m in shown for c in (*m.conditions, *m.families, *m.symptoms)}
    names = await index.labels(codes)
    lang = locale_of(request)
    friends = set(await related(request, "friends.friends", me.id))
    pending = set(await related(request, "friends.pending", me.id))
    context = {
        "findable": findable,
        "rows": [
            {
                "match": m,
                "conditions": [label_of(names.get(c), lang, c) for c in m.conditions],
                "families": [
                    label_of(names.get(f), lang, f)
                    for f in m.families
                    if f not in {(names.get(c) or {}).get("family") for c in m.conditions}
                ],
                "symptoms": [label_of(names.get(s), lang, s) for s in m.symptoms],
                "friend": m.member.id in friends,
                "pending": m.member.id in pending,
            }
            for m in shown
        ],
        "has_own": bool(await index.entries_of(me.id)) or bool(await related(request, "profile.conditions", me.id)),
        "page": page,
        "has_next": page * PAGE_SIZE < len(found),
        "total": len(found),
    }
    return await render(request, "matching/pages/index.html", context)


async def _counts(request: Request[Any, Any, Any], q: str) -> list[Any]:
    return await community_counts(site_of(request).code, locale_of(request), q.strip()[:80])


@get("/conditions", name="matching:conditions", opt={"login": True})
async def conditions(request: Request[Any, Any, Any], q: FromQuery[str] = "") -> Response[Any]:
    """How many findable members share each condition on this edition (small counts hidden)."""
    rows = await _counts(request, q)
    return await render(request, "matching/pages/conditions.html", {"rows": rows, "q": q.strip()[:80]})


@get("/conditions.json", name="matching:conditions_json", opt={"login": True})
async def conditions_json(request: Request[Any, Any, Any], q: FromQuery[str] = "") -> dict[str, Any]:
    rows = await _counts(request, q)
    fewer = gettext_for(request).gettext(FEWER)
    return {
        "edition": site_of(request).code,
        "small_counts_below": 10,
        "conditions": [
            {
                "code": c.code,
                "label": c.label,
                "members": c.shown(),
                "members_text": fewer if c.suppressed else formats_for(request).number(c.count),
                "suppressed": c.suppressed,
            }
            for c in rows
        ],
    }


@get("/conditions.csv", name="matching:conditions_csv", opt={"login": True})
async def conditions_csv(request: Request[Any, Any, Any], q: FromQuery[str] = "") -> Response[bytes]:
    rows = await _counts(request, q)
    fewer = gettext_for(request).gettext(FEWER)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["code", "condition", "members"])
    for c in rows:
        writer.writerow([c.code, c.label, fewer if c.suppressed else c.count])
    return Response(
        buffer.getvalue().encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="entraide-{site_of(request).code}-conditions.csv"'},
    )


router = Router(path="/matching", route_handlers=[members_like_me, conditions, conditions_json, conditions_csv])
