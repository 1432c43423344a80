"""A walk through the bundled UK digital roadmap with the Python binding.

    pip install "./bindings-python[pandas,plot]"
    python examples/python/walkthrough.py [--out DIR]

Loads the roadmap, prints its progress report as of 30 June 2026 (when the summer 2026
magazine article, dated only to its quarter, counts as evidence) and as of 24 November 2026
with what changed in between, reads a few deadline phrases,
draws three plots to PNG files, and exports the roadmap and the derived statuses as CSV.
Everything is written under --out (a new temporary directory by default).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from pathlib import Path

import roadmap_tracker as rt

ARTICLE = dt.date(2026, 6, 30)
LATER = dt.date(2026, 11, 24)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=None, help="output directory")
    args = parser.parse_args()
    out: Path = args.out or Path(tempfile.mkdtemp(prefix="roadmap-tracker-"))
    out.mkdir(parents=True, exist_ok=True)

    # 1. Load the bundled roadmap and check it.
    roadmap = rt.Roadmap.uk_digital_2026()
    roadmap.validate()
    print(roadmap)

    # 2. Read deadline phrases as the roadmap wrote them.
    for phrase in ("by the end of 2026", "summer 2026", "the 2026-27 financial year", "in due course"):
        d = rt.parse_deadline(phrase, written_on=roadmap.published)
        print(f"  {phrase!r:32} -> {d.kind:7} {d.earliest} .. {d.latest}  edtf={d.edtf}")

    # 3. The report as of the article's date, and as of November with what changed since.
    for as_of, since in ((ARTICLE, None), (LATER, ARTICLE)):
        text = roadmap.report(as_of, format="text", since=since)
        (out / f"report-{as_of}.txt").write_text(text)
        (out / f"report-{as_of}.md").write_text(roadmap.report(as_of, format="markdown", since=since))
        print(f"\n--- report as of {as_of} ({len(text.splitlines())} lines; first 12) ---")
        print("\n".join(text.splitlines()[:12]))

    evaluation = roadmap.evaluate(LATER)
    overall = next(s for s in evaluation.scores if s["kind"] == "roadmap")
    print(f"\nas of {LATER}: roadmap score {overall['score']:.2f} ({overall['rag']}), "
          f"{overall['met_on_time']} of {overall['due']} due commitments met on time")
    changes = roadmap.changes(ARTICLE, LATER)
    print(f"{len(changes)} commitments changed status between {ARTICLE} and {LATER}, e.g.:")
    for change in changes[:5]:
        print(f"  {change['node']}: {change['from']} -> {change['to']} (rule {change['rule']})")

    # 4. Tables: pandas when installed, lists of dicts otherwise.
    statuses = roadmap.to_dataframe("statuses", as_of=LATER)
    try:
        statuses.to_csv(out / f"statuses-{LATER}.csv", index=False)
        print(statuses["status"].value_counts().to_string())
    except AttributeError:
        print(f"{len(statuses)} statuses (install pandas for DataFrames)")

    # 5. Plots (matplotlib, headless-safe with MPLBACKEND=Agg).
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from roadmap_tracker import plot
    except ImportError:
        print("matplotlib is not installed: no plots")
    else:
        for name, draw in (
            ("status-by-section", lambda: plot.status_counts(roadmap, LATER)),
            ("deadline-timeline", lambda: plot.timeline(roadmap, ARTICLE)),
            ("score-history", lambda: plot.score_history(roadmap, roadmap.published, LATER)),
        ):
            ax = draw()
            ax.figure.tight_layout()
            ax.figure.savefig(out / f"{name}.png", dpi=110)
            plt.close(ax.figure)

    # 6. Export: the tidy CSV tables and the flat sheet (one row per commitment).
    roadmap.save(out / "uk-digital-2026")
    # (save() writes a flat sheet only when it gives the roadmap back; this one is a view.)
    (out / "tracker.csv").write_text(roadmap.to_flat_csv(), encoding="utf-8")
    print(f"\nwrote {', '.join(sorted(p.name for p in out.iterdir()))} to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
