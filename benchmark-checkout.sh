#!/usr/bin/env bash
# The money-path benchmarks, each in its own block: `./benchmark-checkout.sh checkout [options]` runs only placeOrder's (`webhooks`: the webhook endpoint's),
# no argument runs them all. They use the private PostgreSQL in .data/benchmark-postgres (a fresh database per run)
# and the API built in Release, started as its own process(es).
set -euo pipefail
cd "$(dirname "$0")"

build_api() {
  dotnet build src/Api -c Release --nologo -v quiet -clp:ErrorsOnly
}

# --- checkout (placeOrder): orders/s, p50/p99, ratio to a raw one-statement floor, and an exact stock check. -------
# Options: --concurrency C (16) --seconds S (10) --rounds R (3) --warmup W (30 s per scenario) --products N (1000) --processes P (1 or 2)
checkout_benchmark() {
  dotnet run --project benchmarks/CheckoutBenchmark -c Release -- "$@"
}
# --- end checkout -----------------------------------------------------------------------------------------------------

# --- webhooks (payments): signed Razorpay deliveries/s with 20% duplicates from concurrent senders to two API processes on
# one database, p50/p99 of the acknowledgements, time until the workers applied everything, and an exact final-state check.
# Options: --orders N (3000; two events each) --senders C (32) --duplicate-percent P (20) --warmup-orders W (6000, applied before
# the clock starts) --workers K (inbox workers per instance, 2 as in production)
webhook_benchmark() {
  dotnet run --project benchmarks/WebhookBenchmark -c Release -- "$@"
}
# --- end webhooks -----------------------------------------------------------------------------------------------------

what="${1:-all}"
case "$what" in
  checkout) shift; build_api; checkout_benchmark "$@" ;;
  webhooks) shift; build_api; webhook_benchmark "$@" ;;
  all) build_api; checkout_benchmark; webhook_benchmark ;;
  *) echo "usage: $0 [checkout|webhooks [options]]" >&2; exit 2 ;;
esac
