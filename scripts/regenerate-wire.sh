#!/usr/bin/env bash
# Rewrites what the C# side generates for the pages: the wire types
# (src/Dashboard/src/shared/generated/wire.generated.ts) and the fold fixtures (src/Dashboard/test/fixtures/fold/).
# The test suite fails while the committed files differ from what the records and the server's fold give.
set -euo pipefail
cd "$(dirname "$0")/.."
configuration="${CONFIGURATION:-Release}"
dotnet build tests/CommandCenter.Tests -c "$configuration" -nologo -v quiet -clp:ErrorsOnly
WIRE_REGENERATE=1 dotnet test tests/CommandCenter.Tests -c "$configuration" --no-build -nologo \
  --filter "FullyQualifiedName~CommandCenter.Tests.Wire" --logger "console;verbosity=minimal"
git status --short -- src/Dashboard/src/shared/generated src/Dashboard/test/fixtures
