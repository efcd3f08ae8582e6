#!/usr/bin/env bash
# Make sure the Debian packages jeugdtool and its offscreen Qt tests need are installed.
#
# Idempotent: checks each package with `dpkg -s` and installs only the missing ones (running
# `apt-get update` once, and only then). Needs root, or sudo; otherwise it names the packages
# and exits 1. On a system without dpkg (not Debian/Ubuntu) it says so and does nothing.
#
# The list was found by reading the ELF NEEDED entries of the PySide6 6.x wheel's Qt libraries
# and plugins (QtCore, QtGui, QtWidgets, QtOpenGL(Widgets), QtDBus, QtXcbQpa, the
# offscreen/minimal/xcb platform plugins, the xcb GL integrations) and mapping every system
# library that the wheel does not bundle to its Debian 12 package; it was checked by creating
# a QApplication in a bare `debootstrap --variant=minbase` bookworm with only these installed.
# Libraries every Debian has (libc6, libstdc++6, libgcc-s1, zlib1g, libzstd1: apt and dpkg
# depend on them) are left out; apt pulls in the rest of the dependency tree itself.
#
# Deliberately NOT listed:
#   libxcb-xinerama0  Qt 5's xcb plugin needed it; Qt 6 does not link it.
#   libnss3 & co.     only QtWebEngine needs them; jeugdtool does not use it.
#   libcups2          only the print-dialog plugin (printsupport/libcupsprintersupport.so)
#                     links it; PDFs are written with reportlab, and Qt runs without it.
#   libgtk-3-0        only the optional gtk3 platform-theme plugin; Qt falls back without it.
set -euo pipefail

PACKAGES=(
    # --- Qt itself, needed even with QT_QPA_PLATFORM=offscreen
    libglib2.0-0        # QtCore: the GLib event dispatcher (libglib-2.0, libgthread-2.0)
    libgl1              # QtGui and every Qt module link libGL.so.1 (the glvnd dispatcher)
    libegl1             # QtGui links libEGL.so.1
    libx11-6            # QtGui and the offscreen platform plugin link libX11.so.6
    libxkbcommon0       # QtGui: keyboard keymaps
    libfontconfig1      # QtGui: finding fonts
    libfreetype6        # QtGui: drawing glyphs
    libdbus-1-3         # QtGui links QtDBus, which links libdbus-1.so.3
    fonts-dejavu-core   # Qt brings no fonts of its own: without one it draws no text
    # --- the xcb platform plugin (a real X11 display: `make run` on a desktop)
    libxcb1             # the X protocol library
    libx11-xcb1         # Xlib/xcb bridge
    libxkbcommon-x11-0  # keymaps from the X server
    libxcb-cursor0      # cursors (Qt >= 6.5 refuses to start xcb without it)
    libxcb-icccm4       # window-manager hints
    libxcb-image0       # images on the wire
    libxcb-keysyms1     # key symbols
    libxcb-randr0       # screens and their geometry
    libxcb-render0      # XRender
    libxcb-render-util0 # XRender helpers
    libxcb-shape0       # shaped windows
    libxcb-shm0         # shared-memory images
    libxcb-sync1        # frame synchronisation
    libxcb-util1        # xcb helpers
    libxcb-xfixes0      # XFixes
    libxcb-xkb1         # XKB extension
    libxcb-glx0         # the xcb GLX integration plugin (Qt's default GL path on X11)
    # --- development tools
    poppler-utils       # pdftoppm: turn exported PDFs into images to look at them
    binutils            # objdump: PyInstaller needs it for `make bundle` (tests/bundle/)
    python3-venv        # `python3 -m venv` for Debian's own python3 (3.11 on Debian 12)
)

if ! command -v dpkg >/dev/null 2>&1; then
    echo "system-deps: no dpkg here (not Debian/Ubuntu); make sure the equivalents of" >&2
    echo "  ${PACKAGES[*]}" >&2
    echo "are installed, then carry on." >&2
    exit 0
fi

# Names that installed packages provide: newer Debian/Ubuntu renamed some libraries (the
# 64-bit time_t transition: libglib2.0-0 -> libglib2.0-0t64 provides libglib2.0-0), and a
# package counts as present when an installed one provides its name.
provided=" $(dpkg-query -W -f='${db:Status-Abbrev} ${Provides}\n' 2>/dev/null |
    awk '/^ii/ { $1 = ""; print }' | tr ',' '\n' | awk '{ print $1 }' | tr '\n' ' ') "

missing=()
for pkg in "${PACKAGES[@]}"; do
    # `dpkg -s` also knows removed packages whose config files remain: ask for "installed".
    if dpkg -s "$pkg" 2>/dev/null | grep -qx 'Status: install ok installed'; then
        continue
    fi
    [[ "$provided" == *" $pkg "* ]] || missing+=("$pkg")
done

if ((${#missing[@]} == 0)); then
    echo "system-deps: all ${#PACKAGES[@]} system packages are installed."
    exit 0
fi

if [[ $(id -u) -eq 0 ]]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
else
    echo "system-deps: these Debian packages are missing and I am neither root nor have sudo:" >&2
    echo "  ${missing[*]}" >&2
    echo "Ask an administrator to run:" >&2
    echo "  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
fi

echo "system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update
"${as_root[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
echo "system-deps: done."
