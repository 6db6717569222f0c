"""The consent purpose of personalised sponsored content (off by default, one click to withdraw)."""

from __future__ import annotations

from core.consent import _RIGHTS_DE, _RIGHTS_EN, _RIGHTS_FR, Purpose, PurposeText
from core.sponsorship.segments import PERSONALISED

__all__ = ["SPONSORED_PERSONALISED"]

SPONSORED_PERSONALISED = Purpose(
    name=PERSONALISED,
    health=True,
    order=40,
    texts={
        "fr": PurposeText(
            "Contenus sponsorisés adaptés à un grand domaine de santé",
            "J'autorise expressément {controller} à déduire de mes données de santé un seul grand domaine"
            " (par exemple « os, articulations et muscles ») pour choisir les contenus sponsorisés qui me sont"
            " montrés sur {edition}. Les partenaires ne reçoivent jamais mes pathologies, mon pseudonyme ni rien"
            " qui m'identifie ; la santé mentale, les maladies infectieuses et la grossesse ne sont jamais"
            " utilisées. Sans ce consentement, je vois les mêmes contenus que tout le monde." + _RIGHTS_FR,
        ),
        "en": PurposeText(
            "Sponsored content matched to one broad health area",
            "I explicitly allow {controller} to derive one broad area from my health data (for example"
            " “bones, joints and muscles”) to choose the sponsored content shown to me on {edition}. Partners"
            " never receive my conditions, my pseudonym or anything that identifies me; mental health,"
            " infectious diseases and pregnancy are never used. Without this consent I see the same content"
            " as everyone." + _RIGHTS_EN,
        ),
        "de": PurposeText(
            "Gesponserte Inhalte passend zu einem groben Gesundheitsbereich",
            "Ich erlaube {controller} ausdrücklich, aus meinen Gesundheitsdaten einen einzigen groben Bereich"
            " abzuleiten (zum Beispiel „Knochen, Gelenke und Muskeln“), um die gesponserten Inhalte"
            " auszuwählen, die mir auf {edition} gezeigt werden. Partner erhalten nie meine Erkrankungen, mein"
            " Pseudonym oder etwas, das mich erkennbar macht; psychische Gesundheit, Infektionskrankheiten"
            " und Schwangerschaft werden nie verwendet. Ohne diese Einwilligung sehe ich dieselben Inhalte"
            " wie alle." + _RIGHTS_DE,
        ),
    },
)
