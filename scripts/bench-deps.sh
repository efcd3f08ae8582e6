#!/usr/bin/env bash
# Install what the benchmarks need beyond the test dependencies: LibreOffice Writer, the PDF
# anchor of benchmarks/bench_pdf.py (`soffice --headless --convert-to pdf`).
#
# For the benchmarks only: never run by CI or the tests (they do not need LibreOffice).
# Idempotent: does nothing when `soffice` is already on PATH. Needs root, or sudo; otherwise
# it names the package and exits 1. On a system without apt-get it says so and exits 1.
set -euo pipefail

PACKAGES=(libreoffice-writer-nogui)

if command -v soffice >/dev/null 2>&1; then
    echo "soffice is installed: $(command -v soffice)"
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "No apt-get here: install LibreOffice Writer (soffice) by hand." >&2
    exit 1
fi
SUDO=()
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO=(sudo)
    else
        echo "Needs root: apt-get install ${PACKAGES[*]}" >&2
        exit 1
    fi
fi
"${SUDO[@]}" apt-get update
DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y --no-install-recommends "${PACKAGES[@]}"
command -v soffice
