#!/usr/bin/env bash
# The money-path benchmarks, each in its own block: `./benchmark-checkout.sh checkout [options]` runs only placeOrder's,
# no argument runs them all. They use the private PostgreSQL in .data/benchmark-postgres (a fresh database per run)
# and the API built in Release, started as its own process(es).
set -euo pipefail
cd "$(dirname "$0")"

build_api() {
  dotnet build src/Api -c Release --nologo -v quiet -clp:ErrorsOnly
}

# --- checkout (placeOrder): orders/s, p50/p99, ratio to a raw one-statement floor, and an exact stock check. -------
# Options: --concurrency C (16) --seconds S (10) --rounds R (3) --warmup W (15 s per scenario) --products N (1000) --processes P (1 or 2)
checkout_benchmark() {
  dotnet run --project benchmarks/CheckoutBenchmark -c Release -- "$@"
}
# --- end checkout -----------------------------------------------------------------------------------------------------

what="${1:-all}"
case "$what" in
  checkout) shift; build_api; checkout_benchmark "$@" ;;
  all) build_api; checkout_benchmark ;;
  *) echo "usage: $0 [checkout [options]]" >&2; exit 2 ;;
esac
