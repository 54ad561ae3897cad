"""Every Python example of the binding's README runs and its asserts hold."""

import re
from pathlib import Path
from typing import List

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"


def examples() -> List[str]:
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert len(blocks) >= 4, "the README has Python examples"
    return blocks


@pytest.mark.parametrize("code", examples(), ids=lambda c: c.splitlines()[0][:40])
def test_readme_example(code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    exec(compile(code, str(README), "exec"), {"__name__": "__readme__"})


def test_readme_mentions_every_public_name() -> None:
    import ogi_report

    text = README.read_text(encoding="utf-8")
    for name in ogi_report.__all__:
        if not name.startswith("__"):
            assert name in text, name
