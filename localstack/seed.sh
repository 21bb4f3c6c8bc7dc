#!/usr/bin/env bash
# Seeds the vouch demo account into the running LocalStack (see seed.py) with
# the LocalStack venv's Python and the environment from env.sh, then reads
# every bucket back and fails if anything differs. Safe to re-run.
#   localstack/seed.sh           apply + read back
#   localstack/seed.sh --check   read back only
set -euo pipefail
# shellcheck source=lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

LS_VENV="$(venv_path localstack "$LS_REQ")"
venv_ready "$LS_VENV" || die "LocalStack venv missing ($LS_VENV): run localstack/up.sh first"
ls_healthy || die "LocalStack is not answering on $LS_ENDPOINT: run localstack/up.sh first"

eval "$("$LS_DIR/env.sh")"
exec "$LS_VENV/bin/python" "$LS_DIR/seed.py" "$@"
