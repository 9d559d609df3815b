"""Shared fixtures: paths of the repository's examples and golden vectors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
VECTORS = ROOT / "tests" / "vectors"
EXAMPLES = ROOT / "examples"


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def vector_paths() -> list[Path]:
    return sorted(VECTORS.glob("*.json"))


def example_assessments() -> list[Path]:
    return sorted(EXAMPLES.glob("*.json"))


@pytest.fixture(scope="session")
def ref() -> Any:
    import sobriete

    return sobriete.default_referential()


@pytest.fixture
def commune() -> dict[str, Any]:
    return load(EXAMPLES / "commune-rurale-niveau1.json")  # type: ignore[no-any-return]
