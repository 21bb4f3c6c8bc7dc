#!/usr/bin/env bash
# Installs Chromium for the HTML report's browser test (tests/html.rs) if it is not
# already on PATH, and prints the path of the binary. Debian's `chromium` package;
# needs root (or sudo) the first time, and is a no-op afterwards.
set -euo pipefail

if ! command -v chromium >/dev/null 2>&1; then
    sudo=()
    if [[ $(id -u) -ne 0 ]]; then
        sudo=(sudo)
    fi
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -qq >&2
    "${sudo[@]}" apt-get install -y -qq --no-install-recommends chromium >&2
fi
command -v chromium
