# shellcheck shell=bash disable=SC2034  # variables are used by the scripts that source this
# Shared settings for the emulator scripts in this folder. Sourced, not run.
# Plain bash: nothing here needs a virtualenv.

LS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RUN_DIR="$LS_DIR/.run"

VOUCH_PYTHON="${VOUCH_PYTHON:-python3}"
VENV_ROOT="${VOUCH_VENV_DIR:-$HOME/.cache/vouch/venvs}"

LS_REQ="$LS_DIR/requirements-localstack.txt"
MOTO_REQ="$LS_DIR/requirements-moto.txt"

LS_PORT="${VOUCH_LOCALSTACK_PORT:-4566}"
MOTO_PORT="${VOUCH_MOTO_PORT:-5001}"
LS_ENDPOINT="http://127.0.0.1:$LS_PORT"
MOTO_ENDPOINT="http://127.0.0.1:$MOTO_PORT"

LS_PIDFILE="$RUN_DIR/localstack.pid"
MOTO_PIDFILE="$RUN_DIR/moto.pid"
LS_LOG="$RUN_DIR/localstack.log"
MOTO_LOG="$RUN_DIR/moto.log"

log() { printf '[vouch-emulators] %s\n' "$*" >&2; }
die() { printf '[vouch-emulators] ERROR: %s\n' "$*" >&2; exit 1; }

# venv_path NAME REQFILE: the venv for NAME, keyed by the requirements file's
# content and the interpreter's version, so a change to either means a new venv.
venv_path() {
    local name="$1" req="$2" pyver hash
    [[ -f "$req" ]] || die "missing requirements file $req"
    pyver="$("$VOUCH_PYTHON" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])')" \
        || die "cannot run $VOUCH_PYTHON (set VOUCH_PYTHON to a Python 3.11 interpreter)"
    hash="$({ cat "$req"; printf 'python=%s\n' "$pyver"; } | sha256sum | cut -c1-12)"
    printf '%s/%s-%s\n' "$VENV_ROOT" "$name" "$hash"
}

# Marker written last by setup.sh; a venv without it is incomplete.
VENV_MARKER=".vouch-setup-complete"

venv_ready() { [[ -f "$1/$VENV_MARKER" && -x "$1/bin/python" ]]; }

# pid_alive PIDFILE: true when the file names a live process.
pid_alive() {
    local pid
    [[ -f "$1" ]] || return 1
    pid="$(cat "$1" 2>/dev/null)" || return 1
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    kill -0 "$pid" 2>/dev/null
}

# emulator_alive PIDFILE PATTERN: true when the file names a live process
# whose command line contains PATTERN (so a recycled PID does not count).
emulator_alive() {
    pid_alive "$1" && ps -o args= -p "$(cat "$1")" 2>/dev/null | grep -q -- "$2"
}

LS_PATTERN="localstack.runtime.main"
MOTO_PATTERN="moto_server"

# http_ok URL: true when URL answers 2xx within 3 s.
http_ok() { curl --noproxy "*" -fsS -o /dev/null --max-time 3 "$1" 2>/dev/null; }

# port_open PORT: true when something accepts TCP connections on 127.0.0.1:PORT.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

ls_healthy() { http_ok "$LS_ENDPOINT/_localstack/health"; }
moto_healthy() { http_ok "$MOTO_ENDPOINT/moto-api/"; }

# --- stopping (down.sh, and up.sh after a failed start) ---

EMULATOR_GRACE="${VOUCH_EMULATOR_GRACE:-15}"

# signal_group PID SIG: up.sh makes each emulator the leader of its own process
# group (setsid), so signal the group (children included) when that holds.
signal_group() {
    local pid="$1" sig="$2" pgid
    pgid="$(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ')" || true
    if [[ "$pgid" == "$pid" ]]; then
        kill "-$sig" -- "-$pid" 2>/dev/null || true
    else
        kill "-$sig" "$pid" 2>/dev/null || true
    fi
}

group_alive() {
    local pid="$1"
    kill -0 "$pid" 2>/dev/null || kill -0 -- "-$pid" 2>/dev/null
}

stop_emulator() {
    local name="$1" pidfile="$2" pattern="$3" pid
    if [[ ! -f "$pidfile" ]]; then
        log "$name: not running (no pid file)"
        return
    fi
    pid="$(cat "$pidfile" 2>/dev/null || true)"
    if ! [[ "$pid" =~ ^[0-9]+$ ]] || ! group_alive "$pid"; then
        log "$name: not running (stale pid file removed)"
        rm -f "$pidfile"
        return
    fi
    # Guard against a recycled PID: a live leader must be our emulator.
    # (While the group exists its id cannot be reused, so a group without its
    # leader is still ours.)
    if kill -0 "$pid" 2>/dev/null && ! ps -o args= -p "$pid" | grep -q -- "$pattern"; then
        log "$name: pid $pid is now another program ($(ps -o comm= -p "$pid")); not touching it, removing stale pid file"
        rm -f "$pidfile"
        return
    fi
    log "$name: stopping pid $pid"
    signal_group "$pid" TERM
    local waited=0
    while group_alive "$pid" && (( waited < EMULATOR_GRACE * 4 )); do
        sleep 0.25
        waited=$((waited + 1))
    done
    if group_alive "$pid"; then
        log "$name: still alive after ${EMULATOR_GRACE} s; sending SIGKILL"
        kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
        sleep 0.5
    fi
    if kill -0 "$pid" 2>/dev/null; then
        die "$name: pid $pid survived SIGKILL"
    fi
    rm -f "$pidfile"
    log "$name: stopped"
}
