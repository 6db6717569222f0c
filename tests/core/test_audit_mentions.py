"""core.api.audit / audit_trail (moderation history) and mentioned_members (@pseudonym)."""

from __future__ import annotations

from core import api
from core.markdown import mentioned_pseudonyms
from core.tables import AuditEntry
from core.testing import login, make_member, post_form, run_async


def test_audit_rows_are_per_edition_and_read_back_by_prefix(make_app):
    app = make_app()
    run_async(app, api.audit("fr", "wall.post.hide", "wall.post:12", {"note": "spam"}))
    run_async(app, api.audit("fr", "groups.reply.hide", "groups.reply:3"))
    run_async(app, api.audit("uk", "wall.post.restore", "wall.post:99"))
    trail = run_async(app, api.audit_trail("fr", "wall."))
    assert [(r["action"], r["target"], r["actor"]) for r in trail] == [("wall.post.hide", "wall.post:12", "system")]
    assert trail[0]["detail"] == {"note": "spam"}
    assert [r["action"] for r in run_async(app, api.audit_trail("uk", "wall."))] == ["wall.post.restore"]
    assert run_async(app, api.audit_trail("fr", "wall%")) == []  # wildcards are literal


def test_the_console_writes_through_the_same_log_with_the_operators_name(make_app, client_for):
    app = make_app()
    make_member(app, email="ops@example.org", pseudonym="Opsy", role="operator")
    ops = client_for("fr", app)
    login(ops, "ops@example.org")
    post_form(ops, "/admin/sites/fr/plugins/healthbox", {"enabled": "0"})
    row = run_async(app, AuditEntry.select().order_by(AuditEntry.id, ascending=False).first())
    assert (row["actor"], row["action"], row["target"]) == ("Opsy", "plugin.disabled", "healthbox")


def test_mention_candidates_try_longest_first():
    assert mentioned_pseudonyms("Merci @Marie Claire et @bob. Et a@b.com @Jo, @Lena!") == [
        ["Marie Claire et", "Marie Claire", "Marie"],
        ["bob. Et a", "bob. Et", "bob"],
        ["Lena"],
    ]


def test_mentioned_members_resolve_on_the_edition(make_app):
    app = make_app()
    marie = make_member(app, email="m@example.org", pseudonym="Marie Claire")
    bob = make_member(app, email="b@example.org", pseudonym="bob")
    make_member(app, email="l@example.org", pseudonym="Lena", site="de")
    found = run_async(app, api.mentioned_members("Merci @Marie Claire et @Bob, @bob, @Lena et @nobody", "fr"))
    assert [m.id for m in found] == [marie, bob]
