"""Prompts to talk to a health professional: versioned texts, shown at most once a week (reference §9).

The sustained-decline suggestion (wording of §7f.5) is soft and never urgent,
so the safeguards of §9 apply: the same prompt is shown to a member at most
once per 7 days, and each showing is logged with the version of the message
shown (``memoactiv_prompt_log``), so that one can tell later exactly which
texts a member read. The version is the message id followed by a hash of its
source texts: changing a text changes the version even if the id is
forgotten. The page renders these very texts (translated), never a copy.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from core.api import N_, transaction
from plugins.memoactiv.tables import PromptLog

__all__ = ["DECLINE", "REPEAT_AFTER", "Prompt", "is_due", "prompt_log", "show_prompt"]

REPEAT_AFTER = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class Prompt:
    """A prompt: its key (what triggers it), message id and texts (msgids: title, then paragraphs)."""

    key: str
    message_id: str
    texts: tuple[str, ...]

    @property
    def version(self) -> str:
        digest = hashlib.sha256("\n".join(self.texts).encode("utf-8")).hexdigest()
        return f"{self.message_id}+{digest[:12]}"

    @property
    def title(self) -> str:
        return self.texts[0]

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return self.texts[1:]


DECLINE = Prompt(
    key="memoactiv.decline",
    message_id="decline-1",
    texts=(
        N_("Your recent results are below your usual range"),
        N_(
            "Results vary with tiredness, stress, medication, illness, distraction or a different device. "
            "Try again in one or two weeks."
        ),
        N_(
            "If they stay lower, or if you or people close to you notice everyday memory or concentration "
            "problems, you can talk to your doctor and bring your results with you."
        ),
    ),
)
"""§7f.5 gist; never says or implies a disease, a percentile or a risk (reviewed texts: change → new version)."""


def is_due(last_shown: datetime | None, now: datetime) -> bool:
    """Whether a prompt last shown at ``last_shown`` may be shown again at ``now``."""
    return last_shown is None or now - last_shown >= REPEAT_AFTER


async def show_prompt(member_id: int, prompt: Prompt, language: str, *, at: datetime | None = None) -> bool:
    """Whether to show ``prompt`` now; if so the showing is logged (with its message version) in the same step.

    At most once per 7 days per member and prompt (reference §9 safeguards);
    ``at`` is the time of the showing (now by default; tests pass dates).
    """
    at = at or datetime.now(UTC)
    async with transaction(PromptLog._meta.db):
        last = (
            await PromptLog.select(PromptLog.shown_at)
            .where((PromptLog.member == member_id) & (PromptLog.prompt_key == prompt.key))
            .order_by(PromptLog.shown_at, ascending=False)
            .first()
        )
        if not is_due(last["shown_at"] if last else None, at):
            return False
        await PromptLog.insert(
            PromptLog(
                member=member_id,
                prompt_key=prompt.key,
                message_version=prompt.version,
                language=language[:16],
                shown_at=at,
            )
        )
    return True


async def prompt_log(member_id: int) -> list[dict[str, Any]]:
    """Every showing of a prompt to the member, oldest first."""
    return (
        await PromptLog.select(PromptLog.prompt_key, PromptLog.message_version, PromptLog.language, PromptLog.shown_at)
        .where(PromptLog.member == member_id)
        .order_by(PromptLog.shown_at)
    )
