"""Per-exercise checks of submitted trials against the issued plan (see :mod:`payloads`).

Each checker returns the trials normalised (the stimulus taken from the plan,
never from the browser) ready to score and store, and the shortest time the
run can have taken given its stimuli.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from core.api import N_
from plugins.memoactiv.payloads import MIN_RT_MS, PayloadRejected, number, trial_list
from plugins.memoactiv.plans import CHOICE_SIDES, STROOP_COLOURS, WORD_RECALL_MS

__all__ = ["CHECKERS", "Checked", "span_shown"]

Checked = tuple[list[dict[str, Any]], float]
Trials = Sequence[Mapping[str, Any]]
MAX_ENTRY_MS = 10 * 60 * 1000  # typing a digit sequence or pausing within one trial
RECALL_SLACK_MS = 5000


def _rt(trial: Mapping[str, Any], index: int, limit: float, *, allow_none: bool) -> float | None:
    rt = number(trial.get("rt"), N_("reaction time (ms)"), low=0, high=limit, allow_none=allow_none, index=index)
    if rt is not None and rt < MIN_RT_MS:
        raise PayloadRejected(
            N_("Impossible timing: a reaction time of {rt} ms (under 100 ms) in trial {index}."),
            rt=round(rt),
            index=index,
        )
    return rt


def span_shown(plan: Mapping[str, Any], correct: Sequence[bool]) -> int:
    """How many trials the stopping rule shows, given whether each answered trial was right.

    Two trials per length; at least one right → next length; both wrong (or the
    last length done) → stop.
    """
    trials = plan["trials"]
    shown = 0
    for start in range(0, len(trials), 2):
        shown = start + 2
        pair = correct[start : start + 2]
        if len(pair) < 2 or not any(pair):
            break
    return min(shown, len(trials))


def _expected_answer(plan: Mapping[str, Any], digits: list[int]) -> list[int]:
    return digits if plan["direction"] == "forward" else digits[::-1]


def check_span(plan: Mapping[str, Any], trials: Trials, duration: float) -> Checked:
    answers: list[list[int]] = []
    for trial in trials[: len(plan["trials"]) + 1]:
        answer = trial.get("answer")
        if not isinstance(answer, list) or len(answer) > 12 or not all(type(d) is int and 0 <= d <= 9 for d in answer):
            raise PayloadRejected(N_("An answer is not a list of digits."))
        answers.append(answer)
    correct = [
        answer == _expected_answer(plan, item["digits"]) for answer, item in zip(answers, plan["trials"], strict=False)
    ]
    trial_list(trials, span_shown(plan, correct), duration)
    records, shortest = [], 0.0
    step = plan["on_ms"] + plan["off_ms"]
    for index, (trial, item) in enumerate(zip(trials, plan["trials"], strict=False)):
        rt = _rt(trial, index, MAX_ENTRY_MS, allow_none=False)
        assert rt is not None
        records.append(
            {
                "length": item["length"],
                "digits": item["digits"],
                "answer": answers[index],
                "correct": correct[index],
                "rt": rt,
                "t": trial["t"],
            }
        )
        shortest += len(item["digits"]) * step + rt
    return records, shortest


def check_nback(plan: Mapping[str, Any], trials: Trials, duration: float) -> Checked:
    blocks = plan["blocks"]
    trial_list(trials, sum(len(b["letters"]) for b in blocks), duration)
    records, position = [], 0
    for block_index, block in enumerate(blocks):
        n, letters = block["n"], block["letters"]
        for i, letter in enumerate(letters):
            trial = trials[position]
            position += 1
            if trial.get("b") != block_index:
                raise PayloadRejected(
                    N_("An answer refers to a trial that was never shown (trial {index})."), index=position - 1
                )
            responded = trial.get("responded")
            if not isinstance(responded, bool):
                raise PayloadRejected(N_("A trial does not say whether you answered."))
            rt = _rt(trial, position - 1, plan["on_ms"] + plan["off_ms"], allow_none=not responded)
            if not responded and rt is not None:
                raise PayloadRejected(N_("A trial has a reaction time but no answer."))
            target = i >= n and letters[i - n] == letter
            records.append(
                {
                    "b": block_index,
                    "n": n,
                    "letter": letter,
                    "target": target,
                    "responded": responded,
                    "rt": rt,
                    "t": trial["t"],
                }
            )
    return records, float(len(records) * (plan["on_ms"] + plan["off_ms"]))


def _check_rt(plan: Mapping[str, Any], trials: Trials, duration: float, choice: bool) -> Checked:
    foreperiods = plan["trials"]
    trial_list(trials, len(foreperiods), duration)
    records, shortest = [], 0.0
    for index, (trial, foreperiod) in enumerate(zip(trials, foreperiods, strict=True)):
        rt = _rt(trial, index, plan["limit_ms"], allow_none=True)
        early = number(trial.get("early", 0), N_("presses too early"), low=0, high=20, index=index)
        record: dict[str, Any] = {"foreperiod": foreperiod, "rt": rt, "early": int(early or 0), "t": trial["t"]}
        if choice:
            answer = trial.get("answer")
            if (answer is None) != (rt is None) or (answer is not None and answer not in CHOICE_SIDES):
                raise PayloadRejected(N_("A trial's answer is not one of the buttons shown."))
            record.update({"side": plan["sides"][index], "answer": answer, "correct": answer == plan["sides"][index]})
        else:
            record["correct"] = True
        records.append(record)
        shortest += foreperiod + (rt if rt is not None else plan["limit_ms"])
    return records, shortest


def check_rt_simple(plan: Mapping[str, Any], trials: Trials, duration: float) -> Checked:
    return _check_rt(plan, trials, duration, choice=False)


def check_rt_choice(plan: Mapping[str, Any], trials: Trials, duration: float) -> Checked:
    return _check_rt(plan, trials, duration, choice=True)


def check_stroop(plan: Mapping[str, Any], trials: Trials, duration: float) -> Checked:
    trial_list(trials, len(plan["trials"]), duration)
    records, shortest = [], 0.0
    for index, (trial, item) in enumerate(zip(trials, plan["trials"], strict=True)):
        rt = _rt(trial, index, plan["max_ms"], allow_none=True)
        answer = trial.get("answer")
        if (answer is None) != (rt is None) or (
            answer is not None and (type(answer) is not int or not 0 <= answer < len(STROOP_COLOURS))
        ):
            raise PayloadRejected(N_("A trial's answer is not one of the buttons shown."))
        congruent = item["word"] == item["ink"]
        records.append(
            {
                **item,
                "congruent": congruent,
                "answer": answer,
                "rt": rt,
                "correct": answer == item["ink"],
                "t": trial["t"],
            }
        )
        shortest += plan["fixation_ms"] + (rt if rt is not None else plan["max_ms"])
    return records, shortest


def check_flanker(plan: Mapping[str, Any], trials: Trials, duration: float) -> Checked:
    trial_list(trials, len(plan["trials"]), duration)
    records, shortest = [], 0.0
    for index, (trial, item) in enumerate(zip(trials, plan["trials"], strict=True)):
        rt = _rt(trial, index, plan["max_ms"], allow_none=True)
        answer = trial.get("answer")
        if (answer is None) != (rt is None) or (answer is not None and answer not in CHOICE_SIDES):
            raise PayloadRejected(N_("A trial's answer is not one of the buttons shown."))
        records.append({**item, "answer": answer, "rt": rt, "correct": answer == item["target"], "t": trial["t"]})
        shortest += plan["fixation_ms"] + (rt if rt is not None else plan["max_ms"])
    return records, shortest


def _check_recall(plan: Mapping[str, Any], trials: Trials, duration: float, count: int) -> Checked:
    trial_list(trials, count, duration)
    records, shortest = [], 0.0
    for index, trial in enumerate(trials):
        text = trial.get("text")
        if not isinstance(text, str) or len(text) > 2000 or "\x00" in text:
            raise PayloadRejected(N_("A recall answer is not text (at most 2,000 characters)."))
        rt = number(trial.get("rt"), N_("recall time (ms)"), low=0, high=WORD_RECALL_MS + RECALL_SLACK_MS, index=index)
        records.append({"text": text, "rt": rt, "t": trial["t"]})
        shortest += (rt or 0.0) + len(plan.get("words", ())) * plan.get("word_ms", 0)
    return records, shortest


def check_words(plan: Mapping[str, Any], trials: Trials, duration: float) -> Checked:
    return _check_recall(plan, trials, duration, plan["trials"])


def check_words_delayed(plan: Mapping[str, Any], trials: Trials, duration: float) -> Checked:
    return _check_recall(plan, trials, duration, 1)


CHECKERS: dict[str, Callable[[Mapping[str, Any], Trials, float], Checked]] = {
    "span_forward": check_span,
    "span_backward": check_span,
    "nback": check_nback,
    "rt_simple": check_rt_simple,
    "rt_choice": check_rt_choice,
    "stroop": check_stroop,
    "flanker": check_flanker,
    "words": check_words,
    "words_delayed": check_words_delayed,
}
