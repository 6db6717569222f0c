"""Legal pages of each edition: terms of use, privacy notice, about, contact.

The texts are templates per language (``core/legal/<lang>/<page>.html``),
filled from the edition's legal pack (controller, contacts, supervisory
authority, applicable law) and from what the installation really does:
the consent purposes with their current texts, the features enabled on the
edition and the member data they store, session lifetimes. An edition may
ship its own text as ``core/legal/<code>/<lang>/<page>.html`` (in a theme).
Every page is public: people read them before joining.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, Router, get

from core.render import locale_of, render, runtime

__all__ = ["LEGAL_PAGES", "router"]

#: page name -> (path, route name); the footer links to all of them.
LEGAL_PAGES = {
    "terms": ("/legal/terms", "core:terms"),
    "privacy": ("/legal/privacy", "core:privacy"),
    "about": ("/about", "core:about"),
    "contact": ("/contact", "core:contact"),
}


def _features(request: Request[Any, Any, Any]) -> list[dict[str, Any]]:
    """Features enabled on this edition that store member data, with what they store."""
    rt = runtime(request)
    enabled = request.scope["state"]["enabled"]
    rows = []
    for slug, meta in sorted(rt.registry.metas.items()):
        if slug in enabled and meta.data_categories:
            rows.append({"name": meta.name, "categories": meta.data_categories})
    return rows


async def _legal(request: Request[Any, Any, Any], page: str) -> Response[Any]:
    rt = runtime(request)
    site = request.scope["state"]["site"]
    language = locale_of(request)
    settings = rt.settings
    context = {
        "page": page,
        "documents": [f"core/legal/{site.code}/{language}/{page}.html", f"core/legal/{language}/{page}.html"],
        "legal": site.legal.for_language(language),
        "purposes": [(p, p.text(site, language)) for p in rt.purposes.values()],
        "features": _features(request) if page == "privacy" else [],
        "session_idle_minutes": settings.session_idle_minutes,
        "session_absolute_hours": settings.session_absolute_hours,
        "legal_pages": LEGAL_PAGES,
    }
    return await render(request, "core/legal/page.html", context)


@get(LEGAL_PAGES["terms"][0], name=LEGAL_PAGES["terms"][1], include_in_schema=False)
async def terms(request: Request[Any, Any, Any]) -> Response[Any]:
    return await _legal(request, "terms")


@get(LEGAL_PAGES["privacy"][0], name=LEGAL_PAGES["privacy"][1], include_in_schema=False)
async def privacy(request: Request[Any, Any, Any]) -> Response[Any]:
    return await _legal(request, "privacy")


@get(LEGAL_PAGES["about"][0], name=LEGAL_PAGES["about"][1], include_in_schema=False)
async def about(request: Request[Any, Any, Any]) -> Response[Any]:
    return await _legal(request, "about")


@get(LEGAL_PAGES["contact"][0], name=LEGAL_PAGES["contact"][1], include_in_schema=False)
async def contact(request: Request[Any, Any, Any]) -> Response[Any]:
    return await _legal(request, "contact")


router = Router(path="/", route_handlers=[terms, privacy, about, contact])
