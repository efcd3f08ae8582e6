#!/usr/bin/env bash
# Try team mode with one command: a throwaway PostgreSQL server on this computer with a team
# database, two teams of demo users and the demo households (docs/team-mode.md).
#
#   scripts/team-demo.sh [start]   start the demo (or, when it runs already, show how to use it)
#   scripts/team-demo.sh stop      stop the demo server and remove all of its files
#
# Needs the program in .venv (`make venv`) and a PostgreSQL server binary (installed with
# apt-get when missing, by scripts/test-postgres.sh). The server listens on 127.0.0.1 only, on a
# free port; its files are in $JEUGDTOOL_DEMO_DIR (default /tmp/jeugdtool-team-demo-$UID). The
# passwords are demo passwords, printed below: never use this server for real cases.
#
# The set-up is the one docs/team-mode.md describes: an owner login that may create roles
# (not a superuser) owns the database and runs `jeugdtool admin init`, `admin team add` and
# `admin user add`; then the owner loads the demo households and puts each in the team of its
# case manager.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
dir=${JEUGDTOOL_DEMO_DIR:-/tmp/jeugdtool-team-demo-$(id -u)}
py=$root/.venv/bin/python
cli=$root/.venv/bin/jeugdtool-cli
gui=$root/.venv/bin/jeugdtool

DATABASE=jeugdtool_demo
OWNER=jeugdtool_owner
OWNER_PASSWORD=demo-owner

# login|full name|roles|teams|what they show
USERS=(
    "adeboer|A. de Boer|consultant|CJG Stadskanaal|consultant: case manager of 2026-0001 and 2026-0004"
    "mkaya|M. Kaya|consultant|CJG Stadskanaal|consultant: case manager of 2026-0002 and 2026-0005"
    "jvisser|J. Visser|consultant|Sociaal team Midden-Groningen|consultant in the other team: 2026-0003, 2026-0006, and co-worker on 2026-0005"
    "hschouten|H. Schouten|reviewer|CJG Stadskanaal|reviewer (werkbegeleider): reads every case of CJG Stadskanaal"
    "ipostma|I. Postma|team_leader|CJG Stadskanaal,Sociaal team Midden-Groningen|team leader of both teams: caseload and handover"
    "rdijkman|R. Dijkman|privacy_officer||privacy officer: the access log, no case content"
    "wzuidema|W. Zuidema|administrator||administrator: users and teams, no case content"
)

say() { echo "team-demo: $*" >&2; }

demo_password() { echo "demo-$1"; }

server_url() { cat "$dir/url"; }

