#!/usr/bin/env bash
# Prints speed and memory figures for vouch (not a test: these machines are shared and
# noisy, so figures are for comparing runs on one machine, not for pass/fail).
#
#   scripts/bench.sh [N]   # N synthetic buckets (default 20000)
#
# 1. Evaluation: every bundled check over a synthetic inventory of N S3 buckets plus
#    N/10 of each other resource type (the Rego engine and scoring, no cloud).
# 2. Collection: a scan of the LocalStack demo account, if it is running.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-20000}"
cargo build --release --quiet </dev/null
BIN=target/release/vouch
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$N" "$work/inventory.json" <<'PY'
import json, random, sys
n, path = int(sys.argv[1]), sys.argv[2]
random.seed(7)
obs = lambda v: {"state": "observed", "value": v}
absent = {"state": "absent"}
pab = {"block_public_acls": True, "ignore_public_acls": True, "block_public_policy": True, "restrict_public_buckets": True}
def bucket(i):
    good = random.random() < 0.8
    return {"id": f"arn:aws:s3:::bench-{i}", "type": "aws_s3_bucket", "name": f"bench-{i}", "account": "111122223333",
            "region": random.choice(["us-east-1", "eu-west-1", "ap-southeast-2"]), "attributes": {
        "encryption": obs({"rules": [{"algorithm": "aws:kms" if good else "AES256", "kms_key_id": None, "bucket_key_enabled": True}]}),
        "public_access_block": obs(pab) if good else absent,
        "policy": obs({"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}) if good else absent,
        "versioning": obs({"status": "Enabled" if good else None, "mfa_delete": None}),
        "logging": obs({"target_bucket": "logs", "target_prefix": "x/"}) if good else absent,
        "object_ownership": obs("BucketOwnerEnforced" if good else "ObjectWriter")}}
def sg(i):
    open_ = random.random() < 0.1
    rule = {"protocol": "tcp", "from_port": 22, "to_port": 22, "ipv4_ranges": ["0.0.0.0/0" if open_ else "10.0.0.0/8"], "ipv6_ranges": [], "source_groups": []}
    return {"id": f"arn:aws:ec2:us-east-1:111122223333:security-group/sg-{i}", "type": "aws_ec2_security_group", "name": f"sg-{i}",
            "account": "111122223333", "region": "us-east-1", "attributes": {"group_name": obs(f"g{i}"), "vpc_id": obs("vpc-1"),
            "is_default": obs(False), "ingress": obs([rule]), "egress": obs([])}}
def db(i):
    return {"id": f"arn:aws:rds:us-east-1:111122223333:db:db-{i}", "type": "aws_rds_db_instance", "name": f"db-{i}",
            "account": "111122223333", "region": "us-east-1", "attributes": {
        "engine": obs("postgres"), "storage_encrypted": obs(random.random() < 0.9), "kms_key_id": obs(None),
        "backup_retention_period": obs(random.choice([0, 7, 14])), "publicly_accessible": obs(False), "multi_az": obs(True),
        "deletion_protection": obs(True), "auto_minor_version_upgrade": obs(True), "cluster_id": obs(None),
        "tls_parameters": obs({"rds.force_ssl": "1"}), "backup_protected": obs({"protected": True, "last_backup_time": None})}}
resources = [bucket(i) for i in range(n)] + [sg(i) for i in range(n // 10)] + [db(i) for i in range(n // 10)]
listings = [{"resource_type": t, "account": "111122223333", "region": "global"} for t in ["aws_s3_bucket", "aws_ec2_security_group", "aws_rds_db_instance"]]
json.dump({"format": "vouch-inventory/1", "provider": "aws", "account": "111122223333", "regions": ["us-east-1", "eu-west-1", "ap-southeast-2"],
           "collected_at": "2026-11-23T00:00:00Z", "listings": listings, "resources": resources}, open(path, "w"))
print(f"synthetic inventory: {len(resources)} resources, {__import__('os').path.getsize(path) // 1024} KiB")
PY

measure() {
    local label="$1"; shift
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" > "$work/out" 2>/dev/null || true
    # GNU time puts "Command exited with non-zero status N" first when vouch reports
    # failures (exit 1); the figures are on the last line.
    read -r secs kib < <(tail -n 1 "$work/time")
    printf '%-55s %8.2f s %8d MiB\n' "$label" "$secs" "$((kib / 1024))"
}

echo
printf '%-55s %10s %12s\n' "run" "wall" "max RSS"
measure "check --inventory, all checks, json" "$BIN" check --inventory "$work/inventory.json" --format json
measure "check --inventory, all checks, 6 packs, json" "$BIN" check --inventory "$work/inventory.json" --format json \
    --policy atlasdata --policy indicado --policy statlas --policy tom-annex --policy cis-aws-foundations --policy s3-data-protection
measure "check --inventory, every format to files" "$BIN" check --inventory "$work/inventory.json" \
    --format json,ocsf,asff,csv,junit --output-dir "$work" --policy cis-aws-foundations
echo "results: $(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['results']))" "$work/results.json")"

if curl -sf -m 2 "http://127.0.0.1:${VOUCH_LOCALSTACK_PORT:-4566}/_localstack/health" > /dev/null; then
    eval "$(localstack/env.sh)"
    measure "scan aws (LocalStack demo, 2 regions, all services)" "$BIN" scan aws --region us-east-1 --region eu-west-1 --format json
else
    echo "(LocalStack is not running: skipping the scan figure; start it with localstack/up.sh)"
fi
