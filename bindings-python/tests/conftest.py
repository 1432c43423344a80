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
    """The UK roadmap as the seed article described it: a fixed fixture (the bundled data
    before it was rebuilt from the roadmap's own pages), so the status expectations test the
    rules, not the current bundled data (``rt.Roadmap.uk_digital_2026()``)."""
    import roadmap_tracker as rt

    return rt.Roadmap.from_json((FIXTURES / "uk-digital-2026-article.json").read_text("utf-8"))
