"""Compile every locale/*/LC_MESSAGES/*.po into its .mo file.

Pure Python (polib), so `make run` needs no system gettext; `make messages`
(which extracts strings with xgettext) is the only target that does.
Only files whose .po is newer than their .mo are rebuilt.
"""

import sys
from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def main():
    for po_path in sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        catalogue = polib.pofile(str(po_path))
        catalogue.save_as_mofile(str(mo_path))
        sys.stdout.write(f"compiled {mo_path.relative_to(LOCALE_DIR.parent)}\n")


if __name__ == "__main__":
    main()
