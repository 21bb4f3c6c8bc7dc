#!/usr/bin/env bash
# Scans the bundled LocalStack demo account: installs and starts LocalStack and moto
# on loopback (first run: a few minutes), seeds the demo account, builds vouch and
# scans it against two of the seed policies (AtlasData, Indicado). Extra arguments go to `vouch scan aws`.
# LocalStack keeps running afterwards; stop it with localstack/down.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

localstack/setup.sh
localstack/up.sh
localstack/seed.sh
eval "$(localstack/env.sh)"

cargo build --quiet </dev/null
set +e
"${CARGO_TARGET_DIR:-target}/debug/vouch" scan aws --region us-east-1 --region eu-west-1 --policy atlasdata --policy indicado "$@"
code=$?
set -e
echo
echo "vouch exited with $code (docs/exit-codes.md). Stop the emulators with: localstack/down.sh"
