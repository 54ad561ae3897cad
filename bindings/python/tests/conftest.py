"""Shared fixtures: the project's corpus (the same files the Rust tests read)."""

import json
from pathlib import Path
from typing import Any, Dict, List, Tuple

import pytest

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "tests" / "corpus"


def corpus_texts() -> List[Path]:
    paths = sorted(CORPUS.glob("*.txt"))
    assert len(paths) >= 17, f"corpus not found under {CORPUS}"
    return paths


def truths() -> List[Tuple[str, Dict[str, Any]]]:
    out = []
    for p in sorted((CORPUS / "truth").glob("*.json")):
        t = json.loads(p.read_text(encoding="utf-8"))
        out.append((t["file"], t))
    assert len(out) >= 10, "expected the ten truth files"
    return out


@pytest.fixture(scope="session")
def corpus() -> List[Path]:
    return corpus_texts()


@pytest.fixture(scope="session")
def sample_text() -> str:
    return (CORPUS / "003_pingtan_2021_concat.txt").read_text(encoding="utf-8")


#: The README's example: a 2021 report whose review group does not add up.
BROKEN = {
    "format": "2021",
    "agency": "某县人民政府",
    "year": 2022,
    "t4": {"review": {"upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 2}},
}


@pytest.fixture()
def broken() -> Dict[str, Any]:
    return json.loads(json.dumps(BROKEN))
