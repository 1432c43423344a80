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

    from ._shell import DateLike, Rules

#: A fill colour and a hatch per derived status, so that every status can be told from
#: every other one: greens for met, blues for under way, ambers for due, paused,
#: re-planned or behind, reds for late or dropped, greys for nothing known. Within a
#: family the shades differ in lightness and the hatches differ; dots mark a source's own
#: rating; statuses with the same hatch are far apart in colour (CIE76 ΔE of 25 or more).
STATUS_STYLES: dict[str, tuple[str, str]] = {
    "met_on_time": ("#00441b", ""),
    "met_early": ("#1b7837", "//"),
    "met": ("#5aae61", ""),
    "met_differently": ("#a6dba0", "\\\\"),
    "met_late": ("#c2c83b", "xx"),
    "on_track": ("#2166ac", ""),
    "in_progress_no_deadline": ("#92c5de", "//"),
    "rated_green": ("#35978f", ".."),
    "rated_amber": ("#f1a340", ".."),
    "rated_red": ("#f4a582", ".."),
    "due_now": ("#fdb863", ""),
    "paused": ("#fee0b6", "//"),
    "replanned": ("#e08214", "\\\\"),
    "behind": ("#b35806", ""),
    "delayed": ("#d6604d", ""),
    "overdue_unconfirmed": ("#b2182b", "//"),
    "dropped": ("#67001f", ""),
    "not_started": ("#8c6bb1", ""),
    "not_yet_due": ("#d9d9d9", ""),
    "no_evidence": ("#f0f0f0", "//"),
    "unreadable": ("#525252", "xx"),
}
#: The fill colour of each derived status (``STATUS_STYLES`` without the hatches).
STATUS_COLOURS = {status: colour for status, (colour, _) in STATUS_STYLES.items()}


def _style(status: str) -> dict[str, Any]:
    """The bar style of a status: its fill, its hatch drawn dark on light fills and light
    on dark ones, and its name (a status the palette does not know is grey, unhatched)."""
    colour, hatch = STATUS_STYLES.get(status, ("#9e9e9e", ""))
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    edge = "#303030" if 0.299 * r + 0.587 * g + 0.114 * b > 140 else "#f5f5f5"
    return {"facecolor": colour, "hatch": hatch, "edgecolor": edge, "linewidth": 0, "label": status.replace("_", " ")}


def _axes(ax: Axes | None, figsize: tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    try:
        import matplotlib.pyplot as plt
    except ImportError as e:  # pragma: no cover - exercised only without matplotlib
        raise ImportError("roadmap_tracker.plot needs matplotlib: pip install 'roadmap-tracker[plot]'") from e
    return plt.subplots(figsize=figsize)[1]


def _legend(ax: Axes, fontsize: str = "small", **more: Any) -> None:
    ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize=fontsize, frameon=False, **more)


def status_counts(roadmap: _native.Roadmap, as_of: DateLike | None = None, *, ax: Axes | None = None,
                  rules: Rules = None) -> Axes:
    """Stacked horizontal bars: for each section, how many commitments have each derived
    status as of the date (today when omitted), one colour and hatch per status
    (``STATUS_STYLES``), with a legend of the statuses shown."""
    evaluation = roadmap.evaluate(as_of, rules=rules)
    titles = {n["id"]: n["title"] for n in roadmap.nodes}
    sections = [s for s in evaluation.scores if s["kind"] == "section"]
    counted = {k for s in sections for k, v in s["counts"].items() if v}
    statuses = [name for name in STATUS_STYLES if name in counted] + sorted(counted - set(STATUS_STYLES))
    ax = _axes(ax, (10, 0.6 * len(sections) + 2))
    labels = [titles.get(s["node"] or "", s["node"] or "") for s in sections]
    left = [0] * len(sections)
    for name in statuses:
        widths = [s["counts"].get(name, 0) for s in sections]
        ax.barh(labels, widths, left=left, **_style(name))
        left = [a + b for a, b in zip(left, widths)]
    ax.invert_yaxis()
    ax.set_xlabel("commitments")
    ax.set_title(f"Derived status by section as of {evaluation.as_of}")
    _legend(ax)
    return ax


