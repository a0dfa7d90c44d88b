#!/usr/bin/env bash
# Sums every TRX file under a folder and prints exactly: N passed, N failed, N skipped
set -euo pipefail
src=${1:-TestResults}
find "$src" -name '*.trx' -print0 | xargs -0 -r grep -ho '<Counters [^>]*>' |
  awk '{ for (i = 2; i <= NF; i++) { n = split($i, kv, "="); if (n == 2) { gsub(/[^0-9]/, "", kv[2]); c[kv[1]] += kv[2] } } }
       END { printf "%d passed, %d failed, %d skipped\n", c["passed"], c["failed"] + c["error"] + c["timeout"] + c["aborted"], c["total"] - c["executed"] }'