# postgresql+psycopg://LOGIN@host:port/DATABASE (no password) on the demo server.
url_for() {
    local server
    server=$(server_url)
    server=${server#*@}
    echo "postgresql+psycopg://$1@${server%/*}/$DATABASE"
}

# Run SQL statements (one per argument) as the server's superuser, outside a transaction.
superuser_sql() {
    "$py" - "$(server_url)" "$@" <<'EOF'
import sys

import psycopg

url = sys.argv[1].replace("postgresql+psycopg://", "postgresql://")
with psycopg.connect(url, autocommit=True) as conn:
    for statement in sys.argv[2:]:
        conn.execute(statement)
EOF
}

# The owner's jeugdtool command (its password from PGPASSWORD, never in the URL).
as_owner() {
    PGPASSWORD=$OWNER_PASSWORD "$cli" --lang en --db "$(url_for "$OWNER")" "$@"
}

set_up() {
    say "creating the owner login and the database (createuser --createrole, createdb -O)"
    superuser_sql \
        "CREATE ROLE $OWNER LOGIN CREATEROLE PASSWORD '$OWNER_PASSWORD'" \
        "CREATE DATABASE $DATABASE OWNER $OWNER"
    as_owner admin init
    as_owner admin team add "CJG Stadskanaal"
    as_owner admin team add "Sociaal team Midden-Groningen"
    local entry login name roles teams _what role team args split
    for entry in "${USERS[@]}"; do
        IFS='|' read -r login name roles teams _what <<<"$entry"
        args=(admin user add "$login" --name "$name" --email "$login@demo.invalid")
        IFS=',' read -ra split <<<"$roles"
        for role in "${split[@]}"; do args+=(--role "$role"); done
        if [[ -n $teams ]]; then
            IFS=',' read -ra split <<<"$teams"
            for team in "${split[@]}"; do args+=(--team "$team"); done
        fi
        demo_password "$login" | as_owner "${args[@]}" --password-stdin
    done
    say "loading the demo households and putting each in its case manager's team"
    PGPASSWORD=$OWNER_PASSWORD "$py" - "$(url_for "$OWNER")" <<'EOF'
import sys

from sqlalchemy import select

from jeugdtool.cases import staff
from jeugdtool.cases.models import Consultant, Household, Team, TeamMember
from jeugdtool.export.demo import load_demo_report
from jeugdtool.store.engine import open_database
from jeugdtool.store.uow import UnitOfWork

database = open_database(sys.argv[1])
try:
    uow = UnitOfWork(database, "jeugdtool demo")
    report = load_demo_report(uow).value
    with uow:
        # Each person's first team (by name); every demo case manager is in exactly one.
        team_of = {}
        rows = uow.session.execute(
            select(TeamMember.person_id, Team.id).join(Team).order_by(Team.name)
        )
        for person_id, team_id in rows:
            team_of.setdefault(person_id, team_id)
        for case in uow.session.scalars(select(Household)):
            case.team_id = team_of.get(case.case_manager_id)
        uow.commit()
    with uow:
        case_id = uow.session.scalar(select(Household.id).where(Household.case_number == "2026-0005"))
        visser = uow.session.scalar(select(Consultant.id).where(Consultant.login == "jvisser"))
    staff.add_coworker(uow, case_id, visser)
    print(f"team-demo: {len(report.loaded)} demo households loaded", file=sys.stderr)
finally:
    database.close()
EOF
    touch "$dir/demo-ready"
}

show() {
    local entry login name _roles _teams what
    cat <<EOF

jeugdtool team mode demo: the team database $DATABASE on a throwaway PostgreSQL server
(files in $dir). Two teams: CJG Stadskanaal and Sociaal team Midden-Groningen.

Start jeugdtool as one of these users; it asks for the password (or set PGPASSWORD first):

EOF
    for entry in "${USERS[@]}"; do
        IFS='|' read -r login name _roles _teams what <<<"$entry"
        printf '  %s (%s), password %s\n      %s\n' "$name" "$what" "$(demo_password "$login")" \
            "$gui --db '$(url_for "$login")'"
    done
    cat <<EOF

The same on the command line, e.g.:
  PGPASSWORD=demo-mkaya $cli --db '$(url_for mkaya)' cases
  PGPASSWORD=demo-rdijkman $cli --db '$(url_for rdijkman)' admin access-log --format csv

The owner login $OWNER (password $OWNER_PASSWORD) is for administration only (jeugdtool admin …).

Stop the demo and remove its files:  scripts/team-demo.sh stop
EOF
}

start() {
    if [[ ! -x $py || ! -x $cli ]]; then
        say "jeugdtool is not installed in .venv yet: run \`make venv\` first"
        exit 1
    fi
    if [[ -f $dir/demo-ready ]] && bash "$here/test-postgres.sh" start "$dir" >/dev/null 2>&1; then
        show
        return
    fi
    # A half set-up demo (interrupted earlier) starts again from nothing.
    bash "$here/test-postgres.sh" stop "$dir"
    if ! bash "$here/test-postgres.sh" start "$dir" >/dev/null; then
        say "no PostgreSQL server could be started (see the messages above)"
        exit 1
    fi
    # (Not `if ! set_up`: inside a condition, bash ignores `set -e` for the whole function.)
    trap 'say "setting up the demo failed; its server is stopped"; bash "$here/test-postgres.sh" stop "$dir"' EXIT
    set_up
    trap - EXIT
    show
}

case ${1:-start} in
    start) start ;;
    stop)
        bash "$here/test-postgres.sh" stop "$dir"
        say "stopped; $dir is removed"
        ;;
    *)
        echo "usage: $0 [start|stop]" >&2
        exit 2
        ;;
esac
