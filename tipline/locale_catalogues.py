"""Compiling the message catalogues (.po to .mo) with polib, so setting up needs no system gettext tools.

python -m tipline.locale_catalogues compile   # writes the .mo files next to the .po files
python -m tipline.locale_catalogues check     # fails when a zh_Hans entry is untranslated or fuzzy
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def catalogue_paths() -> list[Path]:
    return sorted(LOCALE_DIR.glob("*/LC_MESSAGES/django.po"))


def catalogues_compile() -> None:
    for po_path in catalogue_paths():
        polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))


def catalogue_gaps(language: str = "zh_Hans") -> list[str]:
    """msgids of `language` that have no usable translation."""
    catalogue = polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))
    return [entry.msgid for entry in catalogue.untranslated_entries() + catalogue.fuzzy_entries()]


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "compile"
    if command == "compile":
        catalogues_compile()
        return 0
    if command == "check":
        gaps = catalogue_gaps()
        for msgid in gaps:
            print(f"untranslated: {msgid!r}")
        return 1 if gaps else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
