#!/usr/bin/env bash
# Stops the LocalStack and moto processes that up.sh started, by the PIDs in
# localstack/.run/*.pid: SIGTERM, then SIGKILL after a grace period
# (${VOUCH_EMULATOR_GRACE:-15} s). Fine if they are not running.
set -euo pipefail
# shellcheck source=lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

stop_emulator localstack "$LS_PIDFILE" "$LS_PATTERN"
stop_emulator moto "$MOTO_PIDFILE" "$MOTO_PATTERN"
