"""Benchmark: ``roadmap_tracker.parse_deadlines`` on a million phrases against Python loops
over ``dateparser.parse`` and ``edtf.parse_edtf``, in the same run.

    pip install ./bindings-python pandas dateparser edtf   # in a virtual environment
    python benches/python_parse.py [--rows 1000000] [--sample 2000] [--edtf-sample 20000]
        [--native-rate PHRASES_PER_S | --no-native]

The phrases are the shared deadline corpus (``tests/fixtures/deadlines.jsonl``, every
phrase with its written-on date, refused ones included) repeated to ``--rows``. The
engine's own rate, the baseline for "within 2x of native", is the core's criterion bench
(``cargo bench -p roadmap-tracker --bench deadline -- "parse corpus"``, the same corpus on
one core, no Python objects built), run by this script unless ``--native-rate`` gives its
figure or ``--no-native`` skips it. dateparser and edtf are far slower, so they run on a
sample (``--sample`` phrases for dateparser, ``--edtf-sample`` EDTF strings for edtf, both
drawn in order from the same repeated corpus) and their throughput is extrapolated to the
full row count; the table says so. edtf runs on the EDTF subset: the corpus entries with an
EDTF rendering, given to it as that EDTF string (it does not read prose).

Prints a Markdown table; not run by CI.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable

import roadmap_tracker as rt
from roadmap_tracker import _shell

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "deadlines.jsonl"


def load_corpus() -> list[dict[str, Any]]:
    return [json.loads(line) for line in CORPUS.read_text().splitlines() if line.strip()]


def best_of(repeat: int, fn: Callable[[], Any]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def native_rate() -> float:
    """Phrases per second of the core's own parse loop, from its criterion bench."""
    out = subprocess.run(
        ["cargo", "bench", "-p", "roadmap-tracker", "--bench", "deadline", "--", "parse corpus"],
        cwd=CORPUS.parents[2], capture_output=True, text=True, check=True,
    ).stdout
    found = re.search(r"parse corpus.*?thrpt:\s*\[\S+ \S+ (\S+) (\S)?elem/s", out, re.S)
    if found is None:
        raise SystemExit(f"no throughput in the cargo bench output:\n{out}")
    scale = {"K": 1e3, "M": 1e6, "G": 1e9}.get(found.group(2) or "", 1.0)
    return float(found.group(1)) * scale


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=2_000, help="phrases given to dateparser")
    parser.add_argument("--edtf-sample", type=int, default=20_000, help="strings given to edtf")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--native-rate", type=float, default=None, help="the core's phrases/s")
    parser.add_argument("--no-native", action="store_true", help="skip the cargo bench")
    args = parser.parse_args()

    corpus = load_corpus()
    n = args.rows
    phrases = [corpus[i % len(corpus)]["phrase"] for i in range(n)]
    written = [dt.date.fromisoformat(corpus[i % len(corpus)]["written_on"]) for i in range(n)]
    refused = sum(1 for c in corpus if "error" in c)
    print(
        f"corpus: {len(corpus)} phrases ({refused} refused), repeated to {n:,} rows",
        file=sys.stderr,
    )

    results: list[tuple[str, int, float, str]] = []

    # The engine alone: the core's criterion bench, scaled to the row count.
    engine = None if args.no_native else (args.native_rate or native_rate())
    if engine is not None:
        results.append(("Rust engine (core criterion bench, one core)", n, n / engine, "measured"))

    # parse_deadlines to a dict of lists (no pandas) and to a DataFrame.
    try:
        import pandas  # noqa: F401

        have_pandas = True
    except ImportError:
        have_pandas = False
    if have_pandas:
        rt.parse_deadlines(phrases[:10_000], written[:10_000])
        df_s = best_of(args.repeat, lambda: rt.parse_deadlines(phrases, written))
        results.append(("parse_deadlines -> pandas DataFrame", n, df_s, "measured"))
    with_pandas = _shell.pandas_or_none
    _shell.pandas_or_none = lambda: None  # type: ignore[assignment]
    try:
        cols_s = best_of(args.repeat, lambda: rt.parse_deadlines(phrases, written))
    finally:
        _shell.pandas_or_none = with_pandas  # type: ignore[assignment]
    results.append(("parse_deadlines -> dict of lists (no pandas)", n, cols_s, "measured"))
    loop_n = min(n, 100_000)

    def run_loop() -> None:
        for p, w in zip(phrases[:loop_n], written[:loop_n]):
            try:
                rt.parse_deadline(p, written_on=w)
            except rt.DeadlineError:
                pass

    loop_s = best_of(1, run_loop)
    results.append((f"Python loop over parse_deadline ({loop_n:,} phrases)", loop_n, loop_s, "measured"))

    # dateparser, on a sample, extrapolated.
    try:
        import dateparser
    except ImportError:
        dateparser = None
    if dateparser is not None:
        sample = list(zip(phrases[: args.sample], written[: args.sample]))
        dateparser.parse("1 March 2026", settings={"RELATIVE_BASE": dt.datetime(2026, 1, 19)})

        def run_dateparser() -> None:
            for p, w in sample:
                dateparser.parse(
                    p,
                    languages=["en"],
                    settings={"RELATIVE_BASE": dt.datetime(w.year, w.month, w.day)},
                )

        s = best_of(1, run_dateparser)
        results.append(
            (f"Python loop over dateparser.parse ({len(sample):,} phrases, extrapolated)", len(sample), s, "sample")
        )

    # edtf, on the EDTF subset, extrapolated.
    try:
        import edtf
    except ImportError:
        edtf = None
    if edtf is not None:
        subset = [c["edtf"] for c in corpus if c.get("edtf")]
        accepted = []
        for text in subset:
            try:
                edtf.parse_edtf(text)
                accepted.append(text)
            except Exception:
                pass
        strings = [accepted[i % len(accepted)] for i in range(args.edtf_sample)]
        print(
            f"edtf subset: {len(subset)} corpus entries with an EDTF rendering, "
            f"{len(accepted)} of them accepted by edtf.parse_edtf",
            file=sys.stderr,
        )

        def run_edtf() -> None:
            for text in strings:
                edtf.parse_edtf(text)

        s = best_of(1, run_edtf)
        results.append(
            (f"Python loop over edtf.parse_edtf ({len(strings):,} EDTF strings, extrapolated)", len(strings), s, "sample")
        )

    head = next(r for r in results if r[0].startswith("parse_deadlines"))
    head_rate = head[1] / head[2]
    print(f"\nMeasured on {platform.python_implementation()} {platform.python_version()}, "
          f"{platform.machine()}, one call per row count; best of {args.repeat} where repeated.\n")
    print("| method | rows timed | seconds | phrases/s | parse_deadlines is N× faster |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, rows, seconds, how in results:
        rate = rows / seconds
        ratio = head_rate / rate
        shown = f"{seconds:.3f}" if how == "measured" else f"{seconds:.3f} (≈{seconds * n / rows:,.0f} for {n:,})"
        print(f"| {name} | {rows:,} | {shown} | {rate:,.0f} | {ratio:,.2f} |")
    if engine is not None:
        print(
            f"\nparse_deadlines ({head[0].split('-> ')[1]}) runs at {head_rate / engine:.2f}× the "
            f"engine's own throughput (1.00 = no overhead)."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