def timeline(roadmap: _native.Roadmap, as_of: DateLike | None = None, *, ax: Axes | None = None,
             nodes: Sequence[str] | None = None, rules: Rules = None) -> Axes:
    """The deadline window of each commitment (or of the given node ids) as a bar from its
    earliest to its latest day, coloured by its derived status as of the date
    (``STATUS_STYLES``), with the as-of date as a vertical line. An open end (a ``from``
    deadline has no last day, a ``by`` deadline no first day) is drawn open: the bar runs
    to the edge of the plot, its colour fading out towards it, and ends in an arrowhead
    there. Deadlines with no date are left out."""
    import matplotlib.colors
    import matplotlib.dates as mdates
    import numpy
    from matplotlib.lines import Line2D

    evaluation = roadmap.evaluate(as_of, rules=rules)
    status = {c["node"]: c["status"] for c in evaluation.commitments}
    wanted = set(nodes) if nodes is not None else None
    rows = []
    for n in roadmap.nodes:
        deadline = n.get("deadline")
        if not deadline or n["kind"] != "commitment" or (wanted is not None and n["id"] not in wanted):
            continue
        # A phrase the engine refuses raises: a plot never drops a deadline silently.
        parsed = _native.parse_deadline(deadline["phrase"], written_on=deadline["written_on"])
        if parsed.earliest is not None or parsed.latest is not None:
            rows.append((n["title"], parsed, status.get(n["id"], "")))
    known = [d for _, p, _ in rows for d in (p.earliest, p.latest) if d is not None] + [evaluation.as_of]
    lo, hi = min(known) - _dt.timedelta(days=30), max(known) + _dt.timedelta(days=30)
    ax = _axes(ax, (11, 0.28 * len(rows) + 2))
    for y, (_, parsed, name) in enumerate(rows):
        start, end = mdates.date2num(parsed.earliest or lo), mdates.date2num(parsed.latest or hi) + 1
        style = _style(name)
        if parsed.latest is not None and parsed.earliest is not None:
            ax.barh(y, end - start, left=start, height=0.6, alpha=0.9, **style)
            continue
        # Open: the fill fades out towards the open end (an image under the bar's outline
        # and hatch), which ends in an arrowhead at the edge of the plot.
        fade = numpy.linspace(0.9, 0.1, 64)[:: 1 if parsed.latest is None else -1]
        rgba = numpy.tile((*matplotlib.colors.to_rgb(style["facecolor"]), 1.0), (1, 64, 1))
        rgba[0, :, 3] = fade
        ax.imshow(rgba, extent=(start, end, y + 0.3, y - 0.3), aspect="auto", interpolation="bilinear", zorder=1)
        ax.barh(y, end - start, left=start, height=0.6, **dict(style, facecolor="none"), zorder=1.1)
        x, marker = (end, ">") if parsed.latest is None else (start, "<")
        ax.plot([x], [y], marker=marker, markersize=9, color=style["facecolor"], markeredgecolor="#303030",
                clip_on=False, label="_open end")
    ax.axvline(mdates.date2num(evaluation.as_of), color="black", linestyle="--", linewidth=1, zorder=3)
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels([t for t, _, _ in rows], fontsize="x-small")
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlim(mdates.date2num(lo), mdates.date2num(hi) + 1)
    ax.xaxis.set_major_locator(mdates.AutoDateLocator())
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
    ax.set_title(f"Deadline windows, as of {evaluation.as_of} (dashed line)")
    from matplotlib.patches import Patch

    shown = [s for s in STATUS_STYLES if any(name == s for _, _, name in rows)]
    arrow = Line2D([], [], marker=">", linestyle="", color="#9e9e9e", markeredgecolor="#303030", label="open end")
    _legend(ax, handles=[Patch(**_style(s)) for s in shown] + [arrow])
    return ax


def score_history(roadmap: _native.Roadmap, start: DateLike | None = None, end: DateLike | None = None, *,
                  step: Literal["daily", "weekly", "monthly"] = "monthly", ax: Axes | None = None,
                  kinds: Sequence[str] = ("roadmap", "section"), rules: Rules = None) -> Axes:
    """The score of the roadmap and of each section over time (from publication to today
    by default), one line each. A line that starts after the first date (its node had
    nothing scored before) has a large marker at its first point, so the start is seen."""
    import matplotlib.dates as mdates
    import numpy

    history = roadmap.history(start, end, step=step, rules=rules)
    titles = {n["id"]: n["title"] for n in roadmap.nodes}
    first = history["dates"][0] if history["dates"] else None
    ax = _axes(ax, (10, 5))
    for series in history["scores"]:
        points = [(p["date"], p["score"]) for p in series["points"] if p["score"] is not None]
        if series["kind"] not in kinds or not points:
            continue
        label = "Roadmap" if series["node"] is None else titles.get(series["node"], series["node"])
        (line,) = ax.plot(numpy.array([d for d, _ in points]), [s for _, s in points], label=label,
                          linewidth=2.5 if series["node"] is None else 1.2, marker="o", markersize=2.5)
        if points[0][0] != first:
            ax.plot(numpy.array([points[0][0]]), [points[0][1]], marker="o", markersize=7, color=line.get_color(),
                    markeredgecolor="white", linestyle="", label=f"_start of {label}")
    ax.set_ylim(0, 1)
    ax.set_ylabel("score")
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
    ax.set_title(f"Scores, {step}, {history['from']} to {history['to']} (a large dot: where a line starts)")
    _legend(ax, "x-small")
    return ax
