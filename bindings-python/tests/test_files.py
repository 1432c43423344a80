"""Files: a missing file is a FileNotFoundError and an unreadable one a PermissionError,
as Python users expect, with the library's code and the file named."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import roadmap_tracker as rt


def test_a_missing_file_is_file_not_found(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.json"
    with pytest.raises(FileNotFoundError) as missing:
        rt.Roadmap.load(path)
    err = missing.value
    assert isinstance(err, rt.RoadmapOSError) and isinstance(err, rt.RoadmapFileNotFoundError)
    assert (err.code, err.kind, err.filename) == ("io", "io", str(path))
    assert str(path) in str(err)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs file permissions (not root)")
def test_an_unreadable_file_is_permission_error(tmp_path: Path) -> None:
    path = tmp_path / "locked.json"
    path.write_text("{}")
    path.chmod(0)
    with pytest.raises(PermissionError) as locked:
        rt.Roadmap.load(path)
    assert isinstance(locked.value, rt.RoadmapPermissionError) and locked.value.code == "io"


def test_save_and_load_json_and_tables(tmp_path: Path) -> None:
    roadmap = rt.Roadmap.uk_digital_2026()
    for name in ("roadmap.json", "tables"):
        roadmap.save(tmp_path / name)
        assert rt.Roadmap.load(tmp_path / name) == roadmap
