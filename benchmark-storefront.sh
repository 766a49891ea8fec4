#!/usr/bin/env bash
# The storefront benchmarks. `ttfb`: time to first byte p50/p99 under concurrent load for home, catalog and product
# pages, output-cached and not (a second storefront with output caching off), beside a static file served by the same
# storefront (the floor), in one run. Uses the private PostgreSQL in .data/benchmark-postgres (a fresh database per
# run), the API built in Release and the storefront published in Release to .data/benchmark-storefront.
# Options: --concurrency C (8) --seconds S (5 per scenario and round) --rounds R (3)
set -euo pipefail
cd "$(dirname "$0")"
case "${1:-}" in
  ttfb) ;;
  # Lighthouse on home, catalog, product and journal entry: ./benchmark-lighthouse.sh (its options: --runs N, --keep).
  lighthouse) shift; exec ./benchmark-lighthouse.sh "$@" ;;
  *) echo "Usage: ./benchmark-storefront.sh ttfb [--concurrency C] [--seconds S] [--rounds R] | lighthouse [--runs N] [--keep]" >&2; exit 2 ;;
esac
dotnet build src/Api -c Release --nologo -v quiet -clp:ErrorsOnly
dotnet publish src/Storefront -c Release -o .data/benchmark-storefront --nologo -v quiet -clp:ErrorsOnly
dotnet run --project benchmarks/StorefrontBenchmark -c Release -- "$@"
