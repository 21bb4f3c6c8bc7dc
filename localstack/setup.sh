#!/usr/bin/env bash
# Creates (or reuses) the two virtualenvs the emulators run from:
#   LocalStack: $VOUCH_VENV_DIR/localstack-<hash>  (requirements-localstack.txt)
#   moto:       $VOUCH_VENV_DIR/moto-<hash>        (requirements-moto.txt)
# VOUCH_VENV_DIR defaults to ~/.cache/vouch/venvs. <hash> covers the
# requirements file and the Python version, so editing a requirements file
# builds a fresh venv and an unchanged one is reused. Also applies two
# one-line patches to LocalStack 4.13.1 (KMS uuid5 on Python < 3.12, and
# binding the gateway to the GATEWAY_LISTEN host), both idempotent.
# Interpreter: $VOUCH_PYTHON (default python3; must be 3.11).
set -euo pipefail
# shellcheck source=lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

START=$SECONDS

"$VOUCH_PYTHON" - <<'EOF' || die "LocalStack 4.13.1 needs Python 3.10 or 3.11 (verified on 3.11); set VOUCH_PYTHON"
import sys
sys.exit(0 if (3, 10) <= sys.version_info[:2] < (3, 12) else 1)
EOF

mkdir -p "$VENV_ROOT"
# One setup at a time per venv root (e.g. two test runs starting together).
exec 9>"$VENV_ROOT/.setup.lock"
flock 9

# build_venv NAME REQFILE -> prints the venv path on stdout
build_venv() {
    local name="$1" req="$2" venv
    venv="$(venv_path "$name" "$req")"
    if venv_ready "$venv"; then
        log "$name: reusing $venv"
        printf '%s\n' "$venv"
        return
    fi
    if [[ -e "$venv" ]]; then
        log "$name: removing incomplete venv $venv"
        rm -rf "$venv"
    fi
    log "$name: creating $venv (about 1 min here, more on a slow network)"
    local t0=$SECONDS
    "$VOUCH_PYTHON" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --no-input --upgrade pip >&2
    "$venv/bin/python" -m pip install --quiet --no-input -r "$req" >&2 \
        || { rm -rf "$venv"; die "$name: pip install -r $req failed"; }
    log "$name: installed in $((SECONDS - t0)) s"
    printf '%s\n' "$venv"
}

# Two one-line source patches to the installed LocalStack 4.13.1, each
# idempotent and failing loudly unless its target line is found exactly once:
# 1. KMS calls uuid.uuid5(UUID, bytes), which only Python >= 3.12 accepts, so
#    CreateKey fails on 3.11. Use the 3.12 algorithm for bytes names:
#    sha1(namespace.bytes + name), version 5.
# 2. The twisted gateway ignores the host part of GATEWAY_LISTEN ("TODO:
#    interface = host?") and binds 0.0.0.0. Pass the host, so that
#    GATEWAY_LISTEN=127.0.0.1:PORT listens on loopback only.
patch_localstack() {
    local venv="$1"
    "$venv/bin/python" - <<'EOF'
import importlib.util, pathlib, sys

PATCHES = [
    (
        "localstack.services.kms.models",
        "key_material_id_hex = uuid.uuid5(self._internal_key_id, key_material).hex",
        "key_material_id_hex = uuid.UUID(bytes=__import__('hashlib').sha1("
        "self._internal_key_id.bytes + key_material).digest()[:16], version=5).hex"
        "  # vouch: py3.12 uuid5(UUID, bytes)",
    ),
    (
        "localstack.runtime.server.twisted",
        "endpoint = endpoints.TCP4ServerEndpoint(reactor, host_and_port.port)",
        "endpoint = endpoints.TCP4ServerEndpoint(reactor, host_and_port.port, "
        "interface=host_and_port.host)  # vouch: honour GATEWAY_LISTEN host",
    ),
]

for module, old, new in PATCHES:
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.origin:
        sys.exit(f"patch: module {module} not found")
    path = pathlib.Path(spec.origin)
    src = path.read_text()
    if new in src:
        print(f"patch: already applied to {path}", file=sys.stderr)
        continue
    n = src.count(old)
    if n != 1:
        sys.exit(f"patch: expected exactly one '{old}' in {path}, found {n}; "
                 "LocalStack changed: review the patches in localstack/setup.sh")
    path.write_text(src.replace(old, new))
    print(f"patch: applied to {path}", file=sys.stderr)
EOF
    # Prove the patched KMS function runs on this interpreter. (Importing
    # LocalStack's config: same host-mode settings as up.sh, see there.)
    OVERRIDE_IN_DOCKER=0 DOCKER_BRIDGE_IP=127.0.0.1 DISABLE_EVENTS=1 \
        FILESYSTEM_ROOT="$RUN_DIR/localstack-fs" "$venv/bin/python" - <<'EOF'
import sys, uuid
from localstack.services.kms.models import KmsKey
k = KmsKey.__new__(KmsKey)
k._internal_key_id = uuid.UUID("6ba7b810-9dad-11d1-80b4-00c04fd430c8")
got = k.generate_key_material_id(b"python.org")
# Python 3.12: uuid.uuid5(uuid.NAMESPACE_DNS, b"python.org").hex
want = "886313e13b8a53729b900c9aee199e5d"
if got != want * 2:
    sys.exit(f"uuid5 patch: self-test failed: {got!r}")
EOF
}

LS_VENV="$(build_venv localstack "$LS_REQ")"
patch_localstack "$LS_VENV" || { rm -f "$LS_VENV/$VENV_MARKER"; die "patching LocalStack failed"; }
touch "$LS_VENV/$VENV_MARKER"

MOTO_VENV="$(build_venv moto "$MOTO_REQ")"
[[ -x "$MOTO_VENV/bin/moto_server" ]] || { rm -f "$MOTO_VENV/$VENV_MARKER"; die "moto_server missing in $MOTO_VENV"; }
touch "$MOTO_VENV/$VENV_MARKER"

log "LocalStack venv: $LS_VENV"
log "moto venv:       $MOTO_VENV"
log "setup done in $((SECONDS - START)) s"
