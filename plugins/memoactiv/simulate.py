"""Browser-like result payloads for a plan, from a simulated member (demo data and tests).

The payloads have exactly the shape the page's script sends, so the demo's
runs go through the same checks and scoring as a real member's, and tests
start from a valid payload before tampering with it.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from plugins.memoactiv.plans import CHOICE_SIDES

__all__ = ["Ability", "payload_for"]

DEVICE = {"class": "desktop", "input": "mouse", "browser": "Firefox 128", "refresh": 60}


@dataclass(frozen=True)
class Ability:
    """A simulated member's level on each task (the demo raises it with practice)."""

    span_forward: float = 6.0
    span_backward: float = 4.8
    dprime: float = 2.0
    simple_ms: float = 330.0
    choice_ms: float = 450.0
    stroop_ms: float = 620.0
    interference_ms: float = 100.0
    flanker_ms: float = 520.0
    flanker_interference_ms: float = 70.0
    words_first: float = 6.0
    words_gain: float = 2.0


def _clip(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def _span(plan: Mapping[str, Any], level: float, rng: random.Random) -> tuple[list[dict[str, Any]], float]:
    trials: list[dict[str, Any]] = []
    t, start = 0.0, 0
    items = plan["trials"]
    while start < len(items):
        pair_ok = []
        for item in items[start : start + 2]:
            expected = item["digits"] if plan["direction"] == "forward" else item["digits"][::-1]
            ok = rng.random() < 1 / (1 + math.exp(-2.2 * (level - item["length"] + 0.5)))
            answer = list(expected) if ok else [*expected[1:], expected[0]]
            rt = 1500.0 + 600 * item["length"] * rng.random()
            trials.append({"i": len(trials), "answer": answer, "rt": round(rt, 1), "t": round(t, 1)})
            t += item["length"] * 1000 + rt + 300
            pair_ok.append(ok)
        if not any(pair_ok):
            break
        start += 2
    return trials, t


def _nback(plan: Mapping[str, Any], dprime: float, rng: random.Random) -> tuple[list[dict[str, Any]], float]:
    trials: list[dict[str, Any]] = []
    t = 0.0
    for b, block in enumerate(plan["blocks"]):
        n, letters = block["n"], block["letters"]
        d = dprime + (0.8 if n == 1 else 0.0)
        hit_p, fa_p = 0.5 * (1 + math.erf(d / 2 / math.sqrt(2))), 0.5 * (1 + math.erf(-d / 2 / math.sqrt(2)))
        for i, letter in enumerate(letters):
            target = i >= n and letters[i - n] == letter
            pressed = rng.random() < (hit_p if target else fa_p) and i >= n
            rt = round(_clip(rng.gauss(680, 130), 250, 2400), 1) if pressed else None
            trials.append({"i": len(trials), "b": b, "responded": pressed, "rt": rt, "t": round(t, 1)})
            t += 2500
    return trials, t


def _rt(plan: Mapping[str, Any], median: float, choice: bool, rng: random.Random) -> tuple[list[dict[str, Any]], float]:
    trials, t = [], 0.0
    for i, foreperiod in enumerate(plan["trials"]):
        rt = round(_clip(median * math.exp(rng.gauss(0, 0.16)), 150, 4900), 1)
        trial: dict[str, Any] = {
            "i": i,
            "rt": rt,
            "early": 1 if rng.random() < 0.03 else 0,
            "t": round(t + foreperiod, 1),
        }
        if choice:
            side = plan["sides"][i]
            trial["answer"] = side if rng.random() < 0.96 else next(s for s in CHOICE_SIDES if s != side)
        trials.append(trial)
        t += foreperiod + rt + 500
    return trials, t


def _stroop(plan: Mapping[str, Any], ability: Ability, rng: random.Random) -> tuple[list[dict[str, Any]], float]:
    trials, t = [], 0.0
    for i, item in enumerate(plan["trials"]):
        congruent = item["word"] == item["ink"]
        centre = ability.stroop_ms + (0 if congruent else ability.interference_ms)
        rt = round(_clip(centre * math.exp(rng.gauss(0, 0.15)), 250, 2450), 1)
        wrong = rng.random() < (0.02 if congruent else 0.05)
        answer = (item["ink"] + 1) % 4 if wrong else item["ink"]
        trials.append({"i": i, "rt": rt, "answer": answer, "t": round(t + 500, 1)})
        t += 500 + rt + 500
    return trials, t


def _flanker(plan: Mapping[str, Any], ability: Ability, rng: random.Random) -> tuple[list[dict[str, Any]], float]:
    trials, t = [], 0.0
    for i, item in enumerate(plan["trials"]):
        centre = ability.flanker_ms + (0 if item["congruent"] else ability.flanker_interference_ms)
        rt = round(_clip(centre * math.exp(rng.gauss(0, 0.15)), 250, 2450), 1)
        wrong = rng.random() < (0.02 if item["congruent"] else 0.06)
        answer = next(s for s in CHOICE_SIDES if s != item["target"]) if wrong else item["target"]
        trials.append({"i": i, "rt": rt, "answer": answer, "t": round(t + 500, 1)})
        t += 500 + rt + 500
    return trials, t


def _recall_text(words: list[str], count: int, rng: random.Random) -> str:
    chosen = rng.sample(words, max(0, min(len(words), count)))
    return ", ".join(word.lower() for word in chosen)


def _words(
    plan: Mapping[str, Any], ability: Ability, rng: random.Random, words: list[str]
) -> tuple[list[dict[str, Any]], float]:
    if "words" not in plan:  # delayed recall
        count = round(ability.words_first + ability.words_gain * 1.5 - 1 + rng.gauss(0, 0.8))
        return [{"i": 0, "text": _recall_text(words, count, rng), "rt": 45000.0, "t": 0.0}], 46000.0
    trials, t = [], 0.0
    for i in range(plan["trials"]):
        count = round(ability.words_first + ability.words_gain * i + rng.gauss(0, 0.8))
        t += len(words) * plan["word_ms"]
        rt = 30000.0 + 20000 * rng.random()
        trials.append({"i": i, "text": _recall_text(words, count, rng), "rt": round(rt, 1), "t": round(t, 1)})
        t += rt + 500
    return trials, t


def payload_for(
    exercise: str,
    plan: Mapping[str, Any],
    token: str,
    *,
    ability: Ability | None = None,
    seed: int = 0,
    words: list[str] | None = None,
) -> dict[str, Any]:
    """A payload the page would send for ``plan`` (``words``: the list, for the delayed recall)."""
    ability = ability or Ability()
    rng = random.Random(seed)
    if exercise.startswith("span_"):
        level = ability.span_forward if exercise == "span_forward" else ability.span_backward
        trials, end = _span(plan, level, rng)
    elif exercise == "nback":
        trials, end = _nback(plan, ability.dprime, rng)
    elif exercise in ("rt_simple", "rt_choice"):
        choice = exercise == "rt_choice"
        trials, end = _rt(plan, ability.choice_ms if choice else ability.simple_ms, choice, rng)
    elif exercise == "stroop":
        trials, end = _stroop(plan, ability, rng)
    elif exercise == "flanker":
        trials, end = _flanker(plan, ability, rng)
    else:
        trials, end = _words(plan, ability, rng, list(plan.get("words") or words or []))
    return {"token": token, "duration": round(end + 1000, 1), "device": dict(DEVICE), "trials": trials}
