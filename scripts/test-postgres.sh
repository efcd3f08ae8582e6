#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests: its own cluster in a temporary folder, on
# 127.0.0.1 and a free port, fsync off. Never touches a cluster of the system (Debian's `main`).
#
#   scripts/test-postgres.sh start [DIR]  install the server if missing, start a cluster in DIR
#                                         (default: a new /tmp/jeugdtool-pg.XXXXXX), and print
#                                         its SQLAlchemy URL (postgresql+psycopg://…) on stdout
#   scripts/test-postgres.sh stop DIR     stop the server in DIR and remove DIR
#   scripts/test-postgres.sh url DIR      print the URL of the server running in DIR
#   scripts/test-postgres.sh halt DIR     stop the server in DIR, keeping its files (a server that
#                                         goes down under a running program: the fault tests)
#   scripts/test-postgres.sh resume DIR   start the halted server in DIR again, on the same port
#
# Idempotent: the package is installed only when no PostgreSQL server binaries are found
# (`apt-get update` and `apt-get install postgresql`, as root or with sudo); `start` on a DIR whose
# server already runs just prints the URL again; `stop` on a stopped or missing DIR does nothing.
# Messages go to stderr; stdout carries only the URL. Exits non-zero when the server cannot be
# installed or started (scripts/with-postgres.sh then runs the tests without it).
#
# The cluster belongs to the `postgres` system user when run as root (initdb refuses root), else
# to the caller. Its superuser is `jeugdtool` with a random password, which is in the URL: the
# tests create and drop a database per test through it.
set -euo pipefail

PG_USER=jeugdtool
PG_DB=jeugdtool

say() { echo "test-postgres: $*" >&2; }

