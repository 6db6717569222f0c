"""docs/plugins.md names every template variable, global and filter core gives a page, and no other.

An author writes templates from the guide; a variable added to core but not
to the guide is invisible to them, one removed from core but still in the
guide breaks their pages (templates render with StrictUndefined).
"""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
from fixture_plugins import greeter
from fixture_plugins.greeter import hooks
from litestar import Request, get

from core.render import base_context, page_context, runtime

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "plugins.md"


def _documented() -> set[str]:
    text = GUIDE.read_text(encoding="utf-8")
    paragraph = text[text.index("**Templates.**") :].split("\n\n", 1)[0]
    return set(re.findall(r"`([a-z_]+)(?=[`(|])", paragraph))


def test_guide_lists_exactly_the_template_context(make_app, client_for):
    @get("/greeter/context-keys", name="greeter:context_keys", opt={"plugin": "greeter"})
    async def handler(request: Request) -> dict[str, list[str]]:
        base = await base_context(request, await page_context(request))
        site = request.scope["state"]["site"]
        env = runtime(request).templates.env(site.theme, site.locale)
        plain = jinja2.Environment(autoescape=True)
        return {
            "variables": sorted(base),
            "globals": sorted(set(env.globals) - set(plain.globals)),
            "filters": sorted(set(env.filters) - set(plain.filters)),
        }

    hooks.EXTRA_ROUTES[:] = [handler]
    try:
        app = make_app(extra_plugins=[greeter])
        provided = client_for("fr", app).get("/greeter/context-keys").json()
    finally:
        hooks.EXTRA_ROUTES.clear()
    assert "greeter_motto" in provided["variables"]  # the plugin's own key arrives, and is not core's
    actual = {*provided["variables"], *provided["globals"], *provided["filters"], "slot"} - {"greeter_motto"}
    documented = _documented()
    assert actual - documented == set(), "add to docs/plugins.md, 'Templates'"
    site = app.state.entraide.sites.get("fr")
    site_fields = {name for name in documented - actual if hasattr(site, name)}  # `site` (… `code`, `tz` …)
    assert site_fields == {"code", "name", "locale", "tz"}
    assert documented - actual - site_fields == {"provide_template_context"}, "remove from docs/plugins.md"
