"""Trial plans the server issues before a run (what will be shown, in which order).

The browser receives the plan, shows exactly these trials and sends back one
answer per trial shown; the server keeps the plan, so it can refuse answers to
trials that were never shown and score against what was really on screen.
Parameters are fixed (check-in mode, reference sheet §7): the same for every
run, so runs are comparable over time.
"""

from __future__ import annotations

import random
from typing import Any

from plugins.memoactiv.wordlists import list_for, practice_words

__all__ = [
    "CHOICE_SIDES",
    "CONSONANTS",
    "FLANKER_PRACTICE",
    "FLANKER_SCORED",
    "NBACK_OFF_MS",
    "NBACK_ON_MS",
    "RESPONSE_LIMIT_MS",
    "SPAN_LENGTHS",
    "SPAN_OFF_MS",
    "SPAN_ON_MS",
    "STROOP_COLOURS",
    "STROOP_FIXATION_MS",
    "STROOP_ITI_MS",
    "STROOP_MAX_MS",
    "WORD_MS",
    "WORD_RECALL_MS",
    "WORD_TRIALS",
    "make_plan",
    "span_sequence",
]

SPAN_ON_MS, SPAN_OFF_MS = 800, 200
SPAN_LENGTHS = {"forward": range(3, 10), "backward": range(2, 9)}
CONSONANTS = "BCDFGHJKLMNPRSTVXZ"
NBACK_ON_MS, NBACK_OFF_MS = 500, 2000
NBACK_SCORED, NBACK_TARGETS = 20, 6
RESPONSE_LIMIT_MS = 5000  # simple/choice RT: the trial ends without an answer after 5 s (a lapse)
CHOICE_SIDES = ("left", "right")
STROOP_COLOURS = ("red", "green", "blue", "yellow")
STROOP_FIXATION_MS, STROOP_MAX_MS, STROOP_ITI_MS = 500, 2500, 500
STROOP_PRACTICE, STROOP_SCORED = 12, 96
FLANKER_PRACTICE, FLANKER_SCORED = 12, 96  # same timings as Stroop: 500 ms fixation, ≤ 2500 ms, 500 ms ITI
FLANKER_MAX_RUN = 3
WORD_MS, WORD_RECALL_MS, WORD_TRIALS = 2000, 90_000, 3


def _has_run(digits: list[int]) -> bool:
    """Three digits in a row going up or down by one (1-2-3, 7-6-5)."""
    return any(
        abs(digits[i + 1] - digits[i]) == 1 and digits[i + 2] - digits[i + 1] == digits[i + 1] - digits[i]
        for i in range(len(digits) - 2)
    )


def span_sequence(rng: random.Random, length: int) -> list[int]:
    """Digits 1–9, no repeat within the sequence, no three-digit ascending or descending run."""
    while True:
        digits = rng.sample(range(1, 10), length)
        if not _has_run(digits):
            return digits


def _span(rng: random.Random, direction: str) -> dict[str, Any]:
    lengths = SPAN_LENGTHS[direction]
    first = lengths[0]
    trials = [{"length": n, "digits": span_sequence(rng, n)} for n in lengths for _ in range(2)]
    return {
        "direction": direction,
        "on_ms": SPAN_ON_MS,
        "off_ms": SPAN_OFF_MS,
        "practice": [span_sequence(rng, first) for _ in range(2)],
        "trials": trials,
    }


def _nback_block(rng: random.Random, n: int, scored: int, targets: int) -> list[str]:
    """``scored + n`` consonants, ``targets`` of the scored ones repeating the letter n back."""
    positions = set(rng.sample(range(n, n + scored), targets))
    letters: list[str] = []
    for i in range(n + scored):
        if i in positions:
            letters.append(letters[i - n])
        else:
            avoid = {letters[i - n]} if i >= n else set()
            letters.append(rng.choice([c for c in CONSONANTS if c not in avoid]))
    return letters


def _nback(rng: random.Random) -> dict[str, Any]:
    return {
        "on_ms": NBACK_ON_MS,
        "off_ms": NBACK_OFF_MS,
        "practice": {"n": 1, "letters": _nback_block(rng, 1, 9, 3)},
        "blocks": [{"n": n, "letters": _nback_block(rng, n, NBACK_SCORED, NBACK_TARGETS)} for n in (1, 2)],
    }


