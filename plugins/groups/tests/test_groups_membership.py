"""Joining public and private groups, requests, member counts, suggestions."""

from __future__ import annotations

from fixture_plugins import event_sink, fake_social

from core.testing import make_member, post_form, run_async
from plugins.groups import services
from plugins.groups.tables import Group, Membership


def _status(world, group, name):
    row = run_async(
        world.app,
        Membership.select(Membership.status).where(Membership.membership_key == f"{group}:{world.ids[name]}").first(),
    )
    return row and row["status"]


def test_the_list_shows_my_groups_and_every_group_of_the_edition(world):
    page = world["bob"].get("/groups/").text
    assert page.count("Anxiété") >= 2 and "Aidants" in page  # in "my groups" and in the full list
    assert "moins de 10 membres" in page  # small groups never show an exact count
    assert "Anxiété" not in world["ulla"].get("/groups/").text  # another edition


def test_the_list_of_every_group_is_paginated(world):
    for n in range(1, 26):  # 27 groups with Anxiété and Aidants: a page of 20 and a page of 7
        run_async(world.app, services.create_group("fr", f"g{n:02d}", f"Groupe {n:02d}", "fr"))
    run_async(world.app, services.create_group("fr", "english", "Zz English group", "en"))
    first = world["carol"].get("/groups/").text
    assert "Groupe 18" in first and "Groupe 19" not in first
    assert '<option value="en">anglais</option>' in first and "· français" in first  # languages named, not coded
    assert '<a href="/groups/?page=2" rel="next">' in first and 'rel="prev"' not in first
    second = world["carol"].get("/groups/?page=2").text
    assert "Groupe 19" in second and "Groupe 25" in second and "Zz English group" in second
    assert "Groupe 18" not in second and "Anxiété" not in second
    assert '<a href="/groups/?page=1" rel="prev">' in second and 'rel="next"' not in second
    french = world["carol"].get("/groups/?lang=fr&page=2").text
    assert "Groupe 25" in french and "Zz English group" not in french
    assert '<a href="/groups/?page=1&amp;lang=fr" rel="prev">' in french
    beyond = world["carol"].get("/groups/?page=9").text
    assert "Groupe" not in beyond.split('id="all-title"')[1] and "Plus aucun groupe." in beyond


def test_member_counts_show_from_ten_members(world):
    for n in range(10):
        member = make_member(world.app, email=f"m{n}@example.org", pseudonym=f"Member{n}")
        run_async(world.app, services.join({"id": world.public, "visibility": "public"}, member))
    page = world["carol"].get(f"/groups/{world.public}/").text
    assert "12 membres" in page
    assert (
        run_async(world.app, Group.select(Group.member_count).where(Group.id == world.public).first())["member_count"]
        == 12
    )


def test_a_public_group_is_joined_at_once_and_left(world):
    assert post_form(world["carol"], f"/groups/{world.public}/join").status_code == 303
    assert _status(world, world.public, "carol") == "active"
    assert post_form(world["carol"], f"/groups/{world.public}/leave").status_code == 303
    assert _status(world, world.public, "carol") is None


def test_a_private_group_takes_requests_that_its_moderators_answer(world):
    post_form(world["carol"], f"/groups/{world.private}/join")
    assert _status(world, world.private, "carol") == "pending"
    requested = event_sink.named("groups.member.requested")[0].payload["notify"]
    assert [(n["member_id"], n["kind"]) for n in requested] == [(world.alice, "groups.join_request")]
    assert world["bob"].get(f"/groups/{world.private}/members").status_code == 404  # members are not moderators
    page = world["alice"].get(f"/groups/{world.private}/members").text
    assert "Carol" in page
    url = f"/groups/{world.private}/requests/{world.carol}/approve"
    assert post_form(world["bob"], url).status_code == 404
    assert post_form(world["alice"], url).status_code == 303
    assert _status(world, world.private, "carol") == "active"
    accepted = event_sink.named("groups.member.accepted")[0].payload["notify"][0]
    assert (accepted["member_id"], accepted["kind"], accepted["params"]) == (
        world.carol,
        "groups.accepted",
        {"group": "Aidants"},
    )
    assert world["carol"].get(f"/groups/{world.private}/").status_code == 200


def test_a_refused_request_leaves_no_membership(world):
    post_form(world["carol"], f"/groups/{world.private}/join")
    post_form(world["alice"], f"/groups/{world.private}/requests/{world.carol}/refuse")
    assert _status(world, world.private, "carol") is None
    assert post_form(world["alice"], f"/groups/{world.private}/requests/{world.carol}/approve").status_code == 404


def test_suggestions_come_from_my_conditions_and_only_i_see_them(world):
    fake_social.CONDITIONS[world.carol] = ["F41.1", "E11.9"]
    page = world["carol"].get("/groups/").text
    suggested = page.split('id="suggested-title"')[1].split('id="all-title"')[0]
    assert "Anxiété" in suggested and "Aidants" not in suggested
    assert 'id="suggested-title"' not in world["bob"].get("/groups/").text  # no conditions answered for Bob


def test_staff_create_groups_and_members_cannot(world):
    assert world["carol"].get("/groups/new").status_code == 404
    assert (
        post_form(world["carol"], "/groups/new", {"name": "Nope", "language": "fr", "visibility": "public"}).status_code
        == 404
    )
    bad = post_form(
        world["modo"], "/groups/new", {"name": "", "language": "xx", "visibility": "public", "conditions": "diabetes"}
    )
    assert bad.status_code == 400 and "CIM-10" in bad.text
    done = post_form(
        world["modo"],
        "/groups/new",
        {"name": "Diabète de type 2", "language": "fr", "visibility": "public", "conditions": "e11"},
    )
    assert done.status_code == 303
    group = run_async(world.app, Group.select().where(Group.name == "Diabète de type 2").first())
    assert group["conditions"] == "E11" and group["slug"] == "diabete-de-type-2"
    assert _status(world, group["id"], "modo") == "active"
