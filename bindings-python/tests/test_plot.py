"""The matplotlib plots (issue item: plots that mark open ends, distinguish every status
and show where a series starts), drawn headless (Agg) and checked through their artists.
Expected values are worked out by hand from docs/deadlines.md and docs/status-rules.md."""

from __future__ import annotations

import datetime as dt
import itertools
import math
from pathlib import Path

import pytest

import roadmap_tracker as rt

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402

from roadmap_tracker import plot  # noqa: E402

LATER = dt.date(2026, 11, 24)

#: The derived statuses of docs/status-rules.md ("Derived statuses").
STATUSES = {
    "met_on_time", "met_early", "met_late", "met_differently", "met", "on_track",
    "in_progress_no_deadline", "rated_green", "rated_amber", "rated_red", "due_now",
    "not_started", "paused", "replanned", "behind", "delayed", "overdue_unconfirmed",
    "dropped", "not_yet_due", "no_evidence", "unreadable",
}


def lab(colour: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of an sRGB hex colour."""
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
           for c in (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))]
    x = (0.4124 * lin[0] + 0.3576 * lin[1] + 0.1805 * lin[2]) / 0.95047
    y = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    z = (0.0193 * lin[0] + 0.1192 * lin[1] + 0.9505 * lin[2]) / 1.08883
    f = [t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116 for t in (x, y, z)]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def test_every_status_has_a_style_of_its_own() -> None:
    assert set(plot.STATUS_STYLES) == STATUSES
    assert len(set(plot.STATUS_STYLES.values())) == len(STATUSES)
    # Two statuses with the same hatch differ plainly in colour (CIE76 ΔE of 20 or more;
    # the two darkest greens of the old palette, both unhatched, were 14 apart).
    for (a, (ca, ha)), (b, (cb, hb)) in itertools.combinations(plot.STATUS_STYLES.items(), 2):
        if ha == hb:
            assert math.dist(lab(ca), lab(cb)) >= 20, (a, b)


def test_status_counts(uk: rt.Roadmap, tmp_path: Path) -> None:
    ax = plot.status_counts(uk, LATER)
    sections = [n["title"] for n in uk.nodes if n["kind"] == "section"]
    assert [t.get_text() for t in ax.get_yticklabels()] == sections
    scores = [s for s in uk.evaluate(LATER).scores if s["kind"] == "section"]
    assert sum(p.get_width() for p in ax.patches) == sum(s["total"] for s in scores)
    # One legend entry per status present, with that status's colour and hatch.
    present = [s for s in plot.STATUS_STYLES if any(sc["counts"][s] for sc in scores)]
    legend = ax.get_legend()
    assert [t.get_text() for t in legend.get_texts()] == [s.replace("_", " ") for s in present]
    for status, handle in zip(present, legend.legend_handles):
        colour, hatch = plot.STATUS_STYLES[status]
        assert matplotlib.colors.to_hex(handle.get_facecolor()) == colour
        assert (handle.get_hatch() or "") == hatch
    ax.figure.savefig(tmp_path / "counts.png")
    assert (tmp_path / "counts.png").stat().st_size > 1000
    plt.close(ax.figure)


def test_timeline_draws_open_ends_open(uk: rt.Roadmap, tmp_path: Path) -> None:
    fig, ax = plt.subplots()
    out = plot.timeline(uk, "2026-06-04", ax=ax)
    assert out is ax
    # 20 commitments have a deadline phrase; "shortly" has no date, so 19 bars.
    assert len(ax.patches) == 19
    assert any(line.get_linestyle() == "--" for line in ax.get_lines())
    titles = [t.get_text() for t in ax.get_yticklabels()]
    lo, hi = ax.get_xlim()
    arrows = {(titles[round(line.get_ydata()[0])], line.get_marker()): line.get_xdata()[0]
              for line in ax.get_lines() if line.get_label() == "_open end"}
    # Four `from` deadlines have no last day, two `by` deadlines no first day (the
    # article's phrases: "from May onwards", "from April this year", "from the end of
    # this year onwards", "from this August onwards"; "by March 2028", "by October 2028").
    assert sorted(arrows) == sorted([
        ("Make Extract available to every local authority", ">"),
        ("Assess digital skills in director and director general hiring", ">"),
        ("Digital leaders on executive committees and boards", ">"),
        ("Annual sharing of service performance data", ">"),
        ("CustomerFirst: redesign as many as four priority services", "<"),
        ("Near-real-time finance and performance data for HM Treasury", "<"),
    ])
    assert all(x == (hi if marker == ">" else lo) for (_, marker), x in arrows.items())
    # An open bar runs to the edge, its fill an image that fades out towards the open end;
    # a closed window is a solid bar that ends on its last day.
    bars = dict(zip(titles, ax.patches))
    extract = bars["Make Extract available to every local authority"]
    assert extract.get_x() == mdates.date2num(dt.date(2026, 5, 1))
    assert extract.get_x() + extract.get_width() == hi and extract.get_facecolor()[3] == 0
    fills = {round(sum(image.get_extent()[2:]) / 2): image for image in ax.get_images()}
    assert sorted(titles[y] for y in fills) == sorted(title for title, _ in arrows)
    row = titles.index("Make Extract available to every local authority")
    assert fills[row].get_extent()[:2] == [extract.get_x(), hi]
    alpha = fills[row].get_array()[0, :, 3]
    assert alpha[0] > 0.8 and alpha[-1] < 0.2 and all(alpha[:-1] >= alpha[1:])  # fading to the right
    by_2028 = fills[titles.index("CustomerFirst: redesign as many as four priority services")]
    assert by_2028.get_array()[0, 0, 3] < 0.2 and by_2028.get_array()[0, -1, 3] > 0.8  # from the left
    april = bars["New assurance for digital, data and technology projects"]  # "in April"
    assert (april.get_x(), april.get_width()) == (mdates.date2num(dt.date(2026, 4, 1)), 30)
    assert april.get_alpha() == 0.9
    # Coloured by the derived status as of the date, with a legend of the statuses shown.
    evaluation = uk.evaluate("2026-06-04")
    for colour, node in ((april.get_facecolor(), "digital-assurance-measures"),
                         (fills[row].get_array()[0, 0, :3], "extract-local-authority-rollout")):
        status = evaluation.status(node)
        assert status is not None
        assert matplotlib.colors.to_hex(colour) == plot.STATUS_COLOURS[status["status"]]
        assert status["status"].replace("_", " ") in [t.get_text() for t in ax.get_legend().get_texts()]
    assert ax.get_legend().get_texts()[-1].get_text() == "open end"
    fig.savefig(tmp_path / "timeline.png")
    plt.close(fig)


STAGGERED = """{"id": "staggered", "title": "Staggered", "publisher": "Us", "published": "2026-01-19",
  "nodes": [
    {"id": "now", "kind": "section", "title": "Now"},
    {"id": "now-a", "kind": "area", "parent": "now", "title": "A"},
    {"id": "jan", "kind": "commitment", "parent": "now-a", "title": "Jan",
     "deadline": {"phrase": "in January 2026", "written_on": "2026-01-19"}},
    {"id": "early", "kind": "section", "title": "Early"},
    {"id": "early-a", "kind": "area", "parent": "early", "title": "A"},
    {"id": "feb", "kind": "commitment", "parent": "early-a", "title": "Feb",
     "deadline": {"phrase": "in February 2026", "written_on": "2026-01-19"}},
    {"id": "later", "kind": "section", "title": "Later"},
    {"id": "later-a", "kind": "area", "parent": "later", "title": "A"},
    {"id": "may", "kind": "commitment", "parent": "later-a", "title": "May",
     "deadline": {"phrase": "in May 2026", "written_on": "2026-01-19"}}
  ]}"""


def test_score_history_marks_where_a_line_starts(tmp_path: Path) -> None:
    roadmap = rt.Roadmap.from_json(STAGGERED)
    ax = plot.score_history(roadmap, "2026-01-19", "2026-07-19")
    lines = {line.get_label(): line for line in ax.get_lines()}
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Roadmap", "Now", "Early", "Later"]
    # Monthly from 19 January. A commitment counts once its window opens (due_now, weight
    # 0.5): "Now" from the first date, so the roadmap too; "Early" from 19 February,
    # "Later" from 19 May: only those two lines get a start marker, at their first point.
    starts = {label: (line.get_xdata()[0], line.get_ydata()[0])
              for label, line in lines.items() if label.startswith("_start of ")}
    assert starts == {"_start of Early": (dt.date(2026, 2, 19), 0.5), "_start of Later": (dt.date(2026, 5, 19), 0.5)}
    assert lines["_start of Later"].get_color() == lines["Later"].get_color()
    assert lines["_start of Later"].get_markersize() > lines["Later"].get_markersize()
    assert lines["Now"].get_xdata()[0] == dt.date(2026, 1, 19)
    ax.figure.savefig(tmp_path / "history.png")
    plt.close(ax.figure)


def test_score_history_of_the_bundled_roadmap(uk: rt.Roadmap) -> None:
    ax = plot.score_history(uk, uk.published, LATER)
    assert "Roadmap" in [line.get_label() for line in ax.get_lines()]
    plt.close(ax.figure)
