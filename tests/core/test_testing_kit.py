"""The test kit other packages get through the pytest11 entry point."""

from __future__ import annotations

from importlib.metadata import entry_points

import pytest
from fixture_plugins import greeter, misspelt

from core.testing import assert_plugin_contract, grant_consent, post_form, run_async, withdraw_consent


def test_kit_is_registered_as_a_pytest_plugin(pytestconfig):
    assert {ep.name: ep.value for ep in entry_points(group="pytest11")}["entraide"] == "core.testing"
    assert pytestconfig.pluginmanager.has_plugin("entraide")  # loaded from the entry point, not a conftest


def test_signed_in_members_consents_and_outbox(app, signed_in, outbox):
    from core.api import has_consent, send_member_email

    alice = signed_in(consents=("core.terms",))
    bob = signed_in(site="uk")
    assert alice.member_id != bob.member_id
    assert 'data-nav="core.me"' in alice.client.get("/").text
    assert bob.client.base_url.host == "uk.localhost"
    assert not run_async(app, has_consent(alice.member_id, "core.health_data"))
    grant_consent(app, alice.member_id, "core.health_data")
    assert run_async(app, has_consent(alice.member_id, "core.health_data"))
    withdraw_consent(app, alice.member_id, "core.health_data")
    assert not run_async(app, has_consent(alice.member_id, "core.health_data"))
    assert outbox() == []
    run_async(app, send_member_email(alice.member_id, "Hi", "Body"))
    post_form(bob.client, "/logout")
    [mail] = outbox(to="member1@example.org")
    assert (mail.subject, mail.body.splitlines()[0]) == ("Hi", "Body")


def test_assert_plugin_contract(make_app):
    assert_plugin_contract(greeter, make_app(extra_plugins=[greeter]))
    with pytest.raises(AssertionError, match="provide_fragment"):
        assert_plugin_contract(misspelt, make_app(extra_plugins=[misspelt]))
