#!/usr/bin/env bash
# Runs every test vouch has: Rust unit and integration tests, the Rego tests of every
# check, and the end-to-end scans of the LocalStack demo account. Installs LocalStack
# and moto (and the output validators) into virtual environments and Debian's
# chromium (for the HTML report test) if needed, starts them on loopback, seeds the
# demo account, and stops them again whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."

localstack/setup.sh
VOUCH_VALIDATORS_PYTHON="$(scripts/validators-setup.sh)"
VOUCH_CHROMIUM="$(scripts/browser-setup.sh)"
export VOUCH_VALIDATORS_PYTHON VOUCH_CHROMIUM
trap 'localstack/down.sh' EXIT
localstack/up.sh
localstack/seed.sh
eval "$(localstack/env.sh)"

cargo test --all-targets -- --include-ignored </dev/null
