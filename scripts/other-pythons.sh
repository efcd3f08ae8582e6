#!/usr/bin/env bash
# The Qt-free core and the i18n tests on the other Pythons jeugdtool supports (3.12, 3.13),
# each in its own venv (.venv-3.12, .venv-3.13). `make test` runs this after the main suite
# (which runs on .venv's Python, 3.11 here); the two at once, one process each (below).
#
# A Python is looked for as python3.X on PATH, then in pyenv's versions (this machine's Pythons
# come from pyenv). One that is not found is named and passed over: nothing on this machine can
# install a Python that is not already there (python.org is out of reach).
#
# The venvs are kept outside the checkout, in $JEUGDTOOL_VENV_CACHE (default
# ~/.cache/jeugdtool), one per Python and pyproject.toml: a fresh clone (CI) uses what an earlier
# run on this machine installed, and only puts its own jeugdtool into it (editable, without the
# dependencies: seconds instead of a minute or more). A venv of an older pyproject.toml is
# removed when its successor is made; none is there on a new machine, and then it is made.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cache=$(realpath -m "${JEUGDTOOL_VENV_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/jeugdtool}")
key=$(sha256sum pyproject.toml | cut -c1-12)
pip_install() {
    "$venv/bin/python" -m pip install -q --disable-pip-version-check "$@"
}
# The checkout whose jeugdtool the venv imports from anywhere (empty when none); from /, so
# that the current folder's own jeugdtool does not answer instead.
checkout_in_venv() {
    (cd / && "$venv/bin/python" -c 'import jeugdtool, pathlib
print(pathlib.Path(jeugdtool.__file__).resolve().parents[1])' 2>/dev/null) || true
}

find_python() {
    # pyenv's shims are on PATH but answer only for the selected version: try each candidate.
    local version=$1 candidate
    for candidate in \
        $(ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/"$version".*/bin/python"$version" 2>/dev/null \
            | sort -rV) \
        "$(command -v "python$version" 2>/dev/null || true)"; do
        if [ -n "$candidate" ] && "$candidate" -c 'import sys' >/dev/null 2>&1; then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}

# First every venv (made or brought up to date one after the other: pip's cache is shared)...
venvs=()
for version in 3.12 3.13; do
    if ! python=$(find_python "$version"); then
        echo "other-pythons: Python $version not found on this machine; its tests did not run." >&2
        continue
    fi
    venv=$cache/venv-$version-$key
    if [ ! -f "$venv/.installed" ]; then
        echo "other-pythons: installing jeugdtool and its test tools into $venv ($("$python" --version))"
        rm -rf "$cache"/venv-"$version"-*  # those of an older pyproject.toml
        mkdir -p "$cache"
        "$python" -m venv "$venv"
        pip_install -e '.[test]'
        touch "$venv/.installed"
    elif [ "$(checkout_in_venv)" != "$(pwd -P)" ]; then
        echo "other-pythons: putting this checkout's jeugdtool into $venv"
        pip_install --no-deps -e .
    fi
    venvs+=("$venv")
done

# ...then the tests: with two Pythons, both at once, each in one process (the two cores are
# busy all the way, and no xdist workers collect the tests again); with one, on two workers.
# -p no:qt: the core tests need no Qt (import-linter holds the core Qt-free).
tests() {
    echo "other-pythons: core and i18n tests on $("$1/bin/python" --version)"
    "$1/bin/python" -m pytest -q -p no:qt -m "not slow" "${@:2}" tests/core
}
status=0
if [ ${#venvs[@]} -eq 2 ]; then
    logs=$(mktemp -d)
    trap 'rm -rf "$logs"' EXIT
    pids=()
    for i in 0 1; do
        tests "${venvs[$i]}" -n 0 >"$logs/$i" 2>&1 &
        pids+=($!)
    done
    for i in 0 1; do
        wait "${pids[$i]}" || status=1
        cat "$logs/$i"  # each Python's report whole, in order
    done
elif [ ${#venvs[@]} -eq 1 ]; then
    tests "${venvs[0]}" -n 2 --dist worksteal || status=1
fi
exit $status
