"""`manage.py audit_verify`: walks the audit chain and reports the first event that was changed, inserted or
removed. Exit status 0 when the log is intact, 1 when it is not, so a scheduler or monitor can alert on it."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand

from tipline.audit.verification import audit_chain_verify


class Command(BaseCommand):
    help = (
        "Verify the audit log's keyed hash chain: prints a one-line summary when it is intact (exit status 0), "
        "otherwise the first event that was changed, inserted or removed (exit status 1). Read-only."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--json", action="store_true", help="Print the result as a JSON document.")

    def handle(self, *args: Any, **options: Any) -> None:
        verification = audit_chain_verify()
        if options["json"]:
            self.stdout.write(json.dumps(verification.as_dict(), ensure_ascii=False, indent=2))
        elif verification.intact:
            self.stdout.write(self.style.SUCCESS(verification.summary()))
        else:
            self.stdout.write(self.style.ERROR(verification.summary()))
        if not verification.intact:
            raise SystemExit(1)
