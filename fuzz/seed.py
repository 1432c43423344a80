"""Seed the fuzz corpora from the shared fixtures (run from the repository root):

    python3 fuzz/seed.py

deadline: each corpus phrase, prefixed with its written_on as a day offset from 1990-01-01
(two little-endian bytes) and an as-of offset; edtf: each expected EDTF rendering; json: the
bundled roadmap and the bad JSON fixtures; csv: the minimal tables and the bad CSV fixtures
(first byte 0 for the nodes table, substituted into minimal/; 1 for the tracker); flat: the
minimal flat sheet and the hostile corpus's flat sheets; sheet: the GMPP-like sheets.
"""

import base64
import datetime as dt
import json
import pathlib

root = pathlib.Path(__file__).resolve().parents[1]
fixtures = root / "tests" / "fixtures"
corpus = root / "fuzz" / "corpus"
base = dt.date(1990, 1, 1)


def put(target: str, name: str, data: bytes) -> None:
    folder = corpus / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)


for line in (fixtures / "deadlines.jsonl").read_text().splitlines():
    case = json.loads(line)
    offset = (dt.date.fromisoformat(case["written_on"]) - base).days
    days = offset.to_bytes(2, "little") + (offset + 300).to_bytes(2, "little")
    put("deadline", case["id"], days + case["phrase"].encode())
    if case.get("edtf"):
        put("edtf", case["id"], case["edtf"].encode())

put("json", "bundled", (root / "data" / "uk-digital-2026.json").read_bytes())
put("json", "minimal", (fixtures / "minimal" / "roadmap.json").read_bytes())
put("csv", "tracker", b"\x01" + (fixtures / "minimal" / "tracker.csv").read_bytes())
put("csv", "nodes", b"\x00" + (fixtures / "minimal" / "nodes.csv").read_bytes())
for case in json.loads((fixtures / "bad" / "cases.json").read_text()):
    data = (fixtures / "bad" / case["file"]).read_bytes()
    if case["format"] == "json":
        put("json", case["file"], data)
    elif case["format"] == "tracker":
        put("csv", case["file"], b"\x01" + data)
    elif case.get("table") == "nodes.csv":
        put("csv", case["file"], b"\x00" + data)
# The flat sheet (selector 1: the sheet as it is) and the published sheets.
put("flat", "tracker", b"\x01" + (fixtures / "minimal" / "tracker.csv").read_bytes())
for line in (fixtures / "hostile" / "cases.jsonl").read_text().splitlines():
    case = json.loads(line)
    if case["target"] == "flat_csv":
        put("flat", case["id"], b"\x01" + base64.b64decode(case["bytes_b64"]))
for sheet in sorted((fixtures / "gmpp").glob("*.csv")):
    put("sheet", sheet.name, sheet.read_bytes())
print("seeded", sorted(p.name + ": " + str(len(list(p.iterdir()))) for p in corpus.iterdir()))
