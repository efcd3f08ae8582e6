#!/usr/bin/env bash
# Run a command (the test suite) next to a throwaway PostgreSQL server, e.g.
#   scripts/with-postgres.sh .venv/bin/python -m pytest
# While the command runs, JEUGDTOOL_TEST_PG_URL names the server (scripts/test-postgres.sh starts
# it); afterwards the server is stopped and its files removed, also when the command fails.
#
# When the server cannot be installed or started, the command runs anyway without the variable,
# and the PostgreSQL tests skip, naming the reason (JEUGDTOOL_TEST_PG_UNAVAILABLE). With
# JEUGDTOOL_TEST_PG_REQUIRED=1 (CI) that is an error instead. An already set JEUGDTOOL_TEST_PG_URL
# (your own server) is used as it is; JEUGDTOOL_TEST_PG=off runs without PostgreSQL.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

if [[ -n ${JEUGDTOOL_TEST_PG_URL:-} ]]; then
    exec "$@"
fi
if [[ ${JEUGDTOOL_TEST_PG:-} == off ]]; then
    export JEUGDTOOL_TEST_PG_UNAVAILABLE="JEUGDTOOL_TEST_PG=off"
    exec "$@"
fi

dir=$(mktemp -d /tmp/jeugdtool-pg.XXXXXX)
trap 'bash "$here/test-postgres.sh" stop "$dir"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if url=$(bash "$here/test-postgres.sh" start "$dir"); then
    export JEUGDTOOL_TEST_PG_URL=$url
    echo "with-postgres: PostgreSQL test server at ${url%%:*}://…@${url##*@}" >&2
elif [[ ${JEUGDTOOL_TEST_PG_REQUIRED:-} == 1 ]]; then
    echo "with-postgres: JEUGDTOOL_TEST_PG_REQUIRED=1, but no PostgreSQL server could be started" >&2
    exit 1
else
    echo "with-postgres: no PostgreSQL server; its tests will be skipped" >&2
    export JEUGDTOOL_TEST_PG_UNAVAILABLE="scripts/test-postgres.sh could not start a server (see its messages)"
fi
"$@"
