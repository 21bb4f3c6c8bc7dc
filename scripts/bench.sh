#!/usr/bin/env bash
# Prints speed and memory figures for vouch (not a test: these machines are shared and
# noisy, so figures are for comparing runs on one machine, not for pass/fail).
#
#   scripts/bench.sh [N]   # N synthetic buckets (default 20000; 0 skips part 1)
#
# 1. Evaluation: every bundled check over a synthetic inventory of N S3 buckets plus
#    N/10 of each other resource type (the Rego engine and scoring, no cloud).
# 2. Collection: a scan of the LocalStack demo account, if it is running.
# 3. The cost of faults: the demo scan through the fault-injecting proxy
#    (examples/fault_proxy.rs, the one tests/faults.rs uses) fault-free and with 10 %
#    of requests throttled, the ratio of the two times, and whether any status changed.
#    Beside them, a scan of only the 16 services vouch first read: the whole scan's time
#    over its time, against the ratio of their requests (the cost should stay
#    proportional to the calls added).
#
# Builds --release unless VOUCH_BIN names a vouch binary to measure (e.g. a debug build:
# VOUCH_BIN=target/debug/vouch). VOUCH_BENCH_RUNS (default 1) repeats each fault run;
# the ratio is of the medians.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-20000}"
if [[ -n "${VOUCH_BIN:-}" ]]; then
    BIN="$VOUCH_BIN"
else
    cargo build --release --quiet </dev/null
    BIN=target/release/vouch
fi
[[ -x "$BIN" ]] || { echo "bench.sh: $BIN is not an executable vouch" >&2; exit 2; }
RUNS="${VOUCH_BENCH_RUNS:-1}"
work=$(mktemp -d)
proxy_pid=
cleanup() {
    [[ -n "$proxy_pid" ]] && kill "$proxy_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

measure() {
    local label="$1"; shift
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" > "$work/out" 2>/dev/null || true
    # GNU time puts "Command exited with non-zero status N" first when vouch reports
    # failures (exit 1); the figures are on the last line.
    read -r secs kib < <(tail -n 1 "$work/time")
    echo "$secs" > "$work/secs"
    printf '%-55s %8.2f s %8d MiB\n' "$label" "$secs" "$((kib / 1024))"
}

echo
printf '%-55s %10s %12s\n' "run" "wall" "max RSS"

# 1. Evaluation.
if (( N > 0 )); then
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
measure "check --inventory, all checks, json" "$BIN" check --inventory "$work/inventory.json" --format json
measure "check --inventory, all checks, 6 packs, json" "$BIN" check --inventory "$work/inventory.json" --format json \
    --policy atlasdata --policy indicado --policy statlas --policy tom-annex --policy cis-aws-foundations --policy s3-data-protection
measure "check --inventory, every format to files" "$BIN" check --inventory "$work/inventory.json" \
    --format json,ocsf,asff,csv,junit --output-dir "$work" --policy cis-aws-foundations
echo "results: $(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['results']))" "$work/results.json")"
fi

if ! curl -sf -m 2 "http://127.0.0.1:${VOUCH_LOCALSTACK_PORT:-4566}/_localstack/health" > /dev/null; then
    echo "(LocalStack is not running: skipping the scan figures; start it with localstack/up.sh)"
    exit 0
fi
emulator_env=$(localstack/env.sh)
scan=("$BIN" scan aws --region us-east-1 --region eu-west-1 --format json)
(eval "$emulator_env"; measure "scan aws (LocalStack demo, 2 regions, all services)" "${scan[@]}")

# 3. The cost of faults.
if [[ -n "${VOUCH_FAULT_PROXY:-}" ]]; then
    PROXY="$VOUCH_FAULT_PROXY"
else
    cargo build --quiet --example fault_proxy </dev/null
    PROXY="${CARGO_TARGET_DIR:-target}/debug/examples/fault_proxy"
fi
upstreams=$(printf '%s\n' "$emulator_env" | sed -n 's/^export AWS_ENDPOINT_URL[A-Z0-9_]*=//p' | sort -u)

