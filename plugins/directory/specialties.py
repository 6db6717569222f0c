"""Coded specialties of the directory, named as each country names them.

A listing stores a code ("physiotherapist"); pages show the label of the
edition's country in the page language ("Masseur-kinésithérapeute" in
France, "Kinésithérapeute" in Belgium, "Physiotherapeut" in Germany). A
code absent from a country's list cannot be chosen there. Keywords let a
member type "kiné", "physio" or "GP" and still find the right listings.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.api import search_key

__all__ = ["PARTNER_KINDS", "SPECIALTIES", "Specialty", "codes_for", "label", "matching_codes"]


@dataclass(frozen=True)
class Specialty:
    code: str
    partner: bool
    labels: dict[str, str]  # language -> generic label
    keywords: tuple[str, ...] = ()


_S = Specialty
SPECIALTIES: dict[str, Specialty] = {
    s.code: s
    for s in (
        _S(
            "general_practitioner",
            False,
            {"fr": "Médecin généraliste", "en": "General practitioner (GP)", "de": "Allgemeinmediziner"},
            ("medecin", "generaliste", "gp", "doctor", "hausarzt", "arzt", "medecin de famille", "family doctor"),
        ),
        _S(
            "physiotherapist",
            False,
            {"fr": "Kinésithérapeute", "en": "Physiotherapist", "de": "Physiotherapeut"},
            (
                "kine",
                "kinesitherapeute",
                "kinesitherapie",
                "physio",
                "physiotherapy",
                "physiotherapie",
                "krankengymnast",
            ),
        ),
        _S(
            "psychologist",
            False,
            {"fr": "Psychologue", "en": "Psychologist", "de": "Psychologe"},
            ("psy", "psychologue", "psychotherapy", "psychotherapie", "therapist"),
        ),
        _S("psychiatrist", False, {"fr": "Psychiatre", "en": "Psychiatrist", "de": "Psychiater"}, ("psy",)),
        _S(
            "speech_therapist",
            False,
            {"fr": "Orthophoniste", "en": "Speech and language therapist", "de": "Logopäde"},
            ("orthophonie", "logopede", "logopedie", "speech", "logopadie"),
        ),
        _S(
            "occupational_therapist",
            False,
            {"fr": "Ergothérapeute", "en": "Occupational therapist", "de": "Ergotherapeut"},
            ("ergo", "ergotherapie"),
        ),
        _S(
            "nurse",
            False,
            {"fr": "Infirmier ou infirmière", "en": "Nurse", "de": "Pflegefachkraft"},
            ("infirmiere", "infirmier", "soins a domicile", "pflege", "krankenpfleger"),
        ),
        _S("midwife", False, {"fr": "Sage-femme", "en": "Midwife", "de": "Hebamme"}, ("maieuticien",)),
        _S("dentist", False, {"fr": "Chirurgien-dentiste", "en": "Dentist", "de": "Zahnarzt"}, ("dentiste", "dental")),
        _S(
            "dietitian",
            False,
            {"fr": "Diététicien ou diététicienne", "en": "Dietitian", "de": "Diätassistent"},
            ("dieteticien", "nutrition", "nutritionniste", "ernahrungsberater"),
        ),
        _S(
            "podiatrist",
            False,
            {"fr": "Pédicure-podologue", "en": "Podiatrist", "de": "Podologe"},
            ("podologue", "pedicure", "chiropodist"),
        ),
        _S(
            "cardiologist",
            False,
            {"fr": "Cardiologue", "en": "Cardiologist", "de": "Kardiologe"},
            ("coeur", "heart", "herz"),
        ),
        _S(
            "dermatologist",
            False,
            {"fr": "Dermatologue", "en": "Dermatologist", "de": "Dermatologe"},
            ("peau", "skin", "hautarzt"),
        ),
        _S(
            "endocrinologist",
            False,
            {"fr": "Endocrinologue", "en": "Endocrinologist", "de": "Endokrinologe"},
            ("diabete", "diabetes", "diabetologue"),
        ),
        _S(
            "gynaecologist",
            False,
            {"fr": "Gynécologue", "en": "Gynaecologist", "de": "Frauenarzt"},
            ("gyneco", "gynakologe"),
        ),
        _S("neurologist", False, {"fr": "Neurologue", "en": "Neurologist", "de": "Neurologe"}, ("neuro",)),
        _S(
            "paediatrician",
            False,
            {"fr": "Pédiatre", "en": "Paediatrician", "de": "Kinderarzt"},
            ("enfant", "children", "kinder"),
        ),
        _S(
            "rheumatologist",
            False,
            {"fr": "Rhumatologue", "en": "Rheumatologist", "de": "Rheumatologe"},
            ("rhumato", "arthrite", "arthritis"),
        ),
        _S(
            "ophthalmologist",
            False,
            {"fr": "Ophtalmologue", "en": "Ophthalmologist", "de": "Augenarzt"},
            ("ophtalmo", "yeux", "eyes", "optician"),
        ),
        _S(
            "pharmacy",
            True,
            {"fr": "Pharmacie", "en": "Pharmacy", "de": "Apotheke"},
            ("pharmacien", "chemist", "pharmacist", "apotheker"),
        ),
        _S(
            "patient_association",
            True,
            {"fr": "Association de patients", "en": "Patient association", "de": "Patientenorganisation"},
            ("association", "charity", "support group", "selbsthilfe", "selbsthilfegruppe", "verein"),
        ),
        _S(
            "medical_equipment",
            True,
            {"fr": "Matériel médical", "en": "Medical equipment provider", "de": "Sanitätshaus"},
            ("materiel medical", "fauteuil", "wheelchair", "rollstuhl", "orthopedie", "mobility"),
        ),
        _S(
            "laboratory",
            True,
            {"fr": "Laboratoire d'analyses", "en": "Medical laboratory", "de": "Labor"},
            ("analyses", "prise de sang", "blood test", "labor"),
        ),
    )
}

PARTNER_KINDS = tuple(code for code, s in SPECIALTIES.items() if s.partner)

#: Country names for a code where they differ from the generic label.
_COUNTRY_LABELS: dict[tuple[str, str], dict[str, str]] = {
    ("FR", "physiotherapist"): {"fr": "Masseur-kinésithérapeute"},
    ("BE", "speech_therapist"): {"fr": "Logopède"},
    ("CH", "physiotherapist"): {"fr": "Physiothérapeute", "de": "Physiotherapeut"},
    ("CH", "speech_therapist"): {"fr": "Logopédiste", "de": "Logopäde"},
    ("CA-QC", "general_practitioner"): {"fr": "Médecin de famille", "en": "Family physician"},
    ("CA-QC", "physiotherapist"): {"fr": "Physiothérapeute"},
    ("CA-QC", "nurse"): {"fr": "Infirmière ou infirmier"},
    ("GB", "general_practitioner"): {"en": "GP (general practitioner)"},
    ("GB", "pharmacy"): {"en": "Pharmacy (chemist)"},
    ("DE", "general_practitioner"): {"de": "Hausarzt / Hausärztin"},
    ("DE", "psychologist"): {"de": "Psychologischer Psychotherapeut"},
}

#: Specialties each country's list leaves out (no such regulated profession there).
_NOT_IN: dict[str, frozenset[str]] = {
    "MA": frozenset({"podiatrist", "occupational_therapist"}),
    "DZ": frozenset({"podiatrist", "occupational_therapist"}),
    "TN": frozenset({"podiatrist"}),
}


def codes_for(country: str) -> tuple[str, ...]:
    """Codes a listing of this country may use, professionals first."""
    excluded = _NOT_IN.get(country, frozenset())
    return tuple(code for code in SPECIALTIES if code not in excluded)


def label(code: str, country: str, language: str) -> str:
    """The country's name for a specialty in ``language`` (falls back to English, then the code)."""
    specialty = SPECIALTIES.get(code)
    if specialty is None:
        return code
    local = _COUNTRY_LABELS.get((country, code), {})
    return local.get(language) or specialty.labels.get(language) or specialty.labels.get("en", code)


def matching_codes(text: str, country: str) -> set[str]:
    """Specialty codes a typed keyword designates ("kiné" -> physiotherapist)."""
    key = search_key(text)
    if len(key) < 2:
        return set()
    found = set()
    for code in codes_for(country):
        specialty = SPECIALTIES[code]
        names = [*specialty.labels.values(), *specialty.keywords, code.replace("_", " ")]
        names.extend(
            v for (c, k), labels in _COUNTRY_LABELS.items() if c == country and k == code for v in labels.values()
        )
        if any(key in search_key(name) or f" {search_key(name)} " in f" {key} " for name in names):
            found.add(code)
    return found
