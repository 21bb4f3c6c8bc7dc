#!/usr/bin/env bash
# Installs the output validators (tests/validators/requirements.txt) into a virtual
# environment, reused while the requirements are unchanged, and prints its python path.
set -euo pipefail
cd "$(dirname "$0")/.."
req=tests/validators/requirements.txt
root="${VOUCH_VENV_DIR:-$HOME/.cache/vouch/venvs}"
hash=$(cat "$req" | sha256sum | cut -c1-12)
venv="$root/validators-$hash"
if [[ ! -x "$venv/bin/python" || ! -f "$venv/.complete" ]]; then
    rm -rf "$venv"
    mkdir -p "$root"
    python3 -m venv "$venv" >&2
    "$venv/bin/python" -m pip install --quiet --no-input -r "$req" >&2
    touch "$venv/.complete"
fi
echo "$venv/bin/python"
