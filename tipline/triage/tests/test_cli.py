"""The command line: batch (bad lines reported with their numbers, the others processed), generate, evaluate."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tipline.triage.__main__ import demo_keys, main
from tipline.triage.batch import run_batch

LINES = [
    json.dumps(
        {
            "id": "a",
            "text": "有人在军港附近拍摄军舰，微信号 spy_handler01",
            "submitted_at": "2026-03-02T10:00:00+08:00",
        }
    ),
    "this is not json",
    json.dumps(
        {
            "id": "b",
            "text": "Someone photographs warships at the navy pier. WeChat ID: SPY_HANDLER01",
            "submitted_at": "2026-03-01T09:00:00Z",
        }
    ),
    json.dumps({"id": "c"}),
    json.dumps(["a", "list"]),
    json.dumps({"id": "d", "text": "我的电动车被偷了", "language": "zh", "channel": "web"}),
    json.dumps({"id": "e", "text": "x", "submitted_at": "yesterday"}),
    json.dumps({"id": "a", "text": "duplicate"}),
]


def run(lines: list[str]) -> tuple[list[dict[str, object]], str, int]:
    output, errors = io.StringIO(), io.StringIO()
    bad = run_batch(lines, keys=demo_keys(), output=output, errors=errors)
    return [json.loads(line) for line in output.getvalue().splitlines()], errors.getvalue(), bad


def test_bad_lines_are_reported_with_their_numbers_and_the_rest_run() -> None:
    records, errors, bad = run(LINES)
    assert bad == 5
    for number in (2, 4, 5, 7, 8):
        assert f"line {number}:" in errors
    assert [record["id"] for record in records] == ["a", "b", "d"]


def test_output_fields_and_clue() -> None:
    records, _, _ = run(LINES)
    by_id = {record["id"]: record for record in records}
    assert by_id["a"]["category"] == by_id["b"]["category"] == "target_indication"
    assert by_id["a"]["clue"] == by_id["b"]["clue"] == "b"  # b was registered first
    assert by_id["a"]["identifiers"] == [{"kind": "wechat", "value": "spy_handler01"}]
    assert by_id["d"]["category"] == "out_of_scope"
    assert by_id["d"]["referral"] == {"code": "police", "hotline": "110"}
    assert by_id["d"]["clue"] == "d"
    for record in records:
        assert {"id", "language", "category", "priority", "reasons", "identifiers", "clue"} <= set(record)


def test_command_exit_status(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.jsonl"
    good.write_text(LINES[0] + "\n" + LINES[2] + "\n", encoding="utf-8")
    assert main(["batch", str(good)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    assert main(["batch", str(mixed)]) == 1
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 3
    assert "line 2:" in captured.err


def test_key_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import base64

    key_file = tmp_path / "keys.json"
    secrets = {"feature_blind_index": b"k" * 32, "feature_minhash": b"m" * 32}
    key_file.write_text(
        json.dumps({"raw_secrets": {k: base64.b64encode(v).decode() for k, v in secrets.items()}})
    )
    reports = tmp_path / "r.jsonl"
    reports.write_text(LINES[0] + "\n", encoding="utf-8")
    assert main(["batch", str(reports), "--key-file", str(key_file)]) == 0
    assert json.loads(capsys.readouterr().out)["id"] == "a"


def test_generate_is_deterministic(capsys: pytest.CaptureFixture[str]) -> None:
    main(["generate", "--seed", "3", "--count", "40"])
    first = capsys.readouterr().out
    main(["generate", "--seed", "3", "--count", "40"])
    assert capsys.readouterr().out == first
    assert len(first.splitlines()) == 40


def test_evaluate_runs_and_refuses_to_list_held_out_errors(capsys: pytest.CaptureFixture[str]) -> None:
    main(["evaluate", "--split", "dev", "--count", "300"])
    assert "link precision" in capsys.readouterr().out
    with pytest.raises(ValueError, match="dev split"):
        main(["evaluate", "--split", "heldout", "--count", "300", "--show-errors", "5"])


def test_module_runs_as_a_program(tmp_path: Path) -> None:
    reports = tmp_path / "r.jsonl"
    reports.write_text(LINES[1] + "\n" + LINES[0] + "\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "tipline.triage", "batch", str(reports)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "line 1:" in done.stderr
    assert json.loads(done.stdout)["id"] == "a"
