"""How close conversion comes to the reviewed Simplified demo catalogue.

Derives demo/translations/zh-hans.json from zh-hant.json twice, with OpenCC
alone and with the site's conversion (the shipped term base, then OpenCC), and
counts the segments that still differ from the reviewed catalogue in each
case. Writes nothing.

    python scripts/measure_conversion.py [--show]
"""

import argparse
import json
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))  # run as a script: make the project importable

from core.chinese import SIMPLIFIED, TRADITIONAL, convert  # noqa: E402
from core.terms import default_entries  # noqa: E402

CATALOGUES = PROJECT / "demo/translations"


def differing(traditional, reviewed, terms):
    """{key: (derived, reviewed)} of the segments whose derived text is not the reviewed one."""
    result = {}
    for key, text in sorted(traditional.items()):
        if key not in reviewed:
            continue
        derived = convert(text, TRADITIONAL, SIMPLIFIED, terms)
        if derived != reviewed[key]:
            result[key] = (derived, reviewed[key])
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", action="store_true", help="print each differing segment")
    args = parser.parse_args()
    traditional = json.loads((CATALOGUES / "zh-hant.json").read_text(encoding="utf-8"))
    reviewed = json.loads((CATALOGUES / "zh-hans.json").read_text(encoding="utf-8"))
    compared = len(set(traditional) & set(reviewed))
    for label, terms in (("OpenCC alone", None), ("term base + OpenCC", default_entries())):
        differences = differing(traditional, reviewed, terms)
        sys.stdout.write(f"{label}: {len(differences)} of {compared} segments differ\n")
        if args.show:
            for key, (derived, expected) in differences.items():
                sys.stdout.write(
                    f"  {key[:60]}\n    derived:  {derived}\n    reviewed: {expected}\n"
                )


if __name__ == "__main__":
    main()
