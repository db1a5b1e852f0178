"""Regenerate translation_workflow/data/{simplified,traditional}_only.txt from OpenCC.

A character is "Simplified-only" when OpenCC's Simplified→Traditional character
dictionary (STCharacters) lists it with Traditional forms that do not include
itself (发 → 發 髮), and the Hong Kong and Taiwan profiles (s2hk, s2tw) both
change it: 干 (幹 乾 干) and 台 (臺 檯 颱 台) are shared by both scripts, 温, 户,
税 are Hong Kong standard forms and 峰 the Taiwan one (OpenCC prefers 峯), so
none of those is flagged. "Traditional-only" is the mirror
image, from TSCharacters and hk2s. Characters that come out in both lists are
dropped from both.

Run after upgrading OpenCC: `.venv/bin/python scripts/build_script_characters.py`.
"""

import subprocess
import sys
import tempfile
from pathlib import Path

import opencc

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))  # run as a script: make the project importable

from core.chinese import converter  # noqa: E402

CLIB = Path(opencc.__file__).parent / "clib"
OUT = PROJECT / "translation_workflow" / "data"


def load(name, workdir):
    target = Path(workdir) / f"{name}.txt"
    subprocess.run(  # noqa: S603
        [
            str(CLIB / "bin" / "opencc_dict"),
            *("-i", str(CLIB / "share" / "opencc" / f"{name}.ocd2")),
            *("-o", str(target), "-f", "ocd2", "-t", "text"),
        ],
        check=True,
    )
    entries = {}
    for line in target.read_text(encoding="utf-8").splitlines():
        key, values = line.split("\t")
        if len(key) == 1:
            entries[key] = values.split(" ")
    return entries


def main():
    to_traditional = [converter(name) for name in ("s2hk", "s2tw")]
    to_simplified = [converter(name) for name in ("hk2s", "tw2s")]
    with tempfile.TemporaryDirectory() as workdir:
        st, ts = load("STCharacters", workdir), load("TSCharacters", workdir)
    simplified = {
        c
        for c, forms in st.items()
        if c not in forms and all(profile.convert(c) != c for profile in to_traditional)
    }
    traditional = {
        c
        for c, forms in ts.items()
        if c not in forms and all(profile.convert(c) != c for profile in to_simplified)
    }
    both = simplified & traditional
    OUT.mkdir(exist_ok=True)
    (OUT / "simplified_only.txt").write_text("".join(sorted(simplified - both)) + "\n", "utf-8")
    (OUT / "traditional_only.txt").write_text("".join(sorted(traditional - both)) + "\n", "utf-8")


if __name__ == "__main__":
    main()
