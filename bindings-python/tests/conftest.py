"""Shared helpers: where the repository's shared fixtures are."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def uk():
    import roadmap_tracker as rt

    return rt.Roadmap.uk_digital_2026()
