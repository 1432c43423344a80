"""Plots of a roadmap (optional: ``pip install roadmap-tracker[plot]`` for matplotlib).

Each function draws what the core computed — the counts of derived statuses per section,
the deadline windows, the scores over time — onto a matplotlib ``Axes`` (a new figure when
``ax`` is None) and returns the ``Axes``. Nothing is judged here.
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, Any, Literal, Sequence

from . import _native

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

#: A colour per derived status: greens for met, blues for under way, ambers for due,
#: paused, re-planned or behind, reds for late, greys for nothing known.
STATUS_COLOURS = {
    "met_on_time": "#1b5e20",
    "met_early": "#2e7d32",
    "met": "#43a047",
    "met_differently": "#66bb6a",
    "met_late": "#9ccc65",
    "on_track": "#29b6f6",
    "in_progress_no_deadline": "#81d4fa",
    "rated_green": "#0277bd",
    "rated_amber": "#ffa000",
    "rated_red": "#b71c1c",
    "due_now": "#ffb300",
    "not_started": "#8d6e63",
    "paused": "#ffcc80",
    "replanned": "#fb8c00",
    "behind": "#ef6c00",
    "delayed": "#d84315",
    "overdue_unconfirmed": "#c62828",
    "dropped": "#424242",
    "not_yet_due": "#e0e0e0",
    "no_evidence": "#bdbdbd",
    "unreadable": "#757575",
}

RAG_COLOURS = {"green": "#2e7d32", "amber": "#ffb300", "red": "#c62828", "grey": "#9e9e9e"}


def _axes(ax: Any, figsize: tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    try:
        import matplotlib.pyplot as plt
    except ImportError as e:  # pragma: no cover - exercised only without matplotlib
        raise ImportError(
            "roadmap_tracker.plot needs matplotlib: pip install 'roadmap-tracker[plot]'"
        ) from e
    _, new = plt.subplots(figsize=figsize)
    return new


def status_counts(
    roadmap: _native.Roadmap,
    as_of: Any = None,
    *,
    ax: Any = None,
    rules: Any = None,
) -> Axes:
    """Stacked horizontal bars: for each section, how many commitments have each derived
    status as of the date (today when omitted)."""
    evaluation = roadmap.evaluate(as_of, rules=rules)
    titles = {n["id"]: n["title"] for n in roadmap.nodes}
    sections = [s for s in evaluation.scores if s["kind"] == "section"]
    statuses = [
        name
        for name in STATUS_COLOURS
        if any(s["counts"].get(name, 0) for s in sections)
    ]
    statuses += sorted(
        {k for s in sections for k, v in s["counts"].items() if v and k not in statuses}
    )
    ax = _axes(ax, (10, 0.6 * len(sections) + 2))
    labels = [titles.get(s["node"], s["node"]) for s in sections]
    left = [0] * len(sections)
    for name in statuses:
        widths = [s["counts"].get(name, 0) for s in sections]
        ax.barh(
            labels,
            widths,
            left=left,
            color=STATUS_COLOURS.get(name, "#9e9e9e"),
            label=name.replace("_", " "),
        )
        left = [a + b for a, b in zip(left, widths)]
    ax.invert_yaxis()
    ax.set_xlabel("commitments")
    ax.set_title(f"Derived status by section as of {evaluation.as_of}")
    ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize="small", frameon=False)
    return ax


def timeline(
    roadmap: _native.Roadmap,
    as_of: Any = None,
    *,
    ax: Any = None,
    nodes: Sequence[str] | None = None,
    rules: Any = None,
) -> Axes:
    """The deadline window of each commitment (or of the given node ids) as a bar from its
    earliest to its latest day, coloured by RAG rating as of the date, with the as-of date
    as a vertical line. Open ends run to the edge of the plot; deadlines with no date are
    left out."""
    import matplotlib.dates as mdates

    evaluation = roadmap.evaluate(as_of, rules=rules)
    rag = {c["node"]: c.get("rag") for c in evaluation.commitments}
    wanted = set(nodes) if nodes is not None else None
    rows = []
    for n in roadmap.nodes:
        deadline = n.get("deadline")
        if not deadline or n["kind"] != "commitment":
            continue
        if wanted is not None and n["id"] not in wanted:
            continue
        # A phrase the engine refuses raises: a plot never drops a deadline silently.
        parsed = _native.parse_deadline(deadline["phrase"], written_on=deadline["written_on"])
        if parsed.earliest is None and parsed.latest is None:
            continue
        rows.append((n["title"], parsed, rag.get(n["id"])))
    as_of_date = evaluation.as_of
    known = [d for _, p, _ in rows for d in (p.earliest, p.latest) if d is not None] + [as_of_date]
    lo = min(known) - _dt.timedelta(days=30)
    hi = max(known) + _dt.timedelta(days=30)
    ax = _axes(ax, (11, 0.28 * len(rows) + 2))
    for y, (title, parsed, rating) in enumerate(rows):
        start = parsed.earliest or lo
        end = parsed.latest or hi
        colour = RAG_COLOURS.get(rating or "grey", "#9e9e9e")
        ax.barh(
            y,
            mdates.date2num(end) - mdates.date2num(start) + 1,
            left=mdates.date2num(start),
            color=colour,
            alpha=0.85,
            height=0.6,
        )
    ax.axvline(mdates.date2num(as_of_date), color="black", linestyle="--", linewidth=1)
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels([t for t, _, _ in rows], fontsize="x-small")
    ax.invert_yaxis()
    ax.set_xlim(mdates.date2num(lo), mdates.date2num(hi))
    ax.xaxis.set_major_locator(mdates.AutoDateLocator())
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
    ax.set_title(f"Deadline windows, as of {as_of_date} (dashed line)")
    from matplotlib.patches import Patch

    shown = [r for r in ("green", "amber", "red", "grey") if any(x == r for _, _, x in rows)]
    ax.legend(
        handles=[Patch(color=RAG_COLOURS[r], label=r) for r in shown],
        loc="center left",
        bbox_to_anchor=(1.0, 0.5),
        fontsize="small",
        frameon=False,
    )
    return ax


def score_history(
    roadmap: _native.Roadmap,
    start: Any = None,
    end: Any = None,
    *,
    step: Literal["daily", "weekly", "monthly"] = "monthly",
    ax: Any = None,
    kinds: Sequence[str] = ("roadmap", "section"),
    rules: Any = None,
) -> Axes:
    """The score of the roadmap and of each section over time (from publication to today
    by default), one line each."""
    history = roadmap.history(start, end, step=step, rules=rules)
    titles = {n["id"]: n["title"] for n in roadmap.nodes}
    ax = _axes(ax, (10, 5))
    for series in history["scores"]:
        if series["kind"] not in kinds:
            continue
        points = [(p["date"], p["score"]) for p in series["points"] if p["score"] is not None]
        if not points:
            continue
        label = "Roadmap" if series["node"] is None else titles.get(series["node"], series["node"])
        width = 2.5 if series["node"] is None else 1.2
        ax.plot(
            [d for d, _ in points],
            [s for _, s in points],
            label=label,
            linewidth=width,
            marker="o",
            markersize=2.5,
        )
    ax.set_ylim(0, 1)
    ax.set_ylabel("score")
    ax.set_title(f"Scores, {step}, {history['from']} to {history['to']}")
    ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize="x-small", frameon=False)
    return ax
