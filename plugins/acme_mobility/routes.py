"""Pages under /acme_mobility/: the chooser (public) and the programme's reserved tips.

Core runs these handlers only during a campaign on the edition, without a
viewer and without cookies; the chooser is a GET form, so nothing is posted
and nothing is stored.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, Router, get

from core.api import render
from plugins.acme_mobility.services import AIDS, QUESTIONS, choose, read_answers

__all__ = ["router"]

OPT = {"plugin": "acme_mobility"}


@get("/", name="acme_mobility:page", opt=OPT)
async def page(request: Request[Any, Any, Any]) -> Response[Any]:
    """The chooser; with ``?distance=…&balance=…&rest=…&where=…`` also its suggestion."""
    raw = {q.name: request.query_params.get(q.name, "") for q in QUESTIONS}
    asked = any(raw.values())
    answers, missing = read_answers(raw) if asked else ({}, [])
    suggestion = choose(answers) if asked and not missing else None
    context = {
        "questions": QUESTIONS,
        "answers": answers,
        "missing": missing,
        "suggestion": AIDS[suggestion] if suggestion else None,
        "suggestion_key": suggestion,
    }
    return await render(request, "acme_mobility/pages/index.html", context, status=400 if missing else 200)


@get("/club", name="acme_mobility:club", opt={**OPT, "reserved": True})
async def club(request: Request[Any, Any, Any]) -> Response[Any]:
    """Tips reserved for members who joined ACME's programme (core decides who may see them)."""
    return await render(request, "acme_mobility/pages/club.html")


router = Router("/acme_mobility", route_handlers=[page, club])