# fault_scan KIND RUN PROXY_ARGS...: one scan through fresh proxies; prints the time and
# what the proxies injected, keeps the report as $work/KIND-RUN.json and the time in
# $work/KIND.secs.
fault_scan() {
    local kind="$1" run="$2" label; shift 2
    local services=()
    case "$kind" in
        clean) label="scan through the proxy, no faults (run $run)" ;;
        base) label="scan through the proxy, the first 16 services (run $run)"
              services=(--services "$BASE_SERVICES") ;;
        *) label="scan through the proxy, 10 % throttled (run $run)" ;;
    esac
    # shellcheck disable=SC2086
    "$PROXY" "$@" $upstreams > "$work/proxy" &
    proxy_pid=$!
    for _ in $(seq 100); do
        [[ $(wc -l < "$work/proxy") -ge $(wc -w <<< "$upstreams") ]] && break
        sleep 0.1
    done
    local env="$emulator_env" up url
    while read -r up url; do env=$(printf '%s\n' "$env" | sed "s#=$up\$#=$url#"); done < "$work/proxy"
    (eval "$env"; measure "$label" "${scan[@]}" "${services[@]}")
    cp "$work/out" "$work/$kind-$run.json"
    cat "$work/secs" >> "$work/$kind.secs"
    local stats=()
    while read -r up url; do stats+=("$(curl -sf "$url/__vouch_fault_proxy/stats")"); done < "$work/proxy"
    kill "$proxy_pid"; wait "$proxy_pid" 2>/dev/null || true; proxy_pid=
    python3 - "$work/$kind.requests" "${stats[@]}" <<'PY'
import json, sys
total = {}
for s in sys.argv[2:]:
    for k, v in json.loads(s).items():
        total[k] = total.get(k, 0) + v
thr = sum(v for k, v in total.items() if k.startswith("throttle"))
print(f"    {total.get('requests', 0)} requests, {thr} throttled, {sum(v for k, v in total.items() if k.startswith('retried'))} retried")
open(sys.argv[1], "a").write(f"{total.get('requests', 0)}\n")
PY
}

# The services vouch read before the data stores, edge and compute services were added
# (issue 14): the whole scan should cost no more, per request, than this one.
BASE_SERVICES=s3,iam,ec2,rds,cloudtrail,kms,backup,guardduty,inspector,securityhub,shield,cognito,secretsmanager,elbv2,wafv2,logs

for i in $(seq "$RUNS"); do
    fault_scan base "$i" --seed "$i"
    fault_scan clean "$i" --seed "$i"
    fault_scan throttled "$i" --seed "$i" --throttle 0.1
done
python3 - "$RUNS" "$work" <<'PY'
import json, statistics, sys
runs, work = int(sys.argv[1]), sys.argv[2]
def statuses(path):
    return {(r["check"], r["resource"]["id"], json.dumps(r.get("parameters"), sort_keys=True)): r["status"]
            for r in json.load(open(path))["results"]}
base = statuses(f"{work}/clean-1.json")
changed, shown = 0, 0
for i in range(1, runs + 1):
    for kind in ("clean", "throttled"):
        other = statuses(f"{work}/{kind}-{i}.json")
        for k in sorted(base.keys() | other.keys()):
            if base.get(k) != other.get(k):
                changed += 1
                if shown < 20:
                    shown += 1
                    print(f"  {kind} run {i}: {k[0]} on {k[1]}: {base.get(k, 'missing')} -> {other.get(k, 'missing')}")
secs = {k: statistics.median(float(l) for l in open(f"{work}/{k}.secs")) for k in ("base", "clean", "throttled")}
reqs = {k: statistics.median(int(l) for l in open(f"{work}/{k}.requests")) for k in ("base", "clean")}
print(f"proportional cost: every service {secs['clean']:.2f} s for {reqs['clean']:.0f} requests, the first 16 "
      f"{secs['base']:.2f} s for {reqs['base']:.0f}: {secs['clean'] / secs['base']:.2f}x the time for "
      f"{reqs['clean'] / reqs['base']:.2f}x the requests (median of {runs})")
print(f"cost of faults: {secs['clean']:.2f} s fault-free, {secs['throttled']:.2f} s with 10 % throttled: "
      f"{secs['throttled'] / secs['clean']:.2f}x (median of {runs})")
print(f"verdicts: {len(base)} results, {changed} statuses differ from the first fault-free scan")
PY
