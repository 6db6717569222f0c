"""The coded vocabulary: ICD-10 conditions and symptoms, families, and typo-tolerant search.

Loaded once from ``data/vocabulary.json`` (see that file for sources and
licences). Search folds accents and case, accepts prefixes ("diab") and
small typos ("asthme" → "astme", "diabete typ 2"), and looks at the
everyday label, the official ICD-10 label and, with a lower weight, the
other languages' labels (members of bilingual editions type either).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

__all__ = ["Concept", "Family", "Vocabulary", "fold", "vocabulary"]

DATA = Path(__file__).resolve().parent / "data" / "vocabulary.json"
LANGS = ("fr", "en", "de")
_SPLIT = re.compile(r"[^0-9a-z]+")
_STOP = frozenset(
    "a au aux d de des du en et l la le les of the and with in der die das und mit von".split()  # noqa: SIM905
)


def fold(text: str) -> str:
    """Lower-case ASCII-ish text: "Diabète" → "diabete", "Œsophage" → "oesophage"."""
    text = text.replace("œ", "oe").replace("Œ", "Oe").replace("ß", "ss").replace("æ", "ae")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _tokens(text: str) -> list[str]:
    return [t for t in _SPLIT.split(fold(text)) if t]


@dataclass(frozen=True)
class Family:
    """An ICD-10 block (e.g. ``E10-E14``) or chapter (``IV``) with its names."""

    key: str
    kind: str
    names: dict[str, str] = field(hash=False)

    def name(self, lang: str) -> str:
        return self.names.get(lang) or self.names["en"]


@dataclass(frozen=True)
class Concept:
    """A condition or symptom members can pick."""

    code: str
    kind: str  # "condition" | "symptom"
    family: str
    chapter: str
    labels: dict[str, str] = field(hash=False)
    official: dict[str, str] = field(hash=False)

    def label(self, lang: str) -> str:
        return self.labels.get(lang) or self.labels["en"]

    def official_label(self, lang: str) -> str:
        return self.official.get(lang) or self.official.get("en", "")

    @property
    def category(self) -> str:
        """The three-character ICD-10 category ("G43" for "G43.1"): the same condition for matching."""
        return self.code.split(".")[0]


def _distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein distance, giving up (limit + 1) beyond ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _token_score(query: str, token: str) -> float:
    """How well one typed word matches one word of a label (0 = not at all)."""
    if query == token:
        return 1.0
    if query.isdigit() or token.isdigit():
        return 0.0  # "type 1" must not find "type 2"
    if token.startswith(query):
        return 0.9 if len(query) >= 2 else 0.5
    if len(query) < 4 or query[0] != token[0]:
        return 0.0  # typos rarely hit the first letter; this keeps "depression" from finding "pression"
    limit = 1 if len(query) < 8 else 2
    if _distance(query, token, limit) <= limit:
        return 0.75
    if len(token) > len(query) and _distance(query, token[: len(query)], 1) <= 1:
        return 0.6  # a typo in a prefix: "diabeti" for "diabetique"
    return 0.0


class Vocabulary:
    """Conditions, symptoms and families, with search."""

    def __init__(self, raw: dict[str, object]) -> None:
        families = raw["families"]
        assert isinstance(families, dict)
        self.families = {k: Family(k, v["kind"], v["names"]) for k, v in families.items()}
        self.concepts: dict[str, Concept] = {}
        for kind, key in (("condition", "conditions"), ("symptom", "symptoms")):
            entries = raw[key]
            assert isinstance(entries, list)
            for e in entries:
                self.concepts[e["code"]] = Concept(
                    e["code"], kind, e["family"], e["chapter"], e["labels"], e.get("official", {})
                )
        self._indexes: dict[str, _Index] = {}

    def get(self, code: str, kind: str | None = None) -> Concept | None:
        """The concept with this code (``kind`` restricts to conditions or symptoms)."""
        concept = self.concepts.get(code.strip().upper())
        if concept is None or (kind is not None and concept.kind != kind):
            return None
        return concept

    def of_kind(self, kind: str) -> list[Concept]:
        return [c for c in self.concepts.values() if c.kind == kind]

    def in_family(self, family: str) -> list[Concept]:
        return [c for c in self.concepts.values() if c.family == family]

    def _index(self, lang: str) -> _Index:
        index = self._indexes.get(lang)
        if index is None:
            index = self._indexes[lang] = _Index(self.concepts.values(), lang)
        return index

    def search(self, query: str, lang: str, *, kind: str | None = None, limit: int = 12) -> list[Concept]:
        """Concepts matching ``query`` best first; a code ("E11", "j45.0") comes first."""
        folded = _tokens(query)[:8]
        if not folded:
            return []
        words = [w for w in folded if w not in _STOP] or folded
        best = self._index(lang).match(words)
        ranked = sorted(best, key=lambda code: (-best[code], len(self.concepts[code].label(lang)), code))
        results = [self.concepts[code] for code in ranked if kind is None or self.concepts[code].kind == kind]
        exact = self.get(query, kind)
        if exact is not None:
            results = [exact, *(c for c in results if c is not exact)]
        return results[:limit]


class _Index:
    """Inverted index of one language's searchable texts: word → texts holding it."""

    def __init__(self, concepts: Iterable[Concept], lang: str) -> None:
        self.texts: list[tuple[str, float, str]] = []  # (code, weight, first word)
        self.postings: dict[str, list[int]] = {}
        for concept in concepts:
            seen: set[str] = set()
            for weight, text in (
                (1.0, concept.label(lang)),
                (0.95, concept.official_label(lang)),
                *((0.8, concept.label(other)) for other in LANGS if other != lang),
                *((0.75, concept.official_label(other)) for other in LANGS if other != lang),
            ):
                tokens = _tokens(text)
                if not tokens or text in seen:
                    continue
                seen.add(text)
                number = len(self.texts)
                self.texts.append((concept.code, weight, tokens[0]))
                for token in set(tokens):
                    self.postings.setdefault(token, []).append(number)

    def match(self, words: list[str]) -> dict[str, float]:
        """Best score per concept code among texts where every word matches a token."""
        per_text: dict[int, float] = {}
        for position, word in enumerate(words):
            scores: dict[int, float] = {}
            for token, numbers in self.postings.items():
                score = _token_score(word, token)
                if score:
                    for number in numbers:
                        if (position == 0 or number in per_text) and score > scores.get(number, 0.0):
                            scores[number] = score
            per_text = {n: per_text.get(n, 0.0) + s for n, s in scores.items()}
            if not per_text:
                return {}
        best: dict[str, float] = {}
        for number, total in per_text.items():
            code, weight, first = self.texts[number]
            value = weight * total / len(words) + (0.05 if first == words[0] else 0.0)
            best[code] = max(best.get(code, 0.0), value)
        return best


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The shipped vocabulary (read once per process)."""
    return Vocabulary(json.loads(DATA.read_text(encoding="utf-8")))
