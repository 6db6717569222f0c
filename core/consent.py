"""Consent: purposes, the append-only ledger and the checks handlers use.

Every grant and withdrawal appends one :class:`~core.tables.ConsentEvent`
row carrying the hash of the exact text shown, the edition, the language and
the channel. Rows are chained by hash (tamper evidence) and never updated.
When the member erases their account the rows are re-keyed to a random
erasure id (:mod:`core.erasure`): proof that consent was collected remains,
the identity does not.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from core.db import transaction
from core.prepared import prepared
from core.tables import ConsentEvent

if TYPE_CHECKING:
    from core.sites import Site

__all__ = [
    "CORE_PURPOSES",
    "ConsentState",
    "Purpose",
    "PurposeText",
    "current_state",
    "entry_hash",
    "record",
    "verify_chain",
]


@dataclass(frozen=True)
class PurposeText:
    """The text of a purpose in one language (placeholders: controller, hosting, edition)."""

    title: str
    body: str


@dataclass(frozen=True)
class Purpose:
    """A reason for processing member data that needs consent.

    Attributes:
        name: ``<slug>.<purpose>``, e.g. ``core.health_data``.
        texts: Text per language code; editions must cover their languages.
        required_for_signup: Sign-up is refused without it (terms only).
        health: The purpose processes health data (GDPR art. 9): needs an
            explicit, separate statement.
        order: Position on the consents page.
    """

    name: str
    texts: dict[str, PurposeText] = field(hash=False)
    required_for_signup: bool = False
    health: bool = False
    order: int = 100

    def text(self, site: Site, language: str | None = None) -> PurposeText:
        lang = language if language in self.texts else site.locale
        raw = self.texts.get(lang) or self.texts.get("en") or next(iter(self.texts.values()))
        values = {"controller": site.controller, "hosting": site.hosting, "edition": site.name}
        return PurposeText(raw.title.format(**values), raw.body.format(**values))

    def version(self, site: Site, language: str | None = None) -> str:
        """Hash of the exact text shown; changes when the wording changes."""
        text = self.text(site, language)
        return hashlib.sha256(f"{self.name}\n{text.title}\n{text.body}".encode()).hexdigest()[:16]


_RIGHTS_FR = (
    " Responsable du traitement : {controller}. Vous pouvez retirer ce consentement à tout moment,"
    " en un clic, depuis « Mes consentements » ; le retrait n'affecte pas votre compte. {hosting}"
)
_RIGHTS_EN = (
    " Data controller: {controller}. You can withdraw this consent at any time, in one click,"
    " from “My consents”; withdrawing does not affect your account. {hosting}"
)
_RIGHTS_DE = (
    " Verantwortlicher: {controller}. Sie können diese Einwilligung jederzeit mit einem Klick unter"
    " „Meine Einwilligungen“ widerrufen; Ihr Konto bleibt davon unberührt. {hosting}"
)

CORE_PURPOSES: tuple[Purpose, ...] = (
    Purpose(
        name="core.terms",
        required_for_signup=True,
        order=10,
        texts={
            "fr": PurposeText(
                "Conditions d'utilisation",
                "J'accepte les conditions d'utilisation de {edition} : je participe sous pseudonyme,"
                " je respecte les autres membres et je sais que la communauté ne remplace pas un"
                " professionnel de santé." + _RIGHTS_FR,
            ),
            "en": PurposeText(
                "Terms of use",
                "I accept the terms of use of {edition}: I take part under a pseudonym, I respect other"
                " members and I know the community does not replace a health professional." + _RIGHTS_EN,
            ),
            "de": PurposeText(
                "Nutzungsbedingungen",
                "Ich akzeptiere die Nutzungsbedingungen von {edition}: Ich nehme unter einem Pseudonym teil,"
                " respektiere andere Mitglieder und weiß, dass die Gemeinschaft keine Fachperson"
                " ersetzt." + _RIGHTS_DE,
            ),
        },
    ),
    Purpose(
        name="core.health_data",
        health=True,
        order=20,
        texts={
            "fr": PurposeText(
                "Traitement de mes données de santé",
                "J'autorise expressément {controller} à traiter mes données de santé (pathologies,"
                " symptômes, traitements, relevés du carnet de santé) pour me fournir les fonctions"
                " santé de {edition}. Elles ne sont visibles que par moi, sauf partage que je choisis." + _RIGHTS_FR,
            ),
            "en": PurposeText(
                "Processing of my health data",
                "I explicitly allow {controller} to process my health data (conditions, symptoms,"
                " treatments, Health Box records) to provide the health features of {edition}. Only I"
                " can see them, unless I choose to share." + _RIGHTS_EN,
            ),
            "de": PurposeText(
                "Verarbeitung meiner Gesundheitsdaten",
                "Ich erlaube {controller} ausdrücklich, meine Gesundheitsdaten (Erkrankungen, Symptome,"
                " Behandlungen, Einträge der Gesundheitsbox) zu verarbeiten, um mir die"
                " Gesundheitsfunktionen von {edition} bereitzustellen. Nur ich sehe sie, außer ich"
                " teile sie." + _RIGHTS_DE,
            ),
        },
    ),
    Purpose(
        name="core.partner_studies",
        health=True,
        order=30,
        texts={
            "fr": PurposeText(
                "Études partenaires anonymes",
                "J'accepte que mes données de santé soient utilisées, sous forme de statistiques"
                " anonymes où les petits groupes sont masqués (moins de 11 personnes), dans des études"
                " de partenaires. Aucune donnée individuelle n'est transmise." + _RIGHTS_FR,
            ),
            "en": PurposeText(
                "Anonymous partner studies",
                "I agree that my health data may be used, as anonymous statistics in which small groups"
                " (fewer than 11 people) are hidden, in partner studies. No individual data is passed"
                " on." + _RIGHTS_EN,
            ),
            "de": PurposeText(
                "Anonyme Partnerstudien",
                "Ich bin einverstanden, dass meine Gesundheitsdaten als anonyme Statistiken, in denen"
                " kleine Gruppen (unter 11 Personen) ausgeblendet sind, in Partnerstudien genutzt"
                " werden. Es werden keine Einzeldaten weitergegeben." + _RIGHTS_DE,
            ),
        },
    ),
)


@dataclass(frozen=True)
class ConsentState:
    """The member's current decision for every purpose (latest ledger row)."""

    granted: dict[str, datetime]
    withdrawn: dict[str, datetime]
    versions: dict[str, str]

    def has(self, purpose: str) -> bool:
        return purpose in self.granted

    @classmethod
    def empty(cls) -> ConsentState:
        return cls({}, {}, {})


