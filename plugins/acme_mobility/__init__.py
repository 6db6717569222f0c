"""ACME Mobility: a demo advertiser's branded plugin (kind ``sponsored``).

A walking-aid chooser (four questions, nothing stored), a page reserved for
members of ACME's programme, and a card in sponsorable slots. Core decides
everything around it: only operators enable it, per edition, with a
campaign; core labels its card "Sponsored", counts views and clicks as daily
totals, and gives it neither the viewer nor any member data.

Hooks implemented: register_routes, provide_fragments (``home.aside``,
``home.public``), provide_assets.
"""

from __future__ import annotations

from plugins.acme_mobility.meta import META

__all__ = ["META"]
