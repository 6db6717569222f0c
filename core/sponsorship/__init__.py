"""Sponsorship: what core enforces around plugins of kind ``sponsored``.

Core, not the advertiser's good will, keeps the limits (docs/plugins.md,
"Sponsored plugins"):

* at load, such a plugin may implement only :data:`core.hookspecs.SPONSORED_HOOKS`
  and declare no member-data categories (:func:`core.plugins_registry.sponsored_refusal`);
* its site hooks get a :class:`core.ui.SponsoredContext` (edition, language and,
  for members who granted ``core.sponsored_personalised``, one coarse interest
  segment), its templates a context without viewer or member data;
* its pages and fragments exist only on editions where an operator runs a
  campaign between two dates (elsewhere, or outside the dates: 404, nothing shown);
* impressions and clicks are counted by core as daily aggregates per campaign and
  slot, with no member id and no cookie, for the operator (``/admin/campaigns``)
  and the partner (``/partners/``);
* reserved content (``opt={"reserved": True}`` on a route) is decided through
  ``resolve_permission`` (``core.sponsored_reserved``, answered by core from the
  member's own programme membership), so the sponsor never learns who joined.
"""

from __future__ import annotations

__all__: list[str] = []
