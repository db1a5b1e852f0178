"""Convert text between the Chinese scripts, as the site does, on the command line.

echo "香港理工大學電子計算學系的流動網絡研究" |
    manage.py convert_chinese_text --from zh-hant --to zh-hans
"""

import sys

from django.core.management.base import BaseCommand, CommandError

from core.chinese import PROFILE, convert_with_terms
from core.terms import site_entries


class Command(BaseCommand):
    help = (
        "Convert text from one Chinese script to the other through the site's term base "
        "(official names kept, Hong Kong and mainland vocabulary exchanged), then OpenCC: "
        "reads standard input, writes the converted text to standard output, one line out "
        "per line in. The terms applied are listed on standard error."
    )

    # call_command(..., stdin=...) reads from it instead of sys.stdin (tests).
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="from_code", required=True, help="zh-hant or zh-hans")
        parser.add_argument("--to", dest="to_code", required=True, help="zh-hans or zh-hant")

    def handle(self, *args, from_code, to_code, **options):
        if (from_code, to_code) not in PROFILE:
            raise CommandError(
                "--from and --to must be zh-hant and zh-hans, one each "
                f"(got {from_code} → {to_code})."
            )
        stdin = options.get("stdin") or sys.stdin
        terms = site_entries()
        applied = {}
        for line in stdin:
            text = line.rstrip("\r\n")
            converted, used = convert_with_terms(text, from_code, to_code, terms)
            applied.update(dict.fromkeys(used))
            self.stdout.write(converted)
        for entry in applied:
            source, target = (
                (entry.traditional, entry.simplified)
                if from_code == "zh-hant"
                else (entry.simplified, entry.traditional)
            )
            self.stderr.write(f"term applied: {source} → {target} ({entry.kind})")
