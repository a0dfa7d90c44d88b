#!/usr/bin/env bash
# Runs every test in the solution (unit, slice, component, HTTP and browser journeys) and ends with the line
# "N passed, N failed, N skipped" counted from the test results. Exit code is non-zero on any failure.
# Browser journeys need Debian's Chromium at /usr/bin/chromium (apt-get install chromium).
set -uo pipefail
cd "$(dirname "$0")/.."
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

dotnet tool restore >/dev/null
# axe-core (pinned in the package-lock.json) for the browser accessibility scans; a fresh clone has no node_modules yet.
if [ ! -f tests/RightsPortal.EndToEnd.Tests/node_modules/axe-core/axe.min.js ]; then
  npm ci --prefix tests/RightsPortal.EndToEnd.Tests --no-audit --no-fund >/dev/null || echo "npm ci for axe-core failed: the accessibility scans will fail."
fi
rc=0
# One test project at a time (-m:1): on a 2-core machine the browser journeys must not compete with the other
# suites for the CPU, or their waits become a matter of luck.
dotnet test RightsPortal.sln -m:1 --results-directory "$results" "$@" || rc=$?

# A model change without a migration would leave fresh databases behind the code.
if ! dotnet ef migrations has-pending-model-changes --project src/RightsPortal.Application --startup-project src/RightsPortal.Web --no-build >"$results/ef.log" 2>&1; then
  echo "The EF Core model has changes with no migration (dotnet ef migrations add <Name> --project src/RightsPortal.Application --startup-project src/RightsPortal.Web --output-dir Data/Migrations):"
  cat "$results/ef.log"
  rc=1
fi

if [ -z "$(find "$results" -name '*.trx' -print -quit)" ]; then
  echo "No test results were produced."
  rc=1
fi
summary=$(scripts/test-summary.sh "$results")
case "$summary" in *" 0 failed,"*) ;; *) rc=${rc/#0/1} ;; esac
echo "$summary"
exit $rc
