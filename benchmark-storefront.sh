#!/usr/bin/env bash
# The storefront benchmarks. `ttfb`: time to first byte p50/p99 under concurrent load for home, catalog and product
# pages, output-cached and not (a second storefront with output caching off), beside a static file served by the same
# storefront (the floor), in one run. Uses the private PostgreSQL in .data/benchmark-postgres (a fresh database per
# run), the API built in Release and the storefront published in Release to .data/benchmark-storefront.
# Options: --concurrency C (8) --seconds S (5 per scenario and round) --rounds R (3)
# `checkout`: a load run of N concurrent shoppers (HTTP clients with cookie jars) buying through the storefront and the
# payment simulator, orders/s and p50/p99 per page step, then an exact check of orders, stock and a scarce product.
# Options: --shoppers N (8) --seconds S (20) --instances 1|2 (2: two APIs and two storefronts behind YARP)
#          --scarce-stock K (5) --scarce-shoppers M (12)
set -euo pipefail
cd "$(dirname "$0")"
case "${1:-}" in
  ttfb) ;;
  checkout) ;;
  # Lighthouse on home, catalog, product, journal entry, cart and checkout: ./benchmark-lighthouse.sh (its options: --runs N, --keep, --pages, --cold).
  lighthouse) shift; exec ./benchmark-lighthouse.sh "$@" ;;
  *) echo "Usage: ./benchmark-storefront.sh ttfb [--concurrency C] [--seconds S] [--rounds R] | checkout [--shoppers N] [--seconds S] [--instances 1|2] | lighthouse [--runs N] [--keep] [--pages home,product,…] [--cold]" >&2; exit 2 ;;
esac
dotnet build src/Api -c Release --nologo -v quiet -clp:ErrorsOnly
dotnet publish src/Storefront -c Release -o .data/benchmark-storefront --nologo -v quiet -clp:ErrorsOnly
if [ "$1" = checkout ]; then
  shift
  exec dotnet run --project benchmarks/StorefrontCheckoutBenchmark -c Release -- "$@"
fi
dotnet run --project benchmarks/StorefrontBenchmark -c Release -- "$@"
