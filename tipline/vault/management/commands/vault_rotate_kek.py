from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tipline.audit.services import Actor
from tipline.vault.services import data_keys_rewrap, kek_rotate_and_rewrap


class Command(BaseCommand):
    help = "Rotate the key-encryption key and re-wrap every report's data keys under the new one."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--resume", action="store_true", help="Only re-wrap what an interrupted run left."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        acting = Actor.system()
        count = data_keys_rewrap(acting=acting) if options["resume"] else kek_rotate_and_rewrap(acting=acting)
        self.stdout.write(
            self.style.SUCCESS(f"Re-wrapped {count} data keys under the new key-encryption key.")
        )
