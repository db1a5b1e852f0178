"""Fill the Simplified Chinese demo-content catalogue from the Traditional one.

Every key of demo/translations/zh-hant.json missing from
zh-hans.json is converted with OpenCC's Hong Kong profile (hk2s) and added;
entries already in zh-hans.json (reviewed by a person) are kept as they are,
and keys no longer in zh-hant.json are dropped.
"""

import json
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))  # run as a script: make the project importable

from core.chinese import to_simplified  # noqa: E402

CATALOGUES = PROJECT / "demo/translations"


def main():
    traditional = json.loads((CATALOGUES / "zh-hant.json").read_text(encoding="utf-8"))
    simplified_path = CATALOGUES / "zh-hans.json"
    reviewed = json.loads(simplified_path.read_text(encoding="utf-8"))
    derived = {
        source: reviewed.get(source) or to_simplified(text)
        for source, text in sorted(traditional.items())
    }
    added = len(set(derived) - set(reviewed))
    simplified_path.write_text(
        json.dumps(derived, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    sys.stdout.write(f"zh-hans.json: {added} strings derived from zh-hant.json\n")


if __name__ == "__main__":
    main()
