"""The ``matching.findable`` consent texts (fr, en, de)."""

from __future__ import annotations

from core.api import PurposeText

__all__ = ["TEXTS"]

TEXTS = {
    "fr": PurposeText(
        "Être trouvé·e par des membres comme moi",
        "J'accepte que {controller} utilise les maladies et symptômes que j'ai rendus visibles à tous les"
        " membres de {edition} pour me proposer à des membres qui vivent la même chose, et me les proposer."
        " Rien de ce que j'ai gardé pour moi ou pour mes amis n'est montré. Je peux retirer ce consentement"
        " à tout moment : je disparais alors des listes.",
    ),
    "en": PurposeText(
        "Be found by members like me",
        "I allow {controller} to use the conditions and symptoms I made visible to all members of {edition}"
        " to suggest me to members who live with the same, and to suggest them to me. Nothing I kept to"
        " myself or to my friends is shown. I can withdraw at any time: I then disappear from the lists.",
    ),
    "de": PurposeText(
        "Von Mitgliedern wie mir gefunden werden",
        "Ich erlaube {controller}, die Erkrankungen und Symptome, die ich für alle Mitglieder von {edition}"
        " sichtbar gemacht habe, zu nutzen, um mich Mitgliedern mit denselben Erfahrungen vorzuschlagen und"
        " sie mir vorzuschlagen. Nichts, was ich für mich oder meine Freunde behalten habe, wird gezeigt."
        " Ich kann jederzeit widerrufen: Dann verschwinde ich aus den Listen.",
    ),
}