#: The member's ledger, oldest first (built once: this runs on every signed-in page).
_LEDGER = prepared(
    lambda p: (
        ConsentEvent.select(
            ConsentEvent.purpose, ConsentEvent.action, ConsentEvent.created_at, ConsentEvent.text_version
        )
        .where(ConsentEvent.member == p.member_id)
        .order_by(ConsentEvent.id)
    )
)


async def current_state(member_id: int) -> ConsentState:
    """Replay the ledger: the last row per purpose decides."""
    rows = await _LEDGER.rows(member_id=member_id)
    granted: dict[str, datetime] = {}
    withdrawn: dict[str, datetime] = {}
    versions: dict[str, str] = {}
    for row in rows:
        if row["action"] == "grant":
            granted[row["purpose"]] = row["created_at"]
            withdrawn.pop(row["purpose"], None)
            versions[row["purpose"]] = row["text_version"]
        else:
            withdrawn[row["purpose"]] = row["created_at"]
            granted.pop(row["purpose"], None)
    return ConsentState(granted, withdrawn, versions)


async def record(
    member_id: int,
    purpose: Purpose,
    action: str,
    *,
    site: Site,
    language: str,
    channel: str,
    in_transaction: bool = False,
) -> None:
    """Append one ledger row (grant or withdraw), chained to the previous one."""
    if action not in ("grant", "withdraw"):
        raise ValueError(f"unknown consent action {action!r}")
    if in_transaction:
        await _append(member_id, purpose, action, site=site, language=language, channel=channel)
        return
    async with transaction(ConsentEvent._meta.db):
        await _append(member_id, purpose, action, site=site, language=language, channel=channel)


def entry_hash(prev: str, row: Mapping[str, Any]) -> str:
    """Hash of one ledger row chained to the previous one.

    The member is deliberately not part of it: after erasure the rows are
    re-keyed to an erasure id (:class:`~core.tables.ConsentArchive`) and the
    chain must still verify without any identity.
    """
    created = row["created_at"]  # a datetime, or its ISO text in an export ("…Z" or "…+00:00")
    created = created if isinstance(created, datetime) else datetime.fromisoformat(str(created))
    stamp = created.astimezone(UTC).isoformat()
    payload = "|".join(
        (prev, row["purpose"], row["action"], row["text_version"], row["site"], row["language"], row["channel"], stamp)
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def verify_chain(rows: Iterable[Mapping[str, Any]]) -> bool:
    """Whether ledger rows (one member's, oldest first) link up and hash to what they say."""
    prev = ""
    for row in rows:
        if row["prev_hash"] != prev or row["entry_hash"] != entry_hash(prev, row):
            return False
        prev = row["entry_hash"]
    return True


async def _append(member_id: int, purpose: Purpose, action: str, *, site: Site, language: str, channel: str) -> None:
    last = (
        await ConsentEvent.select(ConsentEvent.entry_hash)
        .where(ConsentEvent.member == member_id)
        .order_by(ConsentEvent.id, ascending=False)
        .first()
    )
    prev = last["entry_hash"] if last else ""
    now = datetime.now(UTC)
    version = purpose.version(site, language)
    fields: dict[str, Any] = {"purpose": purpose.name, "action": action, "text_version": version, "site": site.code}
    fields |= {"language": language, "channel": channel, "created_at": now}
    await ConsentEvent.insert(
        ConsentEvent(
            member=member_id,
            purpose=purpose.name,
            action=action,
            text_version=version,
            site=site.code,
            language=language,
            channel=channel,
            created_at=now,
            prev_hash=prev,
            entry_hash=entry_hash(prev, fields),
        )
    )
