#!/usr/bin/env bash
# Starts LocalStack (127.0.0.1:${VOUCH_LOCALSTACK_PORT:-4566}) and moto_server
# (127.0.0.1:${VOUCH_MOTO_PORT:-5001}) in the background, loopback only, with
# PID files and logs in localstack/.run/, and waits until both are healthy
# (timeout ${VOUCH_EMULATOR_TIMEOUT:-120} s). Runs setup.sh first (it builds
# missing venvs). Reuses emulators that are already running and healthy.
set -euo pipefail
# shellcheck source=lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

TIMEOUT="${VOUCH_EMULATOR_TIMEOUT:-120}"
START=$SECONDS

# setup.sh builds missing venvs and (re)checks the LocalStack patches; with
# both venvs present it takes about a second.
"$LS_DIR/setup.sh"
LS_VENV="$(venv_path localstack "$LS_REQ")"
MOTO_VENV="$(venv_path moto "$MOTO_REQ")"

mkdir -p "$RUN_DIR"

# Emulators this run launched; stopped again if up.sh fails.
LAUNCHED=()
cleanup_on_failure() {
    local rc=$?
    (( rc == 0 )) && return
    local entry
    for entry in "${LAUNCHED[@]}"; do
        IFS='|' read -r name pidfile pattern <<<"$entry"
        log "$name: stopping it again because up.sh failed"
        stop_emulator "$name" "$pidfile" "$pattern" || true
    done
}
trap cleanup_on_failure EXIT

# start NAME PIDFILE PATTERN LOG PORT HEALTHFN CMD... : start unless already up.
start() {
    local name="$1" pidfile="$2" pattern="$3" logfile="$4" port="$5" healthy="$6"
    shift 6
    if emulator_alive "$pidfile" "$pattern"; then
        if "$healthy"; then
            log "$name: already running (pid $(cat "$pidfile")) and healthy on 127.0.0.1:$port; reusing it"
        else
            log "$name: already running (pid $(cat "$pidfile")) but not healthy yet; waiting for it"
        fi
        return
    fi
    rm -f "$pidfile"
    if "$healthy"; then
        log "$name: a healthy $name not started by up.sh already serves 127.0.0.1:$port; reusing it (down.sh will not stop it)"
        return
    fi
    if port_open "$port"; then
        die "$name: port $port is in use by another program that is not a healthy $name; free it or set VOUCH_${name^^}_PORT"
    fi
    [[ -f "$logfile" ]] && mv -f "$logfile" "$logfile.prev"
    log "$name: starting on 127.0.0.1:$port (log: $logfile)"
    # setsid: own process group (its id is the PID we record), detached from
    # this shell, so down.sh can stop it and everything it spawned.
    (cd "$RUN_DIR" && exec setsid "$@" >"$logfile" 2>&1 </dev/null) &
    echo $! >"$pidfile"
    LAUNCHED+=("$name|$pidfile|$pattern")
}

# wait_healthy NAME PIDFILE PATTERN LOG HEALTHFN
wait_healthy() {
    local name="$1" pidfile="$2" pattern="$3" logfile="$4" healthy="$5"
    until "$healthy"; do
        if [[ -f "$pidfile" ]] && ! emulator_alive "$pidfile" "$pattern"; then
            log "$name: process exited during startup; last 40 lines of $logfile:"
            tail -n 40 "$logfile" >&2 || true
            rm -f "$pidfile"
            die "$name failed to start"
        fi
        if (( SECONDS - WAIT_START >= TIMEOUT )); then
            log "$name: not healthy after ${TIMEOUT} s; last 40 lines of $logfile:"
            tail -n 40 "$logfile" >&2 || true
            die "$name did not become healthy within ${TIMEOUT} s (VOUCH_EMULATOR_TIMEOUT)"
        fi
        sleep 1
    done
    log "$name: healthy after $((SECONDS - WAIT_START)) s"
}

WAIT_START=$SECONDS

# LocalStack env: the DESIGN.md settings, plus host mode. This machine has
# /.dockerenv, so LocalStack would think it runs in its own container: it
# would keep its state in /var/lib/localstack, /etc/localstack and
# /usr/lib/localstack, and probe 172.17.0.1/172.18.0.1 for a Docker bridge.
# OVERRIDE_IN_DOCKER=0 makes it a host process whose files live under
# FILESYSTEM_ROOT; DOCKER_BRIDGE_IP set skips the bridge probe in any mode.
start localstack "$LS_PIDFILE" "$LS_PATTERN" "$LS_LOG" "$LS_PORT" ls_healthy \
    env GATEWAY_LISTEN="127.0.0.1:$LS_PORT" \
        DNS_ADDRESS=0 \
        DISABLE_EVENTS=1 \
        SKIP_SSL_CERT_DOWNLOAD=1 \
        MOTO_EC2_LOAD_DEFAULT_AMIS=false \
        OVERRIDE_IN_DOCKER=0 \
        DOCKER_BRIDGE_IP=127.0.0.1 \
        FILESYSTEM_ROOT="$RUN_DIR/localstack-fs" \
        "$LS_VENV/bin/python" -m localstack.runtime.main

# MOTO_ACCOUNT_ID: moto would otherwise put its resources in 123456789012;
# LocalStack's STS says the account is 000000000000, so make moto agree.
start moto "$MOTO_PIDFILE" "$MOTO_PATTERN" "$MOTO_LOG" "$MOTO_PORT" moto_healthy \
    env MOTO_EC2_LOAD_DEFAULT_AMIS=false \
        MOTO_ACCOUNT_ID=000000000000 \
        "$MOTO_VENV/bin/moto_server" -H 127.0.0.1 -p "$MOTO_PORT"

wait_healthy localstack "$LS_PIDFILE" "$LS_PATTERN" "$LS_LOG" ls_healthy
wait_healthy moto "$MOTO_PIDFILE" "$MOTO_PATTERN" "$MOTO_LOG" moto_healthy

log "ready in $((SECONDS - START)) s. LocalStack: $LS_ENDPOINT   moto: $MOTO_ENDPOINT"
log "next: eval \"\$(localstack/env.sh)\"; localstack/seed.sh"