# The newest installed server's bin folder (Debian: /usr/lib/postgresql/<major>/bin).
find_bindir() {
    local dir candidates=(/usr/lib/postgresql/*/bin)
    while read -r dir; do
        if [[ -x $dir/initdb && -x $dir/pg_ctl && -x $dir/postgres ]]; then
            echo "$dir"
            return 0
        fi
    done < <(printf '%s\n' "${candidates[@]}" | sort -t/ -k5 -rn)
    if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
        dirname "$(command -v initdb)"
        return 0
    fi
    return 1
}

install_server() {
    if ! command -v apt-get >/dev/null 2>&1; then
        say "no PostgreSQL server found and no apt-get to install one"
        return 1
    fi
    local as_root=()
    if [[ $(id -u) -ne 0 ]]; then
        if ! command -v sudo >/dev/null 2>&1 || ! sudo -n true 2>/dev/null; then
            say "no PostgreSQL server found; install it with: apt-get install postgresql"
            return 1
        fi
        as_root=(sudo -n)
    fi
    say "installing Debian's postgresql package (only its binaries are used)"
    # The package's postinst creates and starts a cluster `main`; ours runs elsewhere. Keep
    # `main` from starting (policy-rc.d 101 = "do not start services"), unless a policy exists.
    local policy=/usr/sbin/policy-rc.d added_policy=""
    if [[ ${#as_root[@]} -eq 0 && ! -e $policy ]]; then
        printf '#!/bin/sh\n# added by jeugdtool scripts/test-postgres.sh during apt-get\nexit 101\n' \
            >"$policy"
        chmod 755 "$policy"
        added_policy=1
    fi
    local rc=0
    {
        export DEBIAN_FRONTEND=noninteractive
        "${as_root[@]}" apt-get update -qq &&
            "${as_root[@]}" apt-get install -y -qq --no-install-recommends postgresql
    } >&2 || rc=$?
    [[ -n $added_policy ]] && rm -f "$policy"
    return "$rc"
}

# Run a server binary as the cluster's owner (from /, which every user may enter).
as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        (cd / && runuser -u postgres -- "$@")
    else
        (cd / && "$@")
    fi
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

is_running() {
    [[ -f $1/data/postmaster.pid ]] && as_owner "$BINDIR/pg_ctl" -D "$1/data" status >/dev/null 2>&1
}

# Start the cluster in $1 on port $2 (fsync etc. off: a test server needs no durability).
launch() {
    as_owner "$BINDIR/pg_ctl" -D "$1/data" -l "$1/data/server.log" -w -t 30 \
        -o "-c listen_addresses=127.0.0.1 -p $2 -c unix_socket_directories='$1'" \
        -o "-c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        -o "-c max_connections=100 -c shared_buffers=32MB" \
        start
}

start() {
    local dir=${1:-}
    if [[ -n $dir && -f $dir/url ]] && BINDIR=$(find_bindir) && is_running "$dir"; then
        cat "$dir/url"
        return 0
    fi
    if ! BINDIR=$(find_bindir); then
        install_server || { say "could not install the PostgreSQL server"; return 1; }
        BINDIR=$(find_bindir) || { say "PostgreSQL installed, but initdb not found"; return 1; }
    fi
    if [[ -z $dir ]]; then
        dir=$(mktemp -d /tmp/jeugdtool-pg.XXXXXX)
        say "cluster in $dir (stop it with: scripts/test-postgres.sh stop $dir)"
    fi
    mkdir -p "$dir"
    chmod 700 "$dir"
    [[ $(id -u) -eq 0 ]] && chown postgres: "$dir"

    if [[ ! -f $dir/data/PG_VERSION ]]; then
        local password
        password=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
        # shellcheck disable=SC2016  # $1 is for the inner sh
        as_owner sh -c 'umask 077 && cat >"$1"' sh "$dir/pwfile" <<<"$password"
        # -N: no fsync while creating; C.UTF-8 exists on every glibc system.
        as_owner "$BINDIR/initdb" -D "$dir/data" -U "$PG_USER" --pwfile="$dir/pwfile" \
            -A scram-sha-256 -E UTF8 --locale=C.UTF-8 -N --no-instructions >"$dir/initdb.log" 2>&1 ||
            { cat "$dir/initdb.log" >&2; say "initdb failed"; return 1; }
        rm -f "$dir/pwfile"
        echo "$password" >"$dir/password"
        chmod 600 "$dir/password"
    fi
    local password port tries
    password=$(cat "$dir/password")
    for tries in 1 2 3; do
        port=$(free_port)
        if launch "$dir" "$port" >/dev/null 2>&1; then
            break
        fi
        [[ $tries == 3 ]] && { tail -n 20 "$dir/data/server.log" >&2 || :; say "start failed"; return 1; }
    done
    if ! PGPASSWORD=$password "$BINDIR/psql" -h 127.0.0.1 -p "$port" -U "$PG_USER" -d postgres \
        -qAtX -c "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'" | grep -q 1; then
        PGPASSWORD=$password "$BINDIR/createdb" -h 127.0.0.1 -p "$port" -U "$PG_USER" "$PG_DB"
    fi
    echo "postgresql+psycopg://$PG_USER:$password@127.0.0.1:$port/$PG_DB" | tee "$dir/url"
}

stop() {
    local dir=${1:?usage: test-postgres.sh stop DIR}
    [[ -d $dir ]] || return 0
    if [[ -f $dir/data/postmaster.pid ]] && BINDIR=$(find_bindir); then
        # immediate: no final checkpoint; the files are deleted next anyway.
        as_owner "$BINDIR/pg_ctl" -D "$dir/data" stop -m immediate -w >/dev/null 2>&1 || :
    fi
    rm -rf "$dir"
}

halt() {
    local dir=${1:?usage: test-postgres.sh halt DIR}
    BINDIR=$(find_bindir)
    # fast: connected clients are told the server shuts down (SQLSTATE 57P01), as in real life.
    as_owner "$BINDIR/pg_ctl" -D "$dir/data" stop -m fast -w >/dev/null
}

resume() {
    local dir=${1:?usage: test-postgres.sh resume DIR} url port
    BINDIR=$(find_bindir)
    url=$(cat "$dir/url")
    port=${url##*:}
    port=${port%%/*}
    launch "$dir" "$port" >/dev/null
}

case ${1:-} in
    start) start "${2:-}" ;;
    halt) halt "${2:-}" ;;
    resume) resume "${2:-}" ;;
    stop) stop "${2:-}" ;;
    url) cat "${2:?usage: test-postgres.sh url DIR}/url" ;;
    *)
        echo "usage: $0 start [DIR] | stop DIR | url DIR | halt DIR | resume DIR" >&2
        exit 2
        ;;
esac
