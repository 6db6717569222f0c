"""Route options answered in core's one middleware behave as the guard did: error pages carry the CSRF cookie."""

from __future__ import annotations

from core.testing import run_async


def test_first_visit_to_a_disabled_feature_gets_404_with_a_csrf_cookie(client_for, app):
    rt = app.state.entraide
    run_async(app, rt.enablement.set(rt.site("fr"), "healthbox", False))
    visitor = client_for("fr")
    page = visitor.get("/healthbox/")
    assert page.status_code == 404
    token = visitor.cookies.get("csrftoken")
    assert token and f'"X-CSRFToken": "{token}"' in page.text  # the page's forms and htmx can post


def test_login_required_page_redirects_a_visitor_and_refuses_a_post_without_token(client_for):
    visitor = client_for("fr")
    assert visitor.get("/healthbox/", follow_redirects=False).status_code in (302, 303, 307)
    assert visitor.post("/me/consents/core.partner_studies/grant", follow_redirects=False).status_code == 403
