"""Integers out of range in any route's path or query answer 404/400, never 500.

Routes are discovered from the app, so every installed plugin's routes are covered.
"""

from __future__ import annotations

import re

from litestar.routes import HTTPRoute

from core.bounds import INT_MAX, int_params
from core.testing import csrf_token, login, make_member

HUGE = 2**70


def _targets(app):
    """(method, path template, int params) for every handler taking an integer."""
    for route in app.routes:
        if not isinstance(route, HTTPRoute):
            continue
        for handler in route.route_handlers:
            params = int_params(handler)
            if params:
                for method in sorted(handler.http_methods):
                    yield method, route.path, params


def _url(template, params, value):
    ints = {name for where, name in params if where == "path"}

    def fill(match):
        name = match.group(1).split(":")[0]
        return str(value) if name in ints else "weight"

    path = re.sub(r"\{([^}]+)\}", fill, template)
    query = "&".join(f"{name}={value}" for where, name in params if where == "query")
    return f"{path}?{query}" if query else path


def _send(client, method, url):
    return client.request(method, url, headers={"x-csrftoken": csrf_token(client)}, follow_redirects=False)


def test_every_integer_parameter_of_every_route_is_bounded(app, client):
    rt = app.state.entraide
    make_member(app, email="ops@example.org", pseudonym="Ops", role="operator", consents=tuple(rt.purposes))
    targets = list(_targets(app))
    assert len(targets) >= 5  # avatars, admin pages, Health Box pages at least
    anonymous = [(m, t, _send(client, m, _url(t, p, HUGE)).status_code) for m, t, p in targets]
    login(client, "ops@example.org")
    problems = []
    for method, template, params in targets:
        for value in (HUGE, -HUGE):
            status = _send(client, method, _url(template, params, value)).status_code
            expected = 404 if any(where == "path" for where, _ in params) else 400
            if status != expected:
                problems.append((method, template, value, status))
        for value in (INT_MAX, 0, -1):
            status = _send(client, method, _url(template, params, value)).status_code
            if status >= 500:
                problems.append((method, template, value, status))
    assert not problems, problems
    assert all(status in (400, 404) for _, _, status in anonymous), anonymous
