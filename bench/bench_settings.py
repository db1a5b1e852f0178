"""The production settings, with uploaded media in the benchmark's temporary folder.

bench/run.py adds images (the demo's, and ten times as many) and Wagtail makes
renditions of them while it serves: they belong to the throwaway site, so they
go to BENCH_MEDIA_ROOT, removed with it, not to the project's media/ folder.
"""

import os
from pathlib import Path

from config.settings.production import *  # noqa: F403

MEDIA_ROOT = Path(os.environ["BENCH_MEDIA_ROOT"])
