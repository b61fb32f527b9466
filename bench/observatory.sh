#!/usr/bin/env bash
# MDN HTTP Observatory (security headers) on the site served the production way,
# over TLS: DEBUG off, collectstatic + WhiteNoise, gunicorn with a certificate
# from a throwaway CA, SQLite and media in a temporary folder. Prints the grade,
# the score and every test's result for the home page and the demo article (the
# page that sets the CSRF cookie).
#
#   bench/observatory.sh          # from the project root, after `make test`
#
# The Observatory always asks for http://HOST/ and https://HOST/ on the standard
# ports, so the script needs ports 80 and 443 (root, or CAP_NET_BIND_SERVICE):
# gunicorn with TLS answers on 443 and a second gunicorn without TLS answers on
# 80 with the site's own HTTPS redirect (SECURE_SSL_REDIRECT). Without them (or
# with HTTPS_PORT set) it scans TLS on HTTPS_PORT (default 8443) only; the
# redirection test then checks nothing ("no HTTP") and the script says so.
#
# Needs Node.js 20+, openssl and curl. Exit status: 0 when every page scanned
# grades A+, 1 otherwise, 2 when something needed is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

HOST=127.0.0.1
ARTICLE="/articles/acupressure-for-low-back-pain/"
OBSERVATORY="bench/node_modules/@mdn/mdn-http-observatory"

[ -x .venv/bin/python ] || { echo "Run 'make test' first to create .venv." >&2; exit 2; }
for tool in node openssl curl; do
    command -v "$tool" > /dev/null || { echo "$tool is needed." >&2; exit 2; }
done
if [ ! -f "$OBSERVATORY/src/scanner/index.js" ]; then
    # Its install scripts download the HSTS preload and TLD lists: skipped.
    npm install --prefix bench --ignore-scripts --no-audit --no-fund --silent
fi
# The files those scripts would have written; empty lists are enough here.
[ -f "$OBSERVATORY/conf/hsts-preload.json" ] || echo '{}' > "$OBSERVATORY/conf/hsts-preload.json"
[ -f "$OBSERVATORY/conf/tld-list.json" ] || echo '[]' > "$OBSERVATORY/conf/tld-list.json"

port_free() {
    ! (exec 3<> "/dev/tcp/$HOST/$1") 2> /dev/null
}
STANDARD_PORTS=0
if [ -z "${HTTPS_PORT:-}" ] && [ "$(id -u)" = 0 ] && port_free 80 && port_free 443; then
    STANDARD_PORTS=1
    HTTPS_PORT=443
else
    HTTPS_PORT="${HTTPS_PORT:-8443}"
    port_free "$HTTPS_PORT" || { echo "Port $HTTPS_PORT is in use." >&2; exit 2; }
fi

WORK="$(mktemp -d)"
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2> /dev/null || true; done
    wait 2> /dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

# A throwaway certificate authority and a certificate for 127.0.0.1 signed by
# it; Node trusts the CA through NODE_EXTRA_CA_CERTS, nothing else does.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Observatory bench CA" \
    -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout "$WORK/ca.key" -out "$WORK/ca.pem" 2> /dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=$HOST" \
    -keyout "$WORK/site.key" -out "$WORK/site.csr" 2> /dev/null
printf '%s\n' "subjectAltName=IP:$HOST" "basicConstraints=critical,CA:FALSE" \
    "keyUsage=critical,digitalSignature,keyEncipherment" \
    "extendedKeyUsage=serverAuth" > "$WORK/site.ext"
openssl x509 -req -in "$WORK/site.csr" -CA "$WORK/ca.pem" -CAkey "$WORK/ca.key" \
    -CAcreateserial -days 2 -extfile "$WORK/site.ext" -out "$WORK/site.pem" 2> /dev/null

# Production settings: nothing from the caller's environment may weaken them.
while IFS='=' read -r name _; do
    case "$name" in DJANGO_* | DATABASE_URL | REDIS_URL | AXES_* | COMMENTS_*) unset "$name" ;; esac
done < <(env)
export DJANGO_SECRET_KEY="observatory-bench-$(openssl rand -hex 32)"
export DJANGO_ALLOWED_HOSTS="$HOST"
export DATABASE_URL="sqlite:///$WORK/db.sqlite3"
export DJANGO_MEDIA_ROOT="$WORK/media"
export DJANGO_STATIC_ROOT="$WORK/static"
export DJANGO_SITE_URL="https://$HOST"

