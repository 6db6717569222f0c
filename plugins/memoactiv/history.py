"""History of one exercise: chart, baseline, change against it, and every run as a table."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get
from litestar.params import FromPath

from core.api import current_member, formats_for, gettext_for, render
from plugins.memoactiv import services
from plugins.memoactiv.charts import chart_svg
from plugins.memoactiv.display import DEVICE_LABELS, format_primary
from plugins.memoactiv.run_routes import OPT, exercise_or_404
from plugins.memoactiv.trackers import FAMILY_TRACKERS
from plugins.memoactiv.trends import member_trends

__all__ = ["history_page"]


def _rows(runs: list[dict[str, Any]], trend: Any, exercise: str, fmt: Any) -> list[dict[str, Any]]:
    rows = []
    for index, run in enumerate(runs):
        rows.append(
            {
                "run": run,
                "score": format_primary(exercise, run["primary"], fmt),
                "role": trend.roles[index] if trend else "",
                "status": trend.status(index) if trend else "",
                "rci": trend.rcis.get(index) if trend else None,
            }
        )
    return rows


@get("/history/{slug:str}", name="memoactiv:history", opt=OPT)
async def history_page(request: Request[Any, Any, Any], slug: FromPath[str]) -> Response[Any]:
    """Check-ins of one exercise against the member's own baseline, then training runs."""
    exercise = exercise_or_404(slug)
    member = current_member(request)
    fmt = formats_for(request)
    _ = gettext_for(request).gettext
    found = (await member_trends(member.id, exercise.slug)).get(exercise.slug)
    runs = found.runs if found else []
    trend = found.trend if found else None
    sessions = await services.sessions_by_id(member.id)
    for run in runs:
        session = sessions.get(run["session_id"] or 0)
        run["context"] = session["context"] if session else []
    chart = None
    if found:
        texts = {"band": _("Your usual range"), "practice": _("practice, not used"), "excluded": _("not used")}
        chart = chart_svg(
            runs,
            found.trend,
            label=_(exercise.primary_label),
            fmt_value=lambda v: format_primary(exercise.slug, v, fmt),
            fmt_day=lambda d: fmt.date(d, "day"),
            texts=texts,
        )
    training = await services.done_runs(member.id, exercise.slug, mode="training")
    context = {
        "exercise": exercise,
        "chart": chart,
        "trend": trend,
        "reference": found.reference if found else None,
        "rows": _rows(runs, trend, exercise.slug, fmt),
        "training": [(run, format_primary(exercise.slug, run["primary"], fmt)) for run in reversed(training)],
        "baseline": format_primary(exercise.slug, trend.baseline, fmt)
        if trend and trend.baseline is not None
        else None,
        "band": [format_primary(exercise.slug, v, fmt) for v in trend.band] if trend and trend.band else None,
        "tracker": FAMILY_TRACKERS[exercise.family],
        "device_labels": DEVICE_LABELS,
    }
    return await render(request, "memoactiv/pages/history.html", context)
