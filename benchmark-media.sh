#!/usr/bin/env bash
# The media benchmark: first-hit resize+encode time per format (AVIF, WebP, JPEG) at 640/1080/1920 px from 2000 px
# originals, and a cached variant's throughput beside a static file of the same bytes on the same Kestrel (target: at
# least 0.8 of it), in one run. Uses the private PostgreSQL in .data/benchmark-postgres (a fresh database per run) and
# the API built in Release, started as its own processes.
# Options: --images N (6) --concurrency C (16) --seconds S (5 per round) --rounds R (3)
set -euo pipefail
cd "$(dirname "$0")"
dotnet build src/Api -c Release --nologo -v quiet -clp:ErrorsOnly
dotnet run --project benchmarks/MediaBenchmark -c Release -- "$@"
