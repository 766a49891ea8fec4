#!/usr/bin/env bash
# Starts the whole store on this machine: a private PostgreSQL (data in .data/), the API with
# Banana Cake Pop and the demo catalog, and the storefront. Ctrl+C stops everything.
# Ports come from DIECAST_API_PORT (5080) and DIECAST_STOREFRONT_PORT (5090).
set -euo pipefail
cd "$(dirname "$0")"

api_port=${DIECAST_API_PORT:-5080}
storefront_port=${DIECAST_STOREFRONT_PORT:-5090}
api_url="http://localhost:$api_port"
storefront_url="http://localhost:$storefront_port"

for port in "$api_port" "$storefront_port"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "Port $port is already in use; set DIECAST_API_PORT / DIECAST_STOREFRONT_PORT to free ports." >&2
    exit 1
  fi
done

echo "Building Diecast…"
dotnet build Diecast.sln --nologo -v quiet -clp:ErrorsOnly

export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
pids=()
stop() {
  trap - EXIT INT TERM
  [ ${#pids[@]} -gt 0 ] && kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop EXIT INT TERM

wait_until_up() { # name url
  for _ in $(seq 1 240); do
    if curl -fs -o /dev/null "$2"; then return 0; fi
    if ! kill -0 "${pids[-1]}" 2>/dev/null; then echo "The $1 stopped while starting; see its output above." >&2; exit 1; fi
    sleep 0.5
  done
  echo "The $1 did not become ready at $2 within two minutes." >&2
  exit 1
}

# The storefront evicts its cached pages on the API's change stream; a fresh secret per run lets only it subscribe.
events_secret=${StorefrontEvents__Secret:-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')}
# The storefront names the shopper behind each API call with this, so the API rate-limits shoppers one by one.
forwarding_secret=${GraphQL__RateLimit__ForwardedClientSecret:-$(head -c 36 /dev/urandom | base64 | tr -d '/+=')}

# Media URLs are absolute on this API, so the storefront (another origin) can show every picture as it comes.
StorefrontEvents__Secret="$events_secret" \
GraphQL__RateLimit__ForwardedClientSecret="$forwarding_secret" \
Media__PublicBaseUrl="${Media__PublicBaseUrl:-$api_url}" \
  dotnet src/Api/bin/Debug/net10.0/Diecast.Api.dll --urls "$api_url" &
pids+=($!)
wait_until_up API "$api_url/health/ready"

# Without Razorpay keys the API plays Razorpay itself (its payment simulator); the storefront's "Pay" then links to
# the simulator's page, where a tester chooses success or failure. With keys, Razorpay's own Checkout script opens.
if [ -z "${Razorpay__KeyId:-}" ]; then
  export Storefront__PaymentSimulatorUrl="${Storefront__PaymentSimulatorUrl:-$api_url/simulator/checkout}"
fi

StorefrontCache__EventsSecret="$events_secret" \
DiecastApi__ForwardedClientSecret="$forwarding_secret" \
DiecastApi__Endpoint="$api_url/graphql" \
  dotnet src/Storefront/bin/Debug/net10.0/Diecast.Storefront.dll --urls "$storefront_url" --contentRoot "$PWD/src/Storefront" &
pids+=($!)
wait_until_up storefront "$storefront_url/health/live"

cat <<MSG

Diecast is running.
  Storefront:                 $storefront_url
  GraphQL API:                $api_url/graphql
  Banana Cake Pop (browser):  $api_url/graphql
  Health:                     $api_url/health/ready
Data lives in .data/postgres. Press Ctrl+C to stop.
MSG
wait -n "${pids[@]}"
