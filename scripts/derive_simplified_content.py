"""Fill the Simplified Chinese demo-content catalogue from the Traditional one.

Every key of demo/translations/zh-hant.json missing from zh-hans.json is
converted as the site converts (the term base, then OpenCC's Hong Kong profile
hk2s) and added; entries already in zh-hans.json (reviewed by a person) are
kept as they are, and keys no longer in zh-hant.json are dropped. The term base is the shipped
one (core/data/terms, core.terms.default_entries): the catalogue is part of
the project, derived the same way in every checkout, with no database.
"""

import json
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))  # run as a script: make the project importable

from core.chinese import SIMPLIFIED, TRADITIONAL, convert  # noqa: E402
from core.terms import default_entries  # noqa: E402

CATALOGUES = PROJECT / "demo/translations"


def to_simplified_with_terms(text):
    return convert(text, TRADITIONAL, SIMPLIFIED, default_entries())


def main():
    traditional = json.loads((CATALOGUES / "zh-hant.json").read_text(encoding="utf-8"))
    simplified_path = CATALOGUES / "zh-hans.json"
    reviewed = json.loads(simplified_path.read_text(encoding="utf-8"))
    derived = {
        source: reviewed.get(source) or to_simplified_with_terms(text)
        for source, text in sorted(traditional.items())
    }
    added = len(set(derived) - set(reviewed))
    simplified_path.write_text(
        json.dumps(derived, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    sys.stdout.write(f"zh-hans.json: {added} strings derived from zh-hant.json\n")


if __name__ == "__main__":
    main()
