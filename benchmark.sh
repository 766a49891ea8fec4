#!/usr/bin/env bash
# The catalog benchmark: seeds a million products into a private PostgreSQL (.data/benchmark-postgres, kept
# between runs), runs the API in Release in its own process, and measures it with wrk from another process,
# beside a hand-written raw endpoint as the floor. Options: --products N --seconds S --connections C --rounds R
# (R rounds alternating the scenarios each target compares; the targets are the median ratios of the rounds).
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v wrk >/dev/null; then
  [ "$(id -u)" -eq 0 ] || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
dotnet build src/Api -c Release --nologo -v quiet -clp:ErrorsOnly
dotnet run --project benchmarks/CatalogBenchmark -c Release -- "$@"
