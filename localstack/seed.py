#!/usr/bin/env python3
"""Seed LocalStack S3 with the vouch demo account, then read it back.

Run through localstack/seed.sh (LocalStack venv + env.sh). Idempotent: every
run puts every setting again, so re-running converges to the same state.
After applying, every bucket is read back and compared with its spec; any
difference is an error (exit 1). `--check` only reads back.

Buckets (suffix -use1 = us-east-1, -euw1 = eu-west-1). "Compliant" means:
SSE-S3 (AES256) default encryption set explicitly; all four bucket public
access block flags true; a policy whose only statement denies s3:* to "*"
when aws:SecureTransport is "false"; versioning Enabled; access logging to
vouch-demo-logs-<sfx> with prefix "<bucket>/"; ownership BucketOwnerEnforced.
Each other bucket differs from that in exactly one way (its `deviation`).

Not created: an unencrypted bucket. LocalStack 4.13.1, like AWS since 2023,
gives every bucket SSE-S3; after DeleteBucketEncryption its
GetBucketEncryption answers 200 with an empty body, which is neither AWS's
behaviour (SSE-S3 again) nor the ServerSideEncryptionConfigurationNotFoundError
a scanner would see on an old AWS bucket. See localstack/README.md.

The account-level public access block (S3 Control) is deliberately not set.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass, field

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

REGIONS = {"use1": "us-east-1", "euw1": "eu-west-1"}
PAB_ALL_TRUE = {
    "BlockPublicAcls": True,
    "IgnorePublicAcls": True,
    "BlockPublicPolicy": True,
    "RestrictPublicBuckets": True,
}
PAB_PUBLIC_POLICY = {
    "BlockPublicAcls": True,
    "IgnorePublicAcls": True,
    "BlockPublicPolicy": False,
    "RestrictPublicBuckets": False,
}
SSE_S3 = {"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]}


@dataclass
class Bucket:
    name: str
    region: str
    deviation: str = "compliant"
    pab: dict | None = field(default_factory=lambda: dict(PAB_ALL_TRUE))  # None: no PAB
    policy: str | None = "tls"  # "tls" | "logs" | "public" | None (no policy)
    versioning: str | None = "Enabled"  # "Enabled" | "Suspended" | None (never set)
    logging: tuple[str, str] | None = None  # (target bucket, prefix) | None
    ownership: str = "BucketOwnerEnforced"


def arn(name: str) -> str:
    return f"arn:aws:s3:::{name}"


def tls_deny(name: str) -> dict:
    return {
        "Sid": "DenyInsecureTransport",
        "Effect": "Deny",
        "Principal": "*",
        "Action": "s3:*",
        "Resource": [arn(name), f"{arn(name)}/*"],
        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
    }


def policy_doc(b: Bucket, account: str) -> dict | None:
    if b.policy is None:
        return None
    statements = []
    if b.policy == "logs":
        # What S3 server access log delivery needs on a BucketOwnerEnforced
        # target: the logging service principal may put objects, scoped to
        # this account's demo buckets.
        statements.append({
            "Sid": "S3ServerAccessLogsPolicy",
            "Effect": "Allow",
            "Principal": {"Service": "logging.s3.amazonaws.com"},
            "Action": "s3:PutObject",
            "Resource": f"{arn(b.name)}/*",
            "Condition": {
                "ArnLike": {"aws:SourceArn": "arn:aws:s3:::vouch-demo-*"},
                "StringEquals": {"aws:SourceAccount": account},
            },
        })
    elif b.policy == "public":
        statements.append({
            "Sid": "PublicRead",
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": f"{arn(b.name)}/*",
        })
    elif b.policy != "tls":
        raise ValueError(b.policy)
    statements.append(tls_deny(b.name))
    return {"Version": "2012-10-17", "Statement": statements}


def demo_buckets() -> list[Bucket]:
    out: list[Bucket] = []
    for sfx, region in REGIONS.items():
        logs = f"vouch-demo-logs-{sfx}"

        def mk(stem: str, deviation: str = "compliant", **kw) -> Bucket:
            name = f"vouch-demo-{stem}-{sfx}"
            kw.setdefault("logging", (logs, f"{name}/"))
            return Bucket(name=name, region=region, deviation=deviation, **kw)

        # The log target comes first: the others log into it.
        out.append(mk("logs", "compliant; log target, logs to itself under self/",
                      policy="logs", logging=(logs, "self/")))
        out.append(mk("compliant"))
        out.append(mk("no-pab", "no bucket public access block", pab=None))
        out.append(mk("public-policy",
                      "PAB BlockPublicPolicy/RestrictPublicBuckets false; policy allows s3:GetObject to *",
                      pab=dict(PAB_PUBLIC_POLICY), policy="public"))
        out.append(mk("no-logging", "no server access logging", logging=None))
        if sfx == "use1":
            out.append(mk("no-tls-policy", "no bucket policy", policy=None))
            out.append(mk("unversioned", "versioning never enabled", versioning=None))
            out.append(mk("acl-object-writer", "ownership controls ObjectWriter",
                          ownership="ObjectWriter"))
        else:
            out.append(mk("versioning-suspended", "versioning enabled, then Suspended",
                          versioning="Suspended"))
    return out


class Seeder:
    def __init__(self, endpoint: str):
        cfg = Config(s3={"addressing_style": "path"}, retries={"max_attempts": 3})
        self.clients = {
            region: boto3.client("s3", endpoint_url=endpoint, region_name=region, config=cfg)
            for region in REGIONS.values()
        }
        sts = boto3.client("sts", endpoint_url=endpoint, region_name="us-east-1", config=cfg)
        self.account = sts.get_caller_identity()["Account"]

    def s3(self, b: Bucket):
        return self.clients[b.region]

    # -- apply -------------------------------------------------------------

    def ensure_bucket(self, b: Bucket) -> str:
        s3 = self.s3(b)
        try:
            s3.head_bucket(Bucket=b.name)
            exists = True
        except ClientError as e:
            if e.response["Error"]["Code"] not in ("404", "NoSuchBucket", "NotFound"):
                raise
            exists = False
        if exists:
            region = location(s3, b.name)
            if region != b.region:
                raise SystemExit(
                    f"{b.name} exists in {region}, expected {b.region}: restart the emulator "
                    "(localstack/down.sh && localstack/up.sh) to start from an empty account"
                )
            return "existing"
        kw = {}
        if b.region != "us-east-1":
            kw["CreateBucketConfiguration"] = {"LocationConstraint": b.region}
        s3.create_bucket(Bucket=b.name, **kw)
        return "created"

    def apply(self, b: Bucket) -> str:
        s3 = self.s3(b)
        state = self.ensure_bucket(b)
        s3.put_bucket_ownership_controls(
            Bucket=b.name,
            OwnershipControls={"Rules": [{"ObjectOwnership": b.ownership}]},
        )
        s3.put_bucket_encryption(Bucket=b.name, ServerSideEncryptionConfiguration=SSE_S3)
        # PAB before the policy: a public policy needs BlockPublicPolicy=false.
        if b.pab is None:
            s3.delete_public_access_block(Bucket=b.name)
        else:
            s3.put_public_access_block(Bucket=b.name, PublicAccessBlockConfiguration=b.pab)
        doc = policy_doc(b, self.account)
        if doc is None:
            s3.delete_bucket_policy(Bucket=b.name)
        else:
            s3.put_bucket_policy(Bucket=b.name, Policy=json.dumps(doc))
        if b.versioning is None:
            status = versioning(s3, b.name)
            if status is not None:
                raise SystemExit(
                    f"{b.name} must never have been versioned but its versioning is {status}; "
                    "restart the emulator (localstack/down.sh && localstack/up.sh) and seed again"
                )
        else:
            if b.versioning == "Suspended" and versioning(s3, b.name) != "Suspended":
                s3.put_bucket_versioning(Bucket=b.name, VersioningConfiguration={"Status": "Enabled"})
            s3.put_bucket_versioning(Bucket=b.name, VersioningConfiguration={"Status": b.versioning})
        if b.logging is None:
            s3.put_bucket_logging(Bucket=b.name, BucketLoggingStatus={})
        else:
            target, prefix = b.logging
            s3.put_bucket_logging(
                Bucket=b.name,
                BucketLoggingStatus={"LoggingEnabled": {"TargetBucket": target, "TargetPrefix": prefix}},
            )
        return state

    # -- read back ---------------------------------------------------------

    def observe(self, b: Bucket) -> dict:
        s3 = self.s3(b)
        enc = s3.get_bucket_encryption(Bucket=b.name).get("ServerSideEncryptionConfiguration", {})
        algos = [r.get("ApplyServerSideEncryptionByDefault", {}).get("SSEAlgorithm")
                 for r in enc.get("Rules", [])]
        try:
            pab = s3.get_public_access_block(Bucket=b.name)["PublicAccessBlockConfiguration"]
        except ClientError as e:
            if e.response["Error"]["Code"] != "NoSuchPublicAccessBlockConfiguration":
                raise
            pab = None
        try:
            policy = json.loads(s3.get_bucket_policy(Bucket=b.name)["Policy"])
        except ClientError as e:
            if e.response["Error"]["Code"] != "NoSuchBucketPolicy":
                raise
            policy = None
        le = s3.get_bucket_logging(Bucket=b.name).get("LoggingEnabled")
        try:
            rules = s3.get_bucket_ownership_controls(Bucket=b.name)["OwnershipControls"]["Rules"]
            ownership = rules[0]["ObjectOwnership"] if rules else None
        except ClientError as e:
            if e.response["Error"]["Code"] != "OwnershipControlsNotFoundError":
                raise
            ownership = None
        return {
            "region": location(s3, b.name),
            "encryption": algos,
            "pab": pab,
            "policy": policy,
            "versioning": versioning(s3, b.name),
            "logging": (le["TargetBucket"], le["TargetPrefix"]) if le else None,
            "ownership": ownership,
        }

    def expected(self, b: Bucket) -> dict:
        return {
            "region": b.region,
            "encryption": ["AES256"],
            "pab": b.pab,
            "policy": policy_doc(b, self.account),
            "versioning": b.versioning,
            "logging": b.logging,
            "ownership": b.ownership,
        }

    def check(self, b: Bucket) -> list[str]:
        got, want = self.observe(b), self.expected(b)
        return [f"{b.name}: {k}: got {got[k]!r}, want {want[k]!r}" for k in want if got[k] != want[k]]


def location(s3, name: str) -> str:
    # GetBucketLocation says null (empty element) for us-east-1.
    return s3.get_bucket_location(Bucket=name).get("LocationConstraint") or "us-east-1"


def versioning(s3, name: str) -> str | None:
    return s3.get_bucket_versioning(Bucket=name).get("Status")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="only read back and compare; change nothing")
    args = ap.parse_args()

    endpoint = os.environ.get("VOUCH_LOCALSTACK_ENDPOINT", "http://127.0.0.1:4566")
    seeder = Seeder(endpoint)
    buckets = demo_buckets()

    states = {}
    if not args.check:
        for b in buckets:
            states[b.name] = seeder.apply(b)

    problems = [p for b in buckets for p in seeder.check(b)]

    print(f"LocalStack {endpoint}, account {seeder.account}: {len(buckets)} demo buckets")
    width = max(len(b.name) for b in buckets)
    for b in buckets:
        state = states.get(b.name, "checked")
        print(f"  {b.name:<{width}}  {b.region:<9}  {state:<8}  {b.deviation}")
    print("  (not created: vouch-demo-unencrypted-use1; LocalStack cannot reach "
          "'no default encryption', see seed.py docstring)")
    if problems:
        print(f"READ-BACK FAILED: {len(problems)} difference(s):", file=sys.stderr)
        for p in problems:
            print(f"  {p}", file=sys.stderr)
        return 1
    print("read-back: every bucket matches its spec "
          "(location, encryption, PAB, policy, versioning, logging, ownership)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
