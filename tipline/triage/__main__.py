"""Command line of the triage library.

    python -m tipline.triage batch FILE.jsonl [--key-file KEYS.json]
    python -m tipline.triage generate --seed N --count M [--split dev|heldout]
    python -m tipline.triage evaluate [--split heldout|dev] [--seed N] [--count M] [--show-errors N]

Keys: the features behind linking are keyed (tipline.vault.feature_keys). Without ``--key-file`` the commands
use a fixed demo key pair that is printed in this file and therefore protects nothing: fine for synthetic or
demo data, never for real reports. ``--key-file`` takes the project's key file (JSON with ``raw_secrets``
``feature_blind_index`` and ``feature_minhash`` in base64), which ``tipline.vault.keyfile`` creates.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tipline.vault.feature_keys import FeatureKeys

# Not secret, on purpose: these only serve demonstrations and measurements on synthetic data.
DEMO_BLIND_INDEX_KEY = b"tipline demo blind-index key -- not secret"
DEMO_MINHASH_KEY = b"tipline demo minhash key -- not secret"


def demo_keys() -> FeatureKeys:
    return FeatureKeys(blind_index_key=DEMO_BLIND_INDEX_KEY, minhash_key=DEMO_MINHASH_KEY)


def _keys(arguments: argparse.Namespace) -> FeatureKeys:
    return FeatureKeys.from_key_file(arguments.key_file) if arguments.key_file else demo_keys()


def _batch(arguments: argparse.Namespace) -> int:
    from tipline.triage.batch import run_batch

    with open(arguments.file, encoding="utf-8") as lines:
        bad = run_batch(lines, keys=_keys(arguments), output=sys.stdout, errors=sys.stderr)
    if bad:
        print(f"{bad} bad line(s) skipped", file=sys.stderr)
    return 1 if bad else 0


def _generate(arguments: argparse.Namespace) -> int:
    from tipline.triage.synthetic import generate_reports

    for report in generate_reports(arguments.seed, arguments.count, arguments.split):
        sys.stdout.write(report.to_json() + "\n")
    return 0


def _evaluate(arguments: argparse.Namespace) -> int:
    from tipline.triage.evaluation import evaluate, format_evaluation

    result = evaluate(
        split=arguments.split,
        seed=arguments.seed,
        count=arguments.count,
        keys=_keys(arguments),
        show_errors=arguments.show_errors,
    )
    sys.stdout.write(format_evaluation(result))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tipline.triage", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)

    batch = commands.add_parser("batch", help="triage JSON lines; one JSON line out per good line")
    batch.add_argument(
        "file", type=Path, help="JSON lines: id, text, optional language, submitted_at, channel"
    )
    batch.add_argument("--key-file", type=Path, help="the project's key file (default: a fixed demo key)")
    batch.set_defaults(run=_batch)

    generate = commands.add_parser("generate", help="write seeded synthetic reports with ground truth")
    generate.add_argument("--seed", type=int, required=True)
    generate.add_argument("--count", type=int, required=True)
    generate.add_argument("--split", choices=("dev", "heldout"), default="dev")
    generate.set_defaults(run=_generate)

    evaluation = commands.add_parser("evaluate", help="measure triage and linking on synthetic reports")
    evaluation.add_argument("--split", choices=("dev", "heldout"), default="heldout")
    evaluation.add_argument("--seed", type=int, default=None, help="default: the split's fixed seed")
    evaluation.add_argument("--count", type=int, default=3000)
    evaluation.add_argument(
        "--show-errors", type=int, default=0, help="list this many errors (dev split only)"
    )
    evaluation.add_argument(
        "--key-file", type=Path, help="the project's key file (default: a fixed demo key)"
    )
    evaluation.set_defaults(run=_evaluate)

    arguments = parser.parse_args(argv)
    code: int = arguments.run(arguments)
    return code


if __name__ == "__main__":
    sys.exit(main())
