#!/usr/bin/env bash
# The hostile farm (issue: hardening): SITES monitored sites on loopback, 5% of them misbehaving (never answering,
# trickling, endless bodies, gzip bombs, redirect loops and chains, huge headers, invalid TLS, odd encodings, names
# resolving to private addresses or rebinding). Runs the suite's HostileFarmTests with its figures printed: what each
# hostile kind ended in, the healthy sites' schedule lag and missed slots, and memory.
# Usage: bench/hostile.sh          Env: SITES (2000), SECONDS_RUN (60)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export GOVGUARD_HOSTILE_SITES="${SITES:-2000}" GOVGUARD_HOSTILE_SECONDS="${SECONDS_RUN:-60}"
dotnet build "$root/tests/GovGuard.Platform.Tests" -v q -nologo >/dev/null
dotnet test "$root/tests/GovGuard.Platform.Tests" --no-build --filter "FullyQualifiedName~HostileFarmTests" \
  --logger "console;verbosity=detailed" 2>&1 | sed -n '/Standard Output Messages:/,/^ *$/p;/Passed!\|Failed!\|error/p'
