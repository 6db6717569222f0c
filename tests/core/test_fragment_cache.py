"""Rendered fragments are kept only when their template reads nothing personal."""

from __future__ import annotations

import jinja2

from core.fragment_cache import cache_key


def _env(**templates: str) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.DictLoader(templates), autoescape=True)
    env.globals["_"] = lambda text: text
    return env


def test_edition_only_template_is_cached_per_edition_and_context() -> None:
    env = _env(card="<p>{{ _('Hello') }} {{ site.name }} {{ focused }}</p>")
    template = env.get_template("card")
    one = cache_key(env, template, "demo", {"focused": True}, "fr", None)
    assert one is not None
    assert cache_key(env, template, "demo", {"focused": True}, "fr", None) == one
    assert cache_key(env, template, "demo", {"focused": False}, "fr", None) != one
    assert cache_key(env, template, "demo", {"focused": True}, "be", None) != one


def test_templates_reading_the_viewer_or_the_csrf_token_are_rendered_each_time() -> None:
    env = _env(
        member="<p>{{ member.pseudonym }}</p>",
        form="<form>{{ csrf_input }}</form>",
        request="<p>{{ request.url }}</p>",
        include="{% include 'member' %}",
    )
    for name in ("member", "form", "request", "include"):
        assert cache_key(env, env.get_template(name), "demo", {}, "fr", None) is None, name


def test_sponsored_cards_are_keyed_on_segment_campaign_and_slot() -> None:
    env = _env(card="<a href=\"{{ click_url('/acme/') }}\">{{ segment }}</a>")
    template = env.get_template("card")
    assert cache_key(env, template, "acme", {}, "fr", None) is None  # click_url is not a page name
    key = cache_key(env, template, "acme", {}, "fr", (None, 1, "home.public"))
    assert key is not None
    assert cache_key(env, template, "acme", {}, "fr", ("XIII", 1, "home.public")) != key
    assert cache_key(env, template, "acme", {}, "fr", (None, 1, "home.aside")) != key


def test_unhashable_fragment_context_is_not_cached() -> None:
    env = _env(card="<p>{{ items|length }}</p>")
    assert cache_key(env, env.get_template("card"), "demo", {"items": [1, 2]}, "fr", None) is None
