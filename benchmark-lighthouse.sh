#!/usr/bin/env bash
# The storefront's Lighthouse benchmark: npm lighthouse 12.2.3 (benchmarks/Lighthouse, pinned by its lockfile) with
# Debian's Chromium, mobile settings (Lighthouse's default: a mid-range phone, 4x CPU slowdown, simulated slow 4G), on
# the home page, the catalog, a product page, a journal entry, and the cart and checkout with a product in the cart, against the API built and the storefront published in
# Release and run in Production as processes of their own (the API on a private PostgreSQL in .data/benchmark-lighthouse-postgres,
# migrated and seeded with the demo shop). Prints performance, accessibility, best-practices and SEO scores, FCP, LCP,
# CLS and TBT per page (the median run by performance), and the opportunities of any page that misses a target.
# Each page is requested once before it is measured, so Lighthouse sees the page as a warm storefront serves it, and
# (unless --cold) loaded once by an unmeasured Lighthouse run with the same phone emulation, so the picture variants it
# asks for exist and the API has served them: what a CDN in front of the image endpoint holds after the first shopper.
# Options: --runs N (3 per page) --keep (leave the JSON reports in .data/lighthouse) --pages home,catalog,… (only these
# of home, catalog, product, journal-entry, cart, checkout; all by default) --cold (no unmeasured run first: the first
# run of a page then also measures the API encoding its pictures' variants and its first requests after a start).
# Needs node, npm and chromium.
set -euo pipefail
cd "$(dirname "$0")"
root=$PWD

runs=3
keep=false
only=""
cold=false
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --keep) keep=true; shift ;;
    --pages) only=",$2,"; shift 2 ;;
    --cold) cold=true; shift ;;
    *) echo "Unknown option $1 (--runs N, --keep, --cold, --pages home,catalog,product,journal-entry,cart,checkout)" >&2; exit 2 ;;
  esac
done

export CHROME_PATH=${CHROME_PATH:-${CHROMIUM_PATH:-/usr/bin/chromium}}
[ -x "$CHROME_PATH" ] || { echo "Chromium is missing at $CHROME_PATH: apt-get install chromium (./test.sh does)." >&2; exit 1; }

echo "Building the API and the storefront in Release…"
dotnet build src/Api -c Release --nologo -v quiet -clp:"ErrorsOnly;NoSummary"
# Published, as a shop deploys it: the static assets with their precompressed br/gzip variants beside the app.
dotnet publish src/Storefront -c Release -o .data/benchmark-lighthouse-storefront --nologo -v quiet -clp:"ErrorsOnly;NoSummary"
if [ ! -f benchmarks/Lighthouse/node_modules/.package-lock.json ] \
   || [ benchmarks/Lighthouse/package-lock.json -nt benchmarks/Lighthouse/node_modules/.package-lock.json ]; then
  (cd benchmarks/Lighthouse && npm ci --no-audit --no-fund --ignore-scripts)
fi

free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
# The demo journal's covers are stored as absolute URLs on the API's public base (Media__PublicBaseUrl) when the shop
# is seeded, so the API keeps the port it had then: a new port would leave the pages pointing at a closed one.
api_port_file="$root/.data/benchmark-lighthouse-postgres.api-port"
api_port=$(cat "$api_port_file" 2>/dev/null || true)
if [ -z "$api_port" ] || (exec 3<>"/dev/tcp/127.0.0.1/$api_port") 2>/dev/null; then
  [ -n "$api_port" ] && echo "Port $api_port (the seeded shop's) is busy: reseeding on a new one." >&2
  rm -rf "$root/.data/benchmark-lighthouse-postgres"
  api_port=$(free_port)
  mkdir -p "$root/.data" && echo "$api_port" >"$api_port_file"
fi
api_url="http://127.0.0.1:$api_port"
storefront_url="http://127.0.0.1:$(free_port)"
reports="$root/.data/lighthouse"
rm -rf "$reports" && mkdir -p "$reports"