quietly() {  # the command's output only when it fails
    "$@" > "$WORK/setup.log" 2>&1 || { cat "$WORK/setup.log" >&2; exit 1; }
}
quietly .venv/bin/python manage.py migrate --no-input
quietly .venv/bin/python manage.py seed_demo --no-admin
quietly .venv/bin/python manage.py collectstatic --no-input

serve() {  # serve BIND LOG [gunicorn options...]
    local bind="$1" log="$2"
    shift 2
    .venv/bin/gunicorn acupressure_site.wsgi --bind "$bind" --workers 2 \
        --no-control-socket --error-logfile "$log" "$@" 2>> "$log" &
    PIDS+=("$!")
}
serve "$HOST:$HTTPS_PORT" "$WORK/https.log" \
    --certfile "$WORK/site.pem" --keyfile "$WORK/site.key"
if [ "$STANDARD_PORTS" = 1 ]; then
    serve "$HOST:80" "$WORK/http.log"
fi

URL="https://$HOST:$HTTPS_PORT$ARTICLE"
for _ in $(seq 50); do
    if curl -fsS -o /dev/null --cacert "$WORK/ca.pem" "$URL" 2> /dev/null; then break; fi
    sleep 0.2
done
if ! curl -fsS -o /dev/null --cacert "$WORK/ca.pem" "$URL"; then
    cat "$WORK"/*.log >&2
    exit 1
fi
if [ "$STANDARD_PORTS" = 1 ]; then
    redirect="$(curl -sS -o /dev/null -w '%{http_code} %{redirect_url}' "http://$HOST/")"
    echo "http://$HOST/ answers: $redirect"
else
    echo "NOTE: not on ports 80 and 443, so no plain-HTTP server runs: the" \
        "redirection test reports 'no HTTP' and the HTTPS redirect is not checked."
fi

# The CLI (src/scan.js) scans only "/"; the article is scanned with the same
# retriever, tests and grader, given a path (what scan() in
# src/scanner/index.js does, which does not pass options to the retriever).
NODE_EXTRA_CA_CERTS="$WORK/ca.pem" node --input-type=module - \
    "$(pwd)/$OBSERVATORY" "$HOST" "$HTTPS_PORT" "$STANDARD_PORTS" "/" "$ARTICLE" <<'JS'
const [root, host, httpsPort, standard, ...paths] = process.argv.slice(2);
const load = (file) => import(`${root}/src/${file}`);
const { retrieve } = await load("retriever/retriever.js");
const { ALL_TESTS, NUM_TESTS } = await load("constants.js");
const { MINIMUM_SCORE_FOR_EXTRA_CREDIT } = await load("grader/charts.js");
const { getGradeForScore, getScoreDescription, getScoreModifier } =
  await load("grader/grader.js");
const pkg = JSON.parse(
  (await import("node:fs")).readFileSync(`${root}/package.json`, "utf8"),
);

async function scanPath(path) {
  const options = { path };
  if (standard !== "1") Object.assign(options, { httpsPort, httpPort: httpsPort });
  const r = await retrieve(host, options);
  if (!r.responses.auto) throw new Error("The site seems to be down.");
  const results = ALL_TESTS.map((test) => test(r));
  let passed = 0;
  let withCredit = 100;
  let uncurved = 100;
  for (const result of results) {
    if (!result.result) continue;
    result.scoreDescription = getScoreDescription(result.result);
    result.scoreModifier = getScoreModifier(result.result);
    passed += result.pass ? 1 : 0;
    withCredit += result.scoreModifier;
    if (result.scoreModifier < 0) uncurved += result.scoreModifier;
  }
  const score = uncurved >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? withCredit : uncurved;
  return { ...getGradeForScore(score), passed, status: r.responses.auto.status,
    results };
}

let failed = 0;
console.log(`MDN HTTP Observatory ${pkg.version} on https://${host}` +
  (standard === "1" ? "" : `:${httpsPort}`));
for (const path of paths) {
  const scan = await scanPath(path);
  if (scan.grade !== "A+") failed += 1;
  console.log(`\n${path}  grade ${scan.grade}, score ${scan.score}, ` +
    `${scan.passed}/${NUM_TESTS} tests passed (HTTP ${scan.status})`);
  for (const t of scan.results) {
    const name = t.constructor.name;
    const mark = t.pass ? "pass" : "FAIL";
    const modifier = String(t.scoreModifier ?? 0).padStart(4);
    console.log(`  ${mark}  ${modifier}  ${name.padEnd(30)} ${t.result}`);
    if (!t.pass) console.log(`                ${t.scoreDescription}`);
  }
}
process.exit(failed ? 1 : 0);
JS
