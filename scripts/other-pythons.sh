#!/usr/bin/env bash
# The Qt-free core and the i18n tests on the other Pythons jeugdtool supports (3.12, 3.13),
# each in its own venv (.venv-3.12, .venv-3.13). `make test` runs this after the main suite
# (which runs on .venv's Python, 3.11 here).
#
# A Python is looked for as python3.X on PATH, then in pyenv's versions (this machine's Pythons
# come from pyenv). One that is not found is named and passed over: nothing on this machine can
# install a Python that is not already there (python.org is out of reach).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

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

status=0
for version in 3.12 3.13; do
    if ! python=$(find_python "$version"); then
        echo "other-pythons: Python $version not found on this machine; its tests did not run." >&2
        continue
    fi
    venv=.venv-$version
    if [ ! -f "$venv/.installed" ] || [ pyproject.toml -nt "$venv/.installed" ]; then
        echo "other-pythons: installing jeugdtool into $venv ($("$python" --version))"
        rm -rf "$venv"
        "$python" -m venv "$venv"
        "$venv/bin/python" -m pip install -q --disable-pip-version-check -e '.[test]'
        touch "$venv/.installed"
    fi
    echo "other-pythons: core and i18n tests on $("$venv/bin/python" --version)"
    # -p no:qt: the core tests need no Qt (import-linter holds the core Qt-free).
    "$venv/bin/python" -m pytest -q -p no:qt -m "not slow" -n 2 tests/core || status=1
done
exit $status