def _foreperiods(rng: random.Random, count: int) -> list[int]:
    return [rng.randrange(1000, 3001, 10) for _ in range(count)]


def _balanced(rng: random.Random, values: tuple[str, ...], count: int) -> list[str]:
    items = [values[i % len(values)] for i in range(count)]
    rng.shuffle(items)
    return items


def _rt(rng: random.Random, choice: bool) -> dict[str, Any]:
    practice, scored = (5, 40) if choice else (5, 30)
    plan: dict[str, Any] = {
        "limit_ms": RESPONSE_LIMIT_MS,
        "practice": _foreperiods(rng, practice),
        "trials": _foreperiods(rng, scored),
    }
    if choice:
        plan["practice_sides"] = _balanced(rng, CHOICE_SIDES, practice)
        plan["sides"] = _balanced(rng, CHOICE_SIDES, scored)
    return plan


def _stroop_trials(rng: random.Random, count: int) -> list[dict[str, int]]:
    """Half congruent, half incongruent, colours balanced, no identical consecutive stimuli."""
    n = len(STROOP_COLOURS)
    pool = [{"word": c, "ink": c} for c in range(n)] * (count // (2 * n))
    pool += [{"word": w, "ink": i} for w in range(n) for i in range(n) if w != i] * (count // (2 * n * (n - 1)))
    while len(pool) < count:
        w, i = rng.sample(range(n), 2)
        pool.append({"word": w, "ink": i} if len(pool) % 2 else {"word": w, "ink": w})
    for _ in range(200):
        rng.shuffle(pool)
        if all(pool[k] != pool[k + 1] for k in range(len(pool) - 1)):
            break
    return pool[:count]


def _stroop(rng: random.Random) -> dict[str, Any]:
    return {
        "colours": list(STROOP_COLOURS),
        "fixation_ms": STROOP_FIXATION_MS,
        "max_ms": STROOP_MAX_MS,
        "iti_ms": STROOP_ITI_MS,
        "practice": _stroop_trials(rng, STROOP_PRACTICE),
        "trials": _stroop_trials(rng, STROOP_SCORED),
    }


def _flanker_trials(rng: random.Random, count: int) -> list[dict[str, Any]]:
    """Central arrow left/right × flankers same way (congruent) or opposite, equally often; no run over 3."""
    kinds = [{"target": side, "congruent": congruent} for side in CHOICE_SIDES for congruent in (True, False)]
    pool = [dict(kinds[i % len(kinds)]) for i in range(count)]
    for _ in range(500):
        rng.shuffle(pool)
        if all(pool[k : k + FLANKER_MAX_RUN + 1].count(pool[k]) <= FLANKER_MAX_RUN for k in range(len(pool))):
            break
    return pool


def _flanker(rng: random.Random) -> dict[str, Any]:
    return {
        "fixation_ms": STROOP_FIXATION_MS,
        "max_ms": STROOP_MAX_MS,
        "iti_ms": STROOP_ITI_MS,
        "practice": _flanker_trials(rng, FLANKER_PRACTICE),
        "trials": _flanker_trials(rng, FLANKER_SCORED),
    }


def _words(language: str, form: int, delayed: bool) -> dict[str, Any]:
    words = [word[0] for word in list_for(language, form)]
    plan: dict[str, Any] = {"form": form, "language": language, "recall_ms": WORD_RECALL_MS}
    if not delayed:
        plan.update(
            {"words": words, "word_ms": WORD_MS, "trials": WORD_TRIALS, "practice": list(practice_words(language))}
        )
    return plan


def make_plan(exercise: str, *, language: str = "en", form: int = 1, seed: int | None = None) -> dict[str, Any]:
    """A fresh plan for one run of ``exercise`` (random stimuli from ``seed``, fixed parameters)."""
    rng = random.Random(seed)
    if exercise in ("span_forward", "span_backward"):
        return _span(rng, exercise.removeprefix("span_"))
    if exercise == "nback":
        return _nback(rng)
    if exercise in ("rt_simple", "rt_choice"):
        return _rt(rng, exercise == "rt_choice")
    if exercise == "stroop":
        return _stroop(rng)
    if exercise == "flanker":
        return _flanker(rng)
    if exercise in ("words", "words_delayed"):
        return _words(language, form, exercise == "words_delayed")
    raise KeyError(exercise)
