"""Word-list recall scoring (reference sheet §7e).

A typed answer matches a list word when, after normalising both (lower case,
accents stripped, leading articles dropped), it equals the word's singular or
plural form, or differs from it by one edit (Levenshtein ≤ 1) for forms of at
least five letters. Each list word is credited once; a second answer matching
it is a repetition; an answer matching no list word is an intrusion.

Scores: total learning = sum of the three immediate trials (0–36); delayed
recall (0–12); retention % = delayed ÷ trial 3 × 100.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = [
    "ARTICLES",
    "MAX_ANSWERS",
    "RecallScore",
    "WordScores",
    "answers_of",
    "levenshtein",
    "normalise",
    "score_recall",
    "word_scores",
]

ARTICLES = frozenset(
    {"le", "la", "les", "l", "un", "une", "des", "du", "the", "a", "an", "der", "die", "das", "ein", "eine", "den"}
)
MAX_ANSWERS = 60
_SPLIT = re.compile(r"[\s,;.·/]+")
_LIGATURES = str.maketrans({"ß": "ss", "œ": "oe", "æ": "ae", "’": "'"})


def normalise(word: str) -> str:
    """Lower case, ligatures spelled out, accents and punctuation removed."""
    text = unicodedata.normalize("NFKD", word.strip().lower().translate(_LIGATURES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[^a-z]", "", text.split("'")[-1])


def answers_of(text: str) -> list[str]:
    """The answers in what the member typed (words separated by spaces, commas or lines), articles dropped."""
    words = [normalise(part) for part in _SPLIT.split(text[:2000])]
    return [word for word in words if word and word not in ARTICLES][:MAX_ANSWERS]


def levenshtein(a: str, b: str) -> int:
    """Edit distance (insertions, deletions, substitutions)."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _matches(answer: str, forms: Iterable[str]) -> bool:
    for form in forms:
        if answer == form or (len(form) >= 5 and abs(len(form) - len(answer)) <= 1 and levenshtein(answer, form) <= 1):
            return True
    return False


@dataclass(frozen=True, slots=True)
class RecallScore:
    """One recall: list words credited (indexes), intrusions and repetitions."""

    recalled: tuple[int, ...]
    intrusions: int
    repetitions: int

    @property
    def correct(self) -> int:
        return len(self.recalled)


def score_recall(words: Sequence[Sequence[str]], answers: Sequence[str]) -> RecallScore:
    """Score normalised answers against list words given as their forms (singular, plural…)."""
    forms = [[normalise(form) for form in word] for word in words]
    recalled: list[int] = []
    intrusions = repetitions = 0
    for answer in answers:
        index = next((i for i, word in enumerate(forms) if _matches(answer, word)), None)
        if index is None:
            intrusions += 1
        elif index in recalled:
            repetitions += 1
        else:
            recalled.append(index)
    return RecallScore(tuple(recalled), intrusions, repetitions)


@dataclass(frozen=True, slots=True)
class WordScores:
    """Learning trials, total learning (0–36), delayed recall (0–12) and retention %."""

    trials: tuple[int, ...]
    total_learning: int
    delayed: int | None
    retention: float | None
    intrusions: int
    repetitions: int


def word_scores(learning: Sequence[RecallScore], delayed: RecallScore | None) -> WordScores:
    """Combine the immediate recalls and the delayed one (None before it was done)."""
    trials = tuple(score.correct for score in learning)
    last = trials[-1] if trials else 0
    delayed_correct = delayed.correct if delayed else None
    retention = 100.0 * delayed_correct / last if delayed_correct is not None and last else None
    everything = [*learning, *([delayed] if delayed else [])]
    return WordScores(
        trials=trials,
        total_learning=sum(trials),
        delayed=delayed_correct,
        retention=retention,
        intrusions=sum(score.intrusions for score in everything),
        repetitions=sum(score.repetitions for score in everything),
    )
