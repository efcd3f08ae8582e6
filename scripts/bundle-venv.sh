#!/usr/bin/env bash
# .venv-bundle for `make bundle` (PyInstaller and jeugdtool: pip install -e '.[bundle]'), made
# with the Python given as the first argument.
#
# Kept outside the checkout, as scripts/other-pythons.sh keeps its venvs: in
# $JEUGDTOOL_VENV_CACHE (default ~/.cache/jeugdtool), one per Python and pyproject.toml, and
# .venv-bundle is a link to it. A fresh clone (CI) then uses what an earlier run on this machine
# installed and only puts its own jeugdtool into it (editable, without the dependencies: seconds
# instead of most of a minute of CPU); a venv of an older pyproject.toml is removed when its
# successor is made. A .venv-bundle that is a folder of the checkout's own (made before this
# script, or by hand) is kept and installed into as before.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
python=${1:-}
if [ -z "$python" ]; then
    echo "No Python 3.11 or newer found (tried python3, python3.11-3.13)." >&2
    echo "Install one, or run: make PYTHON=/path/to/python3.11 bundle" >&2
    exit 1
fi
target=.venv-bundle
pip_install() {
    "$venv/bin/python" -m pip install -q --disable-pip-version-check "$@"
}
if [ -d "$target" ] && [ ! -L "$target" ]; then
    venv=$target
    pip_install -e '.[bundle]'
    exit 0
fi
# The checkout whose jeugdtool the venv imports from anywhere (empty when none); from /, so that
# the current folder's own jeugdtool does not answer instead.
checkout_in_venv() {
    (cd / && "$venv/bin/python" -c 'import jeugdtool, pathlib
print(pathlib.Path(jeugdtool.__file__).resolve().parents[1])' 2>/dev/null) || true
}
cache=$(realpath -m "${JEUGDTOOL_VENV_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/jeugdtool}")
# One per pyproject.toml and Python (its version and where it is: a venv runs on that Python).
interpreter=$("$python" -c 'import sys; print(sys.version, sys.base_prefix)')
key=$({ cat pyproject.toml; echo "$interpreter"; } | sha256sum | cut -c1-12)
venv=$cache/venv-bundle-$key
if [ ! -f "$venv/.installed" ]; then
    echo "bundle-venv: installing jeugdtool and PyInstaller into $venv ($("$python" --version))"
    rm -rf "$cache"/venv-bundle-*  # those of an older pyproject.toml or another Python
    mkdir -p "$cache"
    "$python" -m venv "$venv"
    pip_install -e '.[bundle]'
    touch "$venv/.installed"
elif [ "$(checkout_in_venv)" != "$(pwd -P)" ]; then
    echo "bundle-venv: putting this checkout's jeugdtool into $venv"
    pip_install --no-deps -e .
fi
ln -sfn "$venv" "$target"
