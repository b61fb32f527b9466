#!/usr/bin/env bash
# Lighthouse (mobile preset) on the demo article, served the production way:
# DEBUG off, collectstatic + WhiteNoise, gunicorn; SQLite and media in a
# temporary folder. Prints the four category scores (0-100).
#
#   bench/lighthouse.sh                 # from the project root, after `make test`
#   PORT=18765 bench/lighthouse.sh --desktop   # desktop preset, a fixed port
#
# Needs Node.js 20+ and Chromium (CHROME_PATH, default /usr/bin/chromium).
# Exit status: 0 when the targets are met (Performance >= 95, the others 100),
# 1 when any is missed.
set -euo pipefail
cd "$(dirname "$0")/.."

# A free port unless one is given: another server on the port would be measured
# instead of this one.
PORT="${PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
ARTICLE="/articles/acupressure-for-low-back-pain/"
PRESET=()
if [ "${1:-}" = "--desktop" ]; then PRESET=(--preset=desktop); fi

[ -x .venv/bin/python ] || { echo "Run 'make test' first to create .venv." >&2; exit 2; }
[ -x "$CHROME_PATH" ] || { echo "Chromium not found at $CHROME_PATH." >&2; exit 2; }
if [ ! -x bench/node_modules/.bin/lighthouse ]; then
    # --ignore-scripts: the Observatory package (also in bench/package.json)
    # downloads lists when installed, which cannot be done here; observatory.sh
    # writes them itself, and Lighthouse needs no install script.
    npm install --prefix bench --no-audit --no-fund --silent --ignore-scripts
fi

WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

export DJANGO_DEBUG=0
export DJANGO_SECURE_SSL_REDIRECT=0
export DJANGO_SECRET_KEY="lighthouse-bench-$(date +%s)-not-secret"
export DATABASE_URL="sqlite:///$WORK/db.sqlite3"
export DJANGO_MEDIA_ROOT="$WORK/media"
export DJANGO_STATIC_ROOT="$WORK/static"
export DJANGO_SITE_URL="http://127.0.0.1:$PORT"

.venv/bin/python manage.py migrate --no-input --verbosity 0
.venv/bin/python manage.py seed_demo --no-admin > /dev/null
.venv/bin/python manage.py collectstatic --no-input --verbosity 0

if curl -s -o /dev/null "http://127.0.0.1:$PORT/"; then
    echo "Port $PORT is already in use; set PORT to a free one." >&2
    exit 2
fi
.venv/bin/gunicorn acupressure_site.wsgi --bind "127.0.0.1:$PORT" --workers 2 \
    --no-control-socket --error-logfile "$WORK/gunicorn.log" &
SERVER_PID=$!
URL="http://127.0.0.1:$PORT$ARTICLE"
for _ in $(seq 50); do
    if curl -fsS -o /dev/null "$URL" 2>/dev/null; then break; fi
    sleep 0.2
done
if ! kill -0 "$SERVER_PID" 2>/dev/null || ! curl -fsS -o /dev/null "$URL"; then
    cat "$WORK/gunicorn.log" >&2
    exit 1
fi

FLAGS="--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run"
FLAGS="$FLAGS --disable-background-networking --disable-component-update"
FLAGS="$FLAGS --disable-sync --user-data-dir=$WORK/chrome"
mkdir -p bench/results
REPORT="bench/results/lighthouse.json"
CHROME_PATH="$CHROME_PATH" bench/node_modules/.bin/lighthouse "$URL" \
    "${PRESET[@]}" --chrome-flags="$FLAGS" --output=json --output-path="$REPORT" \
    --quiet

node - "$REPORT" <<'JS'
const report = require(require("path").resolve(process.argv[2]));
const targets = { performance: 95, accessibility: 100, "best-practices": 100, seo: 100 };
let missed = 0;
console.log(`Lighthouse ${report.lighthouseVersion} on ${report.finalDisplayedUrl}` +
  ` (${report.configSettings.formFactor})`);
for (const [id, target] of Object.entries(targets)) {
  const category = report.categories[id];
  const score = Math.round(category.score * 100);
  const ok = score >= target;
  if (!ok) missed += 1;
  console.log(`  ${category.title.padEnd(15)} ${String(score).padStart(3)}` +
    `  (target ${target})${ok ? "" : "  MISSED"}`);
  if (!ok) {
    for (const ref of category.auditRefs) {
      const audit = report.audits[ref.id];
      if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
        console.log(`      - ${audit.id}: ${audit.title}` +
          (audit.displayValue ? ` (${audit.displayValue})` : ""));
      }
    }
  }
}
const metrics = ["first-contentful-paint", "largest-contentful-paint",
  "total-blocking-time", "cumulative-layout-shift", "speed-index"];
console.log("  " + metrics.map((m) => `${m}: ${report.audits[m].displayValue}`)
  .join(", "));
// Weight of what the page loads before the video is clicked (first screen:
// lazy pictures below it are not fetched), and any request to another host.
const origin = new URL(report.finalDisplayedUrl).origin;
const requests = report.audits["network-requests"].details.items;
const foreign = requests.filter((r) => !r.url.startsWith(origin) && !r.url.startsWith("data:"));
const kb = report.audits["total-byte-weight"].numericValue / 1024;
console.log(`  transferred: ${kb.toFixed(1)} KB in ${requests.length} requests` +
  ` (target <= 150 KB)${kb <= 150 ? "" : "  MISSED"}; other hosts: ${foreign.length}`);
for (const r of requests) {
  console.log(`      ${(r.transferSize / 1024).toFixed(1).padStart(6)} KB  ${r.resourceType || ""}  ${r.url.replace(origin, "")}`);
}
if (kb > 150 || foreign.length) missed += 1;
console.log(`  Full report: ${process.argv[2]}`);
process.exit(missed ? 1 : 0);
JS