pids=()
stop() {
  trap - EXIT INT TERM
  [ ${#pids[@]} -gt 0 ] && kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
  $keep || rm -rf "$reports"
}
trap stop EXIT INT TERM

wait_until_up() { # name url log
  for _ in $(seq 1 1200); do
    if curl -fs -o /dev/null "$2"; then return 0; fi
    if ! kill -0 "${pids[-1]}" 2>/dev/null; then echo "The $1 stopped while starting:" >&2; cat "$3" >&2; exit 1; fi
    sleep 0.5
  done
  echo "The $1 did not become ready at $2 within ten minutes:" >&2; cat "$3" >&2
  exit 1
}

echo "Starting the API (the first run seeds the demo shop and its pictures: a minute or more)…"
# Production, as a shop runs: keys it needs to start (Razorpay's point nowhere), the demo shop seeded into its own cluster.
ASPNETCORE_ENVIRONMENT=Production \
Database__LocalDirectory="$root/.data/benchmark-lighthouse-postgres" \
Database__MigrateOnStartup=true \
Database__SeedDemoData=true \
Jwt__SigningKey="$(head -c 48 /dev/urandom | base64 -w0)" \
Razorpay__KeyId=rzp_test_lighthouse \
Razorpay__KeySecret="$(head -c 24 /dev/urandom | base64 -w0)" \
Razorpay__WebhookSecret="$(head -c 24 /dev/urandom | base64 -w0)" \
Razorpay__BaseUrl=http://127.0.0.1:9/v1/ \
Payments__WebhookWorkerEnabled=false \
Payments__ReconciliationEnabled=false \
Media__PublicBaseUrl="$api_url" \
Logging__LogLevel__Default=Warning \
  dotnet src/Api/bin/Release/net10.0/Diecast.Api.dll --urls "$api_url" >"$reports/api.log" 2>&1 &
pids+=($!)
wait_until_up API "$api_url/health/ready" "$reports/api.log"

ASPNETCORE_ENVIRONMENT=Production \
DiecastApi__Endpoint="$api_url/graphql" \
Storefront__PublicBaseUrl="$storefront_url" \
Logging__LogLevel__Default=Warning \
  dotnet .data/benchmark-lighthouse-storefront/Diecast.Storefront.dll --urls "$storefront_url" --contentRoot "$root/.data/benchmark-lighthouse-storefront" \
  >"$reports/storefront.log" 2>&1 &
pids+=($!)
wait_until_up storefront "$storefront_url/health/live" "$reports/storefront.log"

# A product (the first featured one) and the newest journal entry, from the API.
slugs=$(curl -fs "$api_url/graphql" -H 'Content-Type: application/json' \
  -d '{"query":"{ featuredProducts { slug } journalEntries(first: 1) { nodes { slug } } }"}')
product=$(node -e 'const d=JSON.parse(process.argv[1]).data;console.log(d.featuredProducts[0].slug)' "$slugs")
entry=$(node -e 'const d=JSON.parse(process.argv[1]).data;console.log(d.journalEntries.nodes[0].slug)' "$slugs")

# One Lighthouse run of URL $1 writing the JSON report $2; more options (--extra-headers) after those.
lighthouse() {
  local url=$1 output=$2
  shift 2
  node benchmarks/Lighthouse/node_modules/lighthouse/cli/index.js "$url" --quiet \
    --only-categories=performance,accessibility,best-practices,seo \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update --disable-sync" \
    --output=json --output-path="$output" "$@"
}
# The unmeasured run before a page's measured ones (its report, <page>-warm-up.json, is not read); none with --cold.
warm_up() { $cold || lighthouse "$@"; }

# --pages keeps the named ones only.
wanted() { [ -z "$only" ] || [[ "$only" == *",$1,"* ]]; }
pages=()
for page in "home=/" "catalog=/cars" "product=/cars/$product" "journal-entry=/journal/$entry"; do
  wanted "${page%%=*}" && pages+=("$page")
done
lcp_elements=()
for page in "${pages[@]}"; do
  name=${page%%=*}
  url="$storefront_url${page#*=}"
  curl -fs -o /dev/null -w "$name: $url %{http_code}\n" "$url" || { echo "$url does not answer 200" >&2; exit 1; }
  warm_up "$url" "$reports/$name-warm-up.json"
  for run in $(seq 1 "$runs"); do
    lighthouse "$url" "$reports/$name-$run.json"
  done
  # Lighthouse 12.2.3's largest-contentful-paint-element audit fails on this Chromium: the browser is asked directly.
  lcp_elements+=("$name: $(node benchmarks/Lighthouse/lcp-element.mjs "$url" 2>&1 | tail -1)")
done

# The cart and the checkout (issue 15), with a cart: one product added first through the storefront's own form, and
# the cart cookies it set passed to Lighthouse (--extra-headers), so both pages show a line, a quote and the form.
product_id=$(curl -fs "$api_url/graphql" -H 'Content-Type: application/json' \
  -d '{"query":"{ products(first: 1, where: {status: {eq: AVAILABLE}}) { nodes { id } } }"}' \
  | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).data.products.nodes[0].id))')
cart_cookies=$(curl -fs -o /dev/null -D - -X POST "$storefront_url/cart/add" -H "Origin: $storefront_url" -H "Sec-Fetch-Site: same-origin" \
  --data-urlencode "productId=$product_id" --data "quantity=1" \
  | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/p' | paste -sd ';' - | sed 's/;/; /g')
[ -n "$cart_cookies" ] || { echo "Adding a product to the cart set no cookie" >&2; exit 1; }
cart_pages=()
for page in "cart=/cart" "checkout=/checkout"; do
  wanted "${page%%=*}" && cart_pages+=("$page")
done
for page in "${cart_pages[@]}"; do
  name=${page%%=*}
  url="$storefront_url${page#*=}"
  curl -fs -o /dev/null -H "Cookie: $cart_cookies" -w "$name: $url %{http_code} (with a cart)\n" "$url" || { echo "$url does not answer 200" >&2; exit 1; }
  cookie_header=$(node -e 'console.log(JSON.stringify({Cookie: process.argv[1]}))' "$cart_cookies")
  warm_up "$url" "$reports/$name-warm-up.json" --extra-headers="$cookie_header"
  for run in $(seq 1 "$runs"); do
    lighthouse "$url" "$reports/$name-$run.json" --extra-headers="$cookie_header"
  done
done

node benchmarks/Lighthouse/report.mjs "$reports" "${pages[@]%%=*}" "${cart_pages[@]%%=*}"
if [ ${#lcp_elements[@]} -gt 0 ]; then
  echo
  echo "LCP element per page (a phone as Lighthouse emulates it; loadTime and renderTime in ms, unthrottled):"
  printf '  %s\n' "${lcp_elements[@]}"
fi
