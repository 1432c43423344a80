"""The matplotlib plots draw without error, headless, and show what the core computed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import roadmap_tracker as rt

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from roadmap_tracker import plot  # noqa: E402

LATER = dt.date(2026, 11, 24)


def test_status_counts(uk: rt.Roadmap, tmp_path: Path) -> None:
    ax = plot.status_counts(uk, LATER)
    sections = [n["title"] for n in uk.nodes if n["kind"] == "section"]
    assert [t.get_text() for t in ax.get_yticklabels()] == sections
    total = sum(p.get_width() for p in ax.patches)
    assert total == sum(
        s["total"] for s in uk.evaluate(LATER).scores if s["kind"] == "section"
    )
    ax.figure.savefig(tmp_path / "counts.png")
    assert (tmp_path / "counts.png").stat().st_size > 1000
    plt.close(ax.figure)


def test_timeline(uk: rt.Roadmap, tmp_path: Path) -> None:
    fig, ax = plt.subplots()
    out = plot.timeline(uk, "2026-06-04", ax=ax)
    assert out is ax
    # 20 commitments have a deadline phrase; "shortly" has no date, so 19 bars.
    assert len(ax.patches) == 19
    assert any(line.get_linestyle() == "--" for line in ax.get_lines())
    fig.savefig(tmp_path / "timeline.png")
    plt.close(fig)


def test_score_history(uk: rt.Roadmap, tmp_path: Path) -> None:
    ax = plot.score_history(uk, uk.published, LATER)
    labels = [line.get_label() for line in ax.get_lines()]
    assert "Roadmap" in labels
    ax.figure.savefig(tmp_path / "history.png")
    plt.close(ax.figure)
