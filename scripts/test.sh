#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: installs what the tests need, builds, tests,
# and prints one summary line. A run that executed no tests fails.
set -euo pipefail
cd "$(dirname "$0")/.."

configuration="${CONFIGURATION:-Release}"
results="artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

# Debian packages the tests use, installed only when missing (CI and fresh machines run as root).
need_apt=()
# tzdata: working-time rules need the Asia/Shanghai zone. chromium: the browser tests drive it (Playwright
# with Debian's browser, nothing downloaded); fonts-noto-cjk: the pages' Chinese in its screenshots.
# redis-server: the Redis profile's cluster tests (started privately by the tests). postgresql: the PostgreSQL
# profile's tests (a private cluster made by initdb in a temporary folder and started by pg_ctl on a free port).
for pkg in tzdata chromium fonts-noto-cjk redis-server postgresql ${TEST_APT_PACKAGES:-}; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Installing: ${need_apt[*]}"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need_apt[@]}"
fi

dotnet build CommandCenter.sln -c "$configuration" -nologo -v quiet -clp:ErrorsOnly

status=0
dotnet test CommandCenter.sln -c "$configuration" --no-build -nologo \
  --logger "trx" --results-directory "$results" \
  --logger "console;verbosity=minimal" || status=$?

# The pages' unit tests (vitest, in src/Dashboard: the replay's fold against the server's fixtures, the live feed's
# sequencing). The build above installed the dashboard's packages; their JUnit report is counted with the TRX files.
dashboard_junit="$PWD/$results/dashboard.junit.xml"
(cd src/Dashboard && VITEST_JUNIT="$dashboard_junit" npm test --silent) || status=$?

# Sum the counters of every test run (one TRX file per test project, one JUnit file for the pages).
total=0; passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  value() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  total=$((total + $(value total)))
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed)))
  skipped=$((skipped + $(value notExecuted)))
done
if [ -f "$dashboard_junit" ]; then
  suites=$(grep -o '<testsuites [^>]*>' "$dashboard_junit" | head -n 1)
  junit() { echo "$suites" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  skips=0
  for n in $(grep -o '<testsuite [^>]*>' "$dashboard_junit" | grep -o ' skipped="[0-9]*"' | grep -o '[0-9]*'); do skips=$((skips + n)); done
  broken=$(( $(junit failures) + $(junit errors) ))
  total=$((total + $(junit tests)))
  failed=$((failed + broken))
  skipped=$((skipped + skips))
  passed=$((passed + $(junit tests) - broken - skips))
else
  echo "The dashboard's tests wrote no report ($dashboard_junit)." >&2
  status=1
fi

echo
echo "Tests: $passed passed, $failed failed, $skipped skipped"
if [ "$total" -eq 0 ]; then
  echo "No tests ran: that is a failure, not a pass." >&2
  exit 1
fi
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ]; then
  exit 1
fi
