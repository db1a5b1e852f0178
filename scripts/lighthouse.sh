#!/usr/bin/env bash
# Lighthouse scores (performance, accessibility, best practices, SEO) of the home,
# partner, programme and search pages in each language, as a Markdown table.
#
#   scripts/lighthouse.sh            # builds a throwaway demo site and measures it
#   PORT=8765 scripts/lighthouse.sh
#
# Needs Node.js with npm (npx fetches lighthouse@12 from the npm registry) and
# Debian's Chromium at /usr/bin/chromium (CHROME_PATH to use another). The site
# runs with debug off and collected static files (scripts/serve_demo.py), on a
# fresh SQLite database with the demo content; reports land in test-artifacts/lighthouse/.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${PORT:-8765}"
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
PY=.venv/bin/python
OUT=test-artifacts/lighthouse
WORK="$(mktemp -d)"
mkdir -p "$OUT"

export DJANGO_SETTINGS_MODULE=config.settings.dev
export DJANGO_DEBUG=0
export DATABASE_URL="sqlite:///$WORK/db.sqlite3"

echo "Building the demo site in $WORK ..." >&2
$PY manage.py migrate --no-input -v0
$PY manage.py load_demo_content -v0
$PY manage.py collectstatic --no-input -v0
$PY manage.py shell -v0 -c "
from wagtail.models import Site
Site.objects.filter(is_default_site=True).update(hostname='127.0.0.1', port=$PORT)"

$PY scripts/serve_demo.py "$PORT" >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$PORT/en/" >/dev/null && break; sleep 0.2; done

# Warm up: the first visit makes the image renditions (AVIF, WebP), which is not what visitors see.
for lang in en zh-hant zh-hans; do
  for path in "" partnerships/alibaba/ partnerships/alibaba/air/ "search/?query=PolyU"; do
    curl -fs "http://127.0.0.1:$PORT/$lang/$path" >/dev/null
  done
done

FLAGS="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"
for lang in en zh-hant zh-hans; do
  for entry in home: partner:partnerships/alibaba/ programme:partnerships/alibaba/air/ search:search/?query=PolyU; do
    name="${entry%%:*}"; path="${entry#*:}"
    echo "Measuring /$lang/$path ..." >&2
    npx --yes lighthouse@12 "http://127.0.0.1:$PORT/$lang/$path" --quiet \
      --chrome-flags="$FLAGS" --output=json --output-path="$OUT/$name-$lang.json" \
      --only-categories=performance,accessibility,best-practices,seo >/dev/null
  done
done

$PY - "$OUT" <<'PYTHON'
import json, sys
from pathlib import Path

out = Path(sys.argv[1])
print("| page | language | performance | accessibility | best practices | SEO |")
print("|---|---|---|---|---|---|")
for lang in ["en", "zh-hant", "zh-hans"]:
    for name in ["home", "partner", "programme", "search"]:
        report = json.loads((out / f"{name}-{lang}.json").read_text())
        scores = [
            round(report["categories"][key]["score"] * 100)
            for key in ["performance", "accessibility", "best-practices", "seo"]
        ]
        print(f"| {name} | {lang} | " + " | ".join(map(str, scores)) + " |")
PYTHON
