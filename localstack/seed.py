#!/usr/bin/env python3
"""Seed the vouch demo account (LocalStack and moto), then read it back.

The first part below is the S3 demo (LocalStack); the second, from "The rest
of the demo account", seeds every other service vouch reads, in LocalStack and
moto (see localstack/README.md and demo-expectations.json). `--s3-only` stops
after the buckets; `--compare SCAN.json` checks a scan against the
expectations and seeds nothing.

S3 part:

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
from datetime import datetime, timedelta, timezone

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


# =============================================================================
# The rest of the demo account: every other service vouch reads. LocalStack
# serves IAM, EC2, KMS, Secrets Manager, CloudWatch Logs (and S3); moto serves
# RDS, CloudTrail, Backup, GuardDuty, Inspector2, WAFv2, Shield, Security Hub,
# Cognito, and here also ELBv2 and ACM, which LocalStack's free edition does
# not emulate. localstack/README.md ("Demo account: the other services") has
# the tables, the expected verdicts (demo-expectations.json) and the emulator
# gaps met on the way.
#
# Same contract as the S3 part: every run puts every setting again (create
# what is missing, converge what differs), then reads everything back and
# reports any difference. A difference the emulators cannot converge (an
# unencrypted volume that should be encrypted...) stops the run with
# "restart the emulators".
# =============================================================================

HOME = "us-east-1"
SFX = {region: sfx for sfx, region in REGIONS.items()}
USE1, EUW1 = "us-east-1", "eu-west-1"

# Services seeded into moto; everything else goes to LocalStack. env.sh routes
# the same set to moto for vouch (MOTO_SERVICES in env.sh).
MOTO_SERVICES = {
    "rds", "cloudtrail", "backup", "guardduty", "inspector2", "wafv2", "shield",
    "securityhub", "cognito-idp", "elbv2", "acm", "autoscaling", "ecs",
    "apigateway", "apigatewayv2", "dynamodb", "elasticache", "opensearch", "redshift",
    "directconnect", "ecr", "kinesis", "eks", "organizations",
}

FULL_ADMIN = {
    "Version": "2012-10-17",
    "Statement": [{"Sid": "FullAdmin", "Effect": "Allow", "Action": "*", "Resource": "*"}],
}
ADMIN_ARN = "arn:aws:iam::aws:policy/AdministratorAccess"
READ_ONLY_ARN = "arn:aws:iam::aws:policy/ReadOnlyAccess"


def err_code(e: ClientError) -> str:
    return e.response.get("Error", {}).get("Code", "")


class Clients:
    """boto3 clients by (service, region), pointed at LocalStack or moto."""

    def __init__(self, localstack: str, moto: str):
        self.localstack, self.moto = localstack, moto
        self._cache: dict = {}

    def __call__(self, service: str, region: str = HOME, *, on: str | None = None,
                 attempts: int = 3):
        on = on or ("moto" if service in MOTO_SERVICES else "localstack")
        key = (service, region, on, attempts)
        if key not in self._cache:
            cfg = Config(retries={"max_attempts": attempts, "mode": "standard"},
                         s3={"addressing_style": "path"})
            url = self.moto if on == "moto" else self.localstack
            self._cache[key] = boto3.client(service, endpoint_url=url, region_name=region,
                                            config=cfg)
        return self._cache[key]


class Report:
    """Rows to print (what exists and what it shows) and read-back differences."""

    def __init__(self, apply: bool):
        self.apply = apply
        self.rows: list[tuple[str, str, str, str, str]] = []
        self.problems: list[str] = []

    def row(self, service: str, name: str, region: str, state: str, what: str) -> None:
        self.rows.append((service, name, region, state if self.apply else "checked", what))

    def compare(self, name: str, got: dict, want: dict) -> None:
        for k, v in want.items():
            if got.get(k) != v:
                self.problems.append(f"{name}: {k}: got {got.get(k)!r}, want {v!r}")

    def missing(self, name: str) -> None:
        self.problems.append(f"{name}: does not exist")


def restart(what: str) -> SystemExit:
    return SystemExit(f"{what}; restart the emulators (localstack/down.sh && localstack/up.sh) "
                      "and seed again")


# -- KMS (LocalStack) --------------------------------------------------------

# Another account the demo shares a KMS key with (AWS's documentation example ID).
PARTNER_ACCOUNT = "111122223333"
GRANT_NAME = "vouch-demo-partner-decrypt"


@dataclass
class Key:
    stem: str
    key_id: str  # LocalStack's _custom_id_ tag; it must look like a UUID
    rotation: bool
    what: str
    enabled: bool = True
    policy: str = "default"  # "default" | "public" | "caller-account" | "other-account"
    region: str = USE1
    # A grant of Decrypt to this principal (ARN, {account} filled in), by name.
    grant_to: str | None = None

    @property
    def alias(self) -> str:
        return f"alias/vouch-demo-key-{self.stem}-{SFX[self.region]}"

    def arn(self, account: str) -> str:
        return f"arn:aws:kms:{self.region}:{account}:key/{self.key_id}"


KEYS = [
    Key("rotation-on", "5eed0000-0000-4000-8000-000000000101", True, "rotation on"),
    Key("rotation-off", "5eed0000-0000-4000-8000-000000000102", False, "rotation off"),
    Key("public-policy", "5eed0000-0000-4000-8000-000000000103", True,
        "policy allows kms:Decrypt to Principal * with no condition", policy="public"),
    Key("caller-account", "5eed0000-0000-4000-8000-000000000104", True,
        "policy allows Principal * only with kms:CallerAccount = the account",
        policy="caller-account"),
    Key("disabled", "5eed0000-0000-4000-8000-000000000105", False,
        "disabled, rotation off (rotation is judged on enabled keys only)", enabled=False),
    Key("shared", "5eed0000-0000-4000-8000-000000000106", True,
        "policy allows kms:Decrypt to account 111122223333; grant to a role there",
        policy="other-account", grant_to=f"arn:aws:iam::{PARTNER_ACCOUNT}:role/vouch-demo-partner"),
]
KEY_BY_STEM = {k.stem: k for k in KEYS}


def key_policy(k: Key, account: str) -> dict:
    statements = [{
        "Sid": "Enable IAM User Permissions",
        "Effect": "Allow",
        "Principal": {"AWS": f"arn:aws:iam::{account}:root"},
        "Action": "kms:*",
        "Resource": "*",
    }]
    if k.policy == "public":
        statements.append({
            "Sid": "PublicDecrypt",
            "Effect": "Allow",
            "Principal": "*",
            "Action": ["kms:Decrypt", "kms:DescribeKey"],
            "Resource": "*",
        })
    elif k.policy == "other-account":
        statements.append({
            "Sid": "PartnerDecrypt",
            "Effect": "Allow",
            "Principal": {"AWS": f"arn:aws:iam::{PARTNER_ACCOUNT}:root"},
            "Action": "kms:Decrypt",
            "Resource": "*",
        })
    elif k.policy == "caller-account":
        statements.append({
            "Sid": "AnyPrincipalOfThisAccount",
            "Effect": "Allow",
            "Principal": {"AWS": "*"},
            "Action": ["kms:Decrypt", "kms:DescribeKey"],
            "Resource": "*",
            "Condition": {"StringEquals": {"kms:CallerAccount": account}},
        })
    return {"Version": "2012-10-17", "Id": "vouch-demo", "Statement": statements}


def seed_kms(c: Clients, r: Report, account: str) -> None:
    for k in KEYS:
        kms = c("kms", k.region)
        try:
            meta = kms.describe_key(KeyId=k.key_id)["KeyMetadata"]
            state = "existing"
        except ClientError as e:
            if err_code(e) != "NotFoundException":
                raise
            if not r.apply:
                r.missing(k.alias)
                continue
            meta = kms.create_key(
                Description=f"vouch demo: {k.what}",
                Policy=json.dumps(key_policy(k, account)),
                Tags=[{"TagKey": "_custom_id_", "TagValue": k.key_id}],
            )["KeyMetadata"]
            if meta["KeyId"] != k.key_id:
                raise SystemExit(f"LocalStack ignored the custom key id {k.key_id} (got {meta['KeyId']})")
            state = "created"
        if r.apply:
            if not meta["Enabled"]:
                kms.enable_key(KeyId=k.key_id)
            if k.rotation:
                kms.enable_key_rotation(KeyId=k.key_id)
            else:
                kms.disable_key_rotation(KeyId=k.key_id)
            kms.put_key_policy(KeyId=k.key_id, PolicyName="default",
                               Policy=json.dumps(key_policy(k, account)))
            if not k.enabled:
                kms.disable_key(KeyId=k.key_id)
            aliases = {a["AliasName"]: a.get("TargetKeyId")
                       for a in kms.list_aliases()["Aliases"]}
            if k.alias not in aliases:
                kms.create_alias(AliasName=k.alias, TargetKeyId=k.key_id)
            elif aliases[k.alias] != k.key_id:
                kms.update_alias(AliasName=k.alias, TargetKeyId=k.key_id)
            if k.grant_to and not any(g.get("Name") == GRANT_NAME for g in
                                      kms.list_grants(KeyId=k.key_id)["Grants"]):
                kms.create_grant(KeyId=k.key_id, GranteePrincipal=k.grant_to,
                                 Operations=["Decrypt"], Name=GRANT_NAME)
        grantees = [g.get("GranteePrincipal") for g in kms.list_grants(KeyId=k.key_id)["Grants"]
                    if g.get("Name") == GRANT_NAME]
        r.compare(f"{k.alias} grants", {"grantees": grantees},
                  {"grantees": [k.grant_to] if k.grant_to else []})
        meta = kms.describe_key(KeyId=k.key_id)["KeyMetadata"]
        rotation = kms.get_key_rotation_status(KeyId=k.key_id)["KeyRotationEnabled"]
        policy = json.loads(kms.get_key_policy(KeyId=k.key_id, PolicyName="default")["Policy"])
        alias_target = {a["AliasName"]: a.get("TargetKeyId")
                        for a in kms.list_aliases()["Aliases"]}.get(k.alias)
        r.compare(k.alias, {
            "key_state": meta["KeyState"], "manager": meta["KeyManager"], "rotation": rotation,
            "policy": policy, "alias_target": alias_target,
        }, {
            "key_state": "Enabled" if k.enabled else "Disabled", "manager": "CUSTOMER",
            "rotation": k.rotation, "policy": key_policy(k, account), "alias_target": k.key_id,
        })
        r.row("kms", f"{k.key_id} ({k.alias})", k.region, state, k.what)


# -- CloudWatch Logs (LocalStack) ----------------------------------------------

LOG_GROUPS = [
    ("vouch-demo-retention-400d-use1", USE1, 400,
     "kept 400 days; also receives the VPC flow logs and the multi-region trail"),
    ("vouch-demo-retention-30d-use1", USE1, 30, "kept 30 days"),
    ("vouch-demo-never-expire-use1", USE1, None, "no retention set: never expires"),
]


def log_group_arn(name: str, region: str, account: str) -> str:
    return f"arn:aws:logs:{region}:{account}:log-group:{name}"


def seed_logs(c: Clients, r: Report) -> None:
    for name, region, days, what in LOG_GROUPS:
        logs = c("logs", region)
        state = "existing"
        if r.apply:
            try:
                logs.create_log_group(logGroupName=name)
                state = "created"
            except ClientError as e:
                if err_code(e) != "ResourceAlreadyExistsException":
                    raise
            if days is None:
                logs.delete_retention_policy(logGroupName=name)
            else:
                logs.put_retention_policy(logGroupName=name, retentionInDays=days)
        found = [g for g in logs.describe_log_groups(logGroupNamePrefix=name)["logGroups"]
                 if g["logGroupName"] == name]
        if not found:
            r.missing(name)
            continue
        r.compare(name, {"retention": found[0].get("retentionInDays")}, {"retention": days})
        r.row("logs", name, region, state, what)


# -- IAM (LocalStack; global) ------------------------------------------------------

def scoped(sid: str, actions: list[str], resources: list[str]) -> dict:
    return {"Version": "2012-10-17", "Statement": [
        {"Sid": sid, "Effect": "Allow", "Action": actions, "Resource": resources}]}


def trust(service: str) -> dict:
    return {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"}]}


@dataclass
class IamUser:
    name: str
    what: str
    password: bool = False
    mfa: bool = False
    access_key: bool = False
    attached: list[str] = field(default_factory=list)
    inline: dict = field(default_factory=dict)
    groups: list[str] = field(default_factory=list)


@dataclass
class IamGroup:
    name: str
    what: str
    attached: list[str] = field(default_factory=list)
    inline: dict = field(default_factory=dict)


@dataclass
class IamRole:
    name: str
    what: str
    service: str
    inline: dict = field(default_factory=dict)
    attached: list = field(default_factory=list)


def iam_spec(account: str) -> tuple[list, list, list, list]:
    demo_logs = f"arn:aws:logs:*:{account}:log-group:vouch-demo-*"
    groups = [
        IamGroup("vouch-demo-group-inline-admin", "inline policy allows * on *",
                 inline={"full-admin": FULL_ADMIN}),
        IamGroup("vouch-demo-group-read-only", "AWS managed ReadOnlyAccess attached",
                 attached=[READ_ONLY_ARN]),
    ]
    users = [
        IamUser("vouch-demo-user-console-mfa", "console password and an active virtual MFA device",
                password=True, mfa=True),
        IamUser("vouch-demo-user-console-no-mfa", "console password, no MFA device",
                password=True),
        IamUser("vouch-demo-user-access-key", "access key only; permissions from a group",
                access_key=True, groups=["vouch-demo-group-read-only"]),
        IamUser("vouch-demo-user-admin-attached", "AdministratorAccess attached to the user",
                attached=[ADMIN_ARN]),
        IamUser("vouch-demo-user-admin-via-group",
                "member of vouch-demo-group-inline-admin (inline * on *)",
                groups=["vouch-demo-group-inline-admin"]),
        IamUser("vouch-demo-user-inline-policy", "inline policy of its own (scoped S3 read)",
                inline={"s3-read-demo-buckets": scoped(
                    "ReadDemoBuckets", ["s3:GetObject", "s3:ListBucket"],
                    ["arn:aws:s3:::vouch-demo-*", "arn:aws:s3:::vouch-demo-*/*"])}),
    ]
    policies = [
        ("vouch-demo-policy-full-admin", FULL_ADMIN, "allows * on * (not attached)"),
        ("vouch-demo-attached-policy-full-admin", FULL_ADMIN,
         "allows * on *, attached to vouch-demo-role-admin-attached"),
        ("vouch-demo-policy-s3-read", scoped(
            "ReadDemoBuckets", ["s3:GetObject", "s3:ListBucket"],
            ["arn:aws:s3:::vouch-demo-*", "arn:aws:s3:::vouch-demo-*/*"]),
         "scoped S3 read on the demo buckets"),
    ]
    roles = [
        IamRole("vouch-demo-role-inline-admin", "inline policy allows * on *", "ec2.amazonaws.com",
                inline={"full-admin": FULL_ADMIN}),
        IamRole("vouch-demo-role-admin-attached",
                "AWS managed AdministratorAccess and a customer * on * policy attached",
                "ec2.amazonaws.com",
                attached=[ADMIN_ARN, f"arn:aws:iam::{account}:policy/vouch-demo-attached-policy-full-admin"]),
        IamRole("vouch-demo-role-flow-logs", "VPC flow logs delivery to CloudWatch Logs",
                "vpc-flow-logs.amazonaws.com",
                inline={"deliver-flow-logs": scoped(
                    "DeliverFlowLogs", ["logs:CreateLogStream", "logs:PutLogEvents",
                                        "logs:DescribeLogGroups", "logs:DescribeLogStreams"],
                    [demo_logs, f"{demo_logs}:*"])}),
        IamRole("vouch-demo-role-cloudtrail-logs", "CloudTrail delivery to CloudWatch Logs",
                "cloudtrail.amazonaws.com",
                inline={"deliver-trail-events": scoped(
                    "DeliverTrailEvents", ["logs:CreateLogStream", "logs:PutLogEvents"],
                    [f"{demo_logs}:*"])}),
        IamRole("vouch-demo-role-secret-rotator", "execution role of the rotation Lambda",
                "lambda.amazonaws.com",
                inline={"rotate-demo-secrets": scoped(
                    "RotateDemoSecrets", ["secretsmanager:DescribeSecret",
                                          "secretsmanager:GetSecretValue",
                                          "secretsmanager:PutSecretValue",
                                          "secretsmanager:UpdateSecretVersionStage"],
                    [f"arn:aws:secretsmanager:*:{account}:secret:vouch-demo-*"])}),
    ]
    return users, groups, policies, roles


# Deliberately weak (one policy per account, so only the failing variant):
# 8 characters (< 14) and reuse of the last 5 passwords prevented (< 24).
PASSWORD_POLICY = {
    "MinimumPasswordLength": 8,
    "PasswordReusePrevention": 5,
    "RequireSymbols": False,
    "RequireNumbers": True,
    "RequireUppercaseCharacters": True,
    "RequireLowercaseCharacters": True,
    "AllowUsersToChangePassword": True,
}


def _inline(iam, kind: str, name: str) -> dict:
    lister, getter, arg = {
        "user": (iam.list_user_policies, iam.get_user_policy, "UserName"),
        "group": (iam.list_group_policies, iam.get_group_policy, "GroupName"),
        "role": (iam.list_role_policies, iam.get_role_policy, "RoleName"),
    }[kind]
    out = {}
    for p in lister(**{arg: name})["PolicyNames"]:
        doc = getter(**{arg: name, "PolicyName": p})["PolicyDocument"]
        out[p] = json.loads(doc) if isinstance(doc, str) else doc
    return out


def _converge_inline(iam, kind: str, name: str, want: dict) -> None:
    putter, deleter, arg = {
        "user": (iam.put_user_policy, iam.delete_user_policy, "UserName"),
        "group": (iam.put_group_policy, iam.delete_group_policy, "GroupName"),
        "role": (iam.put_role_policy, iam.delete_role_policy, "RoleName"),
    }[kind]
    have = _inline(iam, kind, name)
    for p in set(have) - set(want):
        deleter(**{arg: name, "PolicyName": p})
    for p, doc in want.items():
        if have.get(p) != doc:
            putter(**{arg: name, "PolicyName": p, "PolicyDocument": json.dumps(doc)})


def _attached(iam, kind: str, name: str) -> list[str]:
    lister, arg = {
        "user": (iam.list_attached_user_policies, "UserName"),
        "group": (iam.list_attached_group_policies, "GroupName"),
        "role": (iam.list_attached_role_policies, "RoleName"),
    }[kind]
    return sorted(p["PolicyArn"] for p in lister(**{arg: name})["AttachedPolicies"])


def _converge_attached(iam, kind: str, name: str, want: list[str]) -> None:
    attach, detach, arg = {
        "user": (iam.attach_user_policy, iam.detach_user_policy, "UserName"),
        "group": (iam.attach_group_policy, iam.detach_group_policy, "GroupName"),
        "role": (iam.attach_role_policy, iam.detach_role_policy, "RoleName"),
    }[kind]
    have = _attached(iam, kind, name)
    for arn_ in set(have) - set(want):
        detach(**{arg: name, "PolicyArn": arn_})
    for arn_ in set(want) - set(have):
        attach(**{arg: name, "PolicyArn": arn_})


def _create(fn, **kw) -> str:
    """Call a create API; "existing" when the entity is already there."""
    try:
        fn(**kw)
        return "created"
    except ClientError as e:
        if err_code(e) not in ("EntityAlreadyExists", "EntityAlreadyExistsException"):
            raise
        return "existing"


def _iam_exists(fn, **kw) -> bool:
    try:
        fn(**kw)
        return True
    except ClientError as e:
        if err_code(e) != "NoSuchEntity":
            raise
        return False


def _seed_role(iam, r: Report, role: IamRole) -> None:
    """Creates (when applying) and reads back one role with its inline and attached policies."""
    state = "checked"
    if r.apply:
        state = _create(iam.create_role, RoleName=role.name,
                        AssumeRolePolicyDocument=json.dumps(trust(role.service)))
        _converge_inline(iam, "role", role.name, role.inline)
        _converge_attached(iam, "role", role.name, role.attached)
    if not _iam_exists(iam.get_role, RoleName=role.name):
        r.missing(role.name)
        return
    r.compare(role.name, {"inline": _inline(iam, "role", role.name),
                          "attached": _attached(iam, "role", role.name)},
              {"inline": role.inline, "attached": sorted(role.attached)})
    r.row("iam", role.name, "global", state, role.what)


def seed_iam(c: Clients, r: Report, account: str) -> None:
    iam = c("iam")
    users, groups, policies, roles = iam_spec(account)

    if r.apply:
        iam.update_account_password_policy(**PASSWORD_POLICY)
    try:
        pp = iam.get_account_password_policy()["PasswordPolicy"]
    except ClientError as e:
        if err_code(e) != "NoSuchEntity":
            raise
        pp = {}
    r.compare("password policy", {k: pp.get(k) for k in PASSWORD_POLICY}, PASSWORD_POLICY)
    r.row("iam", "account password policy", "global", "updated",
          "too weak on purpose: 8 characters, reuse of the last 5 prevented")

    exists = _iam_exists

    for g in groups:
        state = _create(iam.create_group, GroupName=g.name) if r.apply else "checked"
        if not r.apply and not exists(iam.get_group, GroupName=g.name):
            r.missing(g.name)
            continue
        if r.apply:
            _converge_inline(iam, "group", g.name, g.inline)
            _converge_attached(iam, "group", g.name, g.attached)
        r.compare(g.name, {"inline": _inline(iam, "group", g.name),
                           "attached": _attached(iam, "group", g.name)},
                  {"inline": g.inline, "attached": sorted(g.attached)})
        r.row("iam", g.name, "global", state, g.what)

    for name, doc, what in policies:
        policy_arn = f"arn:aws:iam::{account}:policy/{name}"
        state = "checked"
        if r.apply:
            state = _create(iam.create_policy, PolicyName=name, PolicyDocument=json.dumps(doc))
        if not exists(iam.get_policy, PolicyArn=policy_arn):
            r.missing(name)
            continue

        def current() -> dict:
            v = iam.get_policy(PolicyArn=policy_arn)["Policy"]["DefaultVersionId"]
            d = iam.get_policy_version(PolicyArn=policy_arn, VersionId=v)["PolicyVersion"]["Document"]
            return json.loads(d) if isinstance(d, str) else d

        if r.apply and current() != doc:
            for v in iam.list_policy_versions(PolicyArn=policy_arn)["Versions"]:
                if not v["IsDefaultVersion"]:
                    iam.delete_policy_version(PolicyArn=policy_arn, VersionId=v["VersionId"])
            iam.create_policy_version(PolicyArn=policy_arn, PolicyDocument=json.dumps(doc),
                                      SetAsDefault=True)
        r.compare(name, {"document": current()}, {"document": doc})
        r.row("iam", name, "global", state, what)

    for role in roles:
        _seed_role(iam, r, role)

    for u in users:
        state = "checked"
        if r.apply:
            state = _create(iam.create_user, UserName=u.name)
        elif not exists(iam.get_user, UserName=u.name):
            r.missing(u.name)
            continue
        if r.apply:
            has_password = exists(iam.get_login_profile, UserName=u.name)
            if u.password and not has_password:
                iam.create_login_profile(UserName=u.name, Password="Vouch-Demo-Passw0rd!")
            elif has_password and not u.password:
                iam.delete_login_profile(UserName=u.name)
            devices = iam.list_mfa_devices(UserName=u.name)["MFADevices"]
            if u.mfa and not devices:
                serial = f"arn:aws:iam::{account}:mfa/{u.name}"
                if not any(d["SerialNumber"] == serial
                           for d in iam.list_virtual_mfa_devices()["VirtualMFADevices"]):
                    iam.create_virtual_mfa_device(VirtualMFADeviceName=u.name)
                # The emulator does not check the codes.
                iam.enable_mfa_device(UserName=u.name, SerialNumber=serial,
                                      AuthenticationCode1="123456", AuthenticationCode2="654321")
            elif devices and not u.mfa:
                for d in devices:
                    iam.deactivate_mfa_device(UserName=u.name, SerialNumber=d["SerialNumber"])
            keys = iam.list_access_keys(UserName=u.name)["AccessKeyMetadata"]
            if u.access_key and not keys:
                iam.create_access_key(UserName=u.name)
            elif keys and not u.access_key:
                for k in keys:
                    iam.delete_access_key(UserName=u.name, AccessKeyId=k["AccessKeyId"])
            _converge_attached(iam, "user", u.name, u.attached)
            _converge_inline(iam, "user", u.name, u.inline)
            have = {g["GroupName"] for g in iam.list_groups_for_user(UserName=u.name)["Groups"]}
            for g in have - set(u.groups):
                iam.remove_user_from_group(GroupName=g, UserName=u.name)
            for g in set(u.groups) - have:
                iam.add_user_to_group(GroupName=g, UserName=u.name)
        r.compare(u.name, {
            "password": exists(iam.get_login_profile, UserName=u.name),
            "mfa": bool(iam.list_mfa_devices(UserName=u.name)["MFADevices"]),
            "access_keys": len(iam.list_access_keys(UserName=u.name)["AccessKeyMetadata"]),
            "attached": _attached(iam, "user", u.name),
            "inline": _inline(iam, "user", u.name),
            "groups": sorted(g["GroupName"]
                             for g in iam.list_groups_for_user(UserName=u.name)["Groups"]),
        }, {
            "password": u.password, "mfa": u.mfa, "access_keys": int(u.access_key),
            "attached": sorted(u.attached), "inline": u.inline, "groups": sorted(u.groups),
        })
        r.row("iam", u.name, "global", state, u.what)


# -- IAM federation, support role, server certificates (LocalStack; global) ----------

SAML_PROVIDER = "vouch-demo-saml-idp"
SUPPORT_ROLE = "vouch-demo-role-support"
SUPPORT_ACCESS_ARN = "arn:aws:iam::aws:policy/AWSSupportAccess"
# (name, days from now to expiry: negative = expired, what). Only the expired side:
# LocalStack 4.13.1 (moto's IAM) answers ListServerCertificates with the same fixed
# dates for every certificate (UploadDate 2010-05-08, Expiration 2012-05-08), whatever
# the uploaded body says, so a valid certificate would read as expired too; the
# passing side is in tests/identity_inventory.rs.
SERVER_CERTIFICATES = [
    ("vouch-demo-cert-expired", -30, "self-signed, expired 30 days ago"),
]


def self_signed(common_name: str, days: int, key_bits: int = 2048) -> tuple[str, str, datetime]:
    """A self-signed certificate (PEM) and its RSA key, expiring `days` from now."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=key_bits)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    not_after = (datetime.now(timezone.utc) + timedelta(days=days)).replace(microsecond=0)
    not_before = min(not_after, datetime.now(timezone.utc)) - timedelta(days=400)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(not_before).not_valid_after(not_after)
            .sign(key, hashes.SHA256()))
    key_pem = key.private_bytes(serialization.Encoding.PEM,
                                serialization.PrivateFormat.TraditionalOpenSSL,
                                serialization.NoEncryption()).decode()
    return cert.public_bytes(serialization.Encoding.PEM).decode(), key_pem, not_after


def saml_metadata(entity_id: str) -> str:
    """IdP metadata as IAM takes it (at least 1,000 characters, with a signing cert)."""
    cert_pem, _, _ = self_signed("vouch-demo-idp.example", 3650)
    cert_b64 = "".join(l for l in cert_pem.splitlines() if "CERTIFICATE" not in l)
    return (
        '<?xml version="1.0"?>'
        f'<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="{entity_id}">'
        '<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">'
        '<md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#">'
        f'<ds:X509Data><ds:X509Certificate>{cert_b64}</ds:X509Certificate></ds:X509Data>'
        '</ds:KeyInfo></md:KeyDescriptor>'
        '<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" '
        f'Location="{entity_id}/sso"/></md:IDPSSODescriptor></md:EntityDescriptor>'
    )


def seed_identity(c: Clients, r: Report, account: str) -> None:
    """A SAML identity provider (centralised sign-in), a role carrying AWSSupportAccess
    (CIS 2.15) and two IAM server certificates, one expired (CIS 2.17). Additive: the
    demo's IAM users keep their console passwords, so aws-iam-user-no-console-password
    fails on them."""
    iam = c("iam")
    saml_arn = f"arn:aws:iam::{account}:saml-provider/{SAML_PROVIDER}"
    providers = [p["Arn"] for p in iam.list_saml_providers()["SAMLProviderList"]]
    state = "existing"
    if saml_arn not in providers:
        if not r.apply:
            r.missing(SAML_PROVIDER)
        else:
            iam.create_saml_provider(Name=SAML_PROVIDER,
                                     SAMLMetadataDocument=saml_metadata("https://idp.vouch.example"))
            state = "created"
    if r.apply or saml_arn in providers:
        got = [p["Arn"] for p in iam.list_saml_providers()["SAMLProviderList"]]
        r.compare(SAML_PROVIDER, {"listed": saml_arn in got}, {"listed": True})
        r.row("iam", SAML_PROVIDER, "global", state, "SAML identity provider (federated sign-in)")

    state = "checked"
    if r.apply:
        state = _create(iam.create_role, RoleName=SUPPORT_ROLE, AssumeRolePolicyDocument=json.dumps({
            "Version": "2012-10-17", "Statement": [{
                "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{account}:root"},
                "Action": "sts:AssumeRole"}]}))
        if SUPPORT_ACCESS_ARN not in _attached(iam, "role", SUPPORT_ROLE):
            iam.attach_role_policy(RoleName=SUPPORT_ROLE, PolicyArn=SUPPORT_ACCESS_ARN)
    roles = [x["RoleName"] for x in
             iam.list_entities_for_policy(PolicyArn=SUPPORT_ACCESS_ARN)["PolicyRoles"]]
    r.compare(SUPPORT_ROLE, {"holds AWSSupportAccess": SUPPORT_ROLE in roles},
              {"holds AWSSupportAccess": True})
    r.row("iam", SUPPORT_ROLE, "global", state, "AWS managed AWSSupportAccess attached")

    listed = {m["ServerCertificateName"]: m
              for m in iam.list_server_certificates()["ServerCertificateMetadataList"]}
    for name, days, what in SERVER_CERTIFICATES:
        state = "existing"
        if name not in listed:
            if not r.apply:
                r.missing(name)
                continue
            cert, key, _ = self_signed(f"{name}.vouch.example", days)
            iam.upload_server_certificate(ServerCertificateName=name, CertificateBody=cert,
                                          PrivateKey=key)
            state = "created"
        meta = {m["ServerCertificateName"]: m for m in
                iam.list_server_certificates()["ServerCertificateMetadataList"]}.get(name)
        if meta is None:
            r.missing(name)
            continue
        expiration = meta.get("Expiration")
        expired = expiration < datetime.now(timezone.utc) if expiration else None
        r.compare(name, {"expired": expired}, {"expired": True})
        r.row("iam", name, "global", state, what)


# -- EC2 / VPC (LocalStack) --------------------------------------------------------

# A rule as (protocol, from_port, to_port, kind, source); kind "cidr" | "cidr6" | "sg";
# source "self" for the group itself.
ALL_OUT = ("-1", None, None, "cidr", "0.0.0.0/0")


@dataclass
class SecurityGroup:
    name: str
    what: str
    ingress: list
    region: str = USE1

    @property
    def group_id(self) -> str:
        # LocalStack's _custom_id_ tag gives a stable id, so vouch's resource
        # name "<id> (<name>)" is the same on every run. "sg_", not "sg-": the
        # default security group keeps a random id, and "security-group/sg-"
        # must identify it alone in vouch's resource ids (demo-expectations.json).
        return f"sg_{self.name}"


SECURITY_GROUPS = [
    SecurityGroup("vouch-demo-ssh-open-use1", "SSH (tcp 22) from 0.0.0.0/0",
                  [("tcp", 22, 22, "cidr", "0.0.0.0/0")]),
    SecurityGroup("vouch-demo-rdp-open-ipv6-use1", "RDP (tcp 3389) from ::/0",
                  [("tcp", 3389, 3389, "cidr6", "::/0")]),
    SecurityGroup("vouch-demo-postgres-open-use1", "PostgreSQL (tcp 5432) from 0.0.0.0/0",
                  [("tcp", 5432, 5432, "cidr", "0.0.0.0/0")]),
    SecurityGroup("vouch-demo-all-traffic-open-use1", "all traffic (-1) from 0.0.0.0/0",
                  [("-1", None, None, "cidr", "0.0.0.0/0")]),
    SecurityGroup("vouch-demo-restricted-use1",
                  "HTTPS from anywhere; SSH only from 10.0.0.0/8; PostgreSQL only from itself",
                  [("tcp", 443, 443, "cidr", "0.0.0.0/0"), ("tcp", 22, 22, "cidr", "10.0.0.0/8"),
                   ("tcp", 5432, 5432, "sg", "self")]),
]


@dataclass
class Ec2Region:
    region: str
    ebs_by_default: bool
    flow_logs: bool
    default_sg_rules: bool  # True: AWS's out-of-the-box rules; False: emptied
    volume: str
    volume_encrypted: bool
    snapshot: str
    snapshot_public: bool


EC2_REGIONS = [
    Ec2Region(USE1, ebs_by_default=True, flow_logs=True, default_sg_rules=False,
              volume="vouch-demo-volume-encrypted-use1", volume_encrypted=True,
              snapshot="vouch-demo-snapshot-encrypted-private-use1", snapshot_public=False),
    Ec2Region(EUW1, ebs_by_default=False, flow_logs=False, default_sg_rules=True,
              volume="vouch-demo-volume-unencrypted-euw1", volume_encrypted=False,
              snapshot="vouch-demo-snapshot-unencrypted-public-euw1", snapshot_public=True),
]


def sg_rules(perms: list, group_id: str) -> list:
    out = []
    for p in perms:
        proto = p.get("IpProtocol", "-1")
        frm, to = (None, None) if proto == "-1" else (p.get("FromPort"), p.get("ToPort"))
        for rng in p.get("IpRanges", []):
            out.append((proto, frm, to, "cidr", rng["CidrIp"]))
        for rng in p.get("Ipv6Ranges", []):
            out.append((proto, frm, to, "cidr6", rng["CidrIpv6"]))
        for pair in p.get("UserIdGroupPairs", []):
            gid = pair.get("GroupId")
            out.append((proto, frm, to, "sg", "self" if gid == group_id else gid))
    return sorted(out, key=repr)


def sg_permission(rule: tuple, group_id: str) -> dict:
    proto, frm, to, kind, src = rule
    p: dict = {"IpProtocol": proto}
    if proto != "-1":
        p["FromPort"], p["ToPort"] = frm, to
    if kind == "cidr":
        p["IpRanges"] = [{"CidrIp": src}]
    elif kind == "cidr6":
        p["Ipv6Ranges"] = [{"CidrIpv6": src}]
    else:
        p["UserIdGroupPairs"] = [{"GroupId": group_id if src == "self" else src}]
    return p


def converge_sg(ec2, group_id: str, ingress: list, egress: list) -> None:
    g = ec2.describe_security_groups(GroupIds=[group_id])["SecurityGroups"][0]
    for direction, want, have, revoke, authorize in (
        ("in", ingress, sg_rules(g["IpPermissions"], group_id),
         ec2.revoke_security_group_ingress, ec2.authorize_security_group_ingress),
        ("out", egress, sg_rules(g["IpPermissionsEgress"], group_id),
         ec2.revoke_security_group_egress, ec2.authorize_security_group_egress),
    ):
        for rule in [x for x in have if x not in want]:
            revoke(GroupId=group_id, IpPermissions=[sg_permission(rule, group_id)])
        for rule in [x for x in want if x not in have]:
            authorize(GroupId=group_id, IpPermissions=[sg_permission(rule, group_id)])


def by_name_tag(items: list, name: str) -> list:
    return [i for i in items if {"Key": "Name", "Value": name} in i.get("Tags", [])]


def seed_ec2(c: Clients, r: Report, account: str) -> None:
    for spec in EC2_REGIONS:
        region, sfx = spec.region, SFX[spec.region]
        ec2 = c("ec2", region)
        if r.apply:
            if spec.ebs_by_default:
                ec2.enable_ebs_encryption_by_default()
            else:
                ec2.disable_ebs_encryption_by_default()
        ebs = ec2.get_ebs_encryption_by_default()["EbsEncryptionByDefault"]
        r.compare(f"EBS encryption by default in {region}", {"on": ebs}, {"on": spec.ebs_by_default})
        r.row("ec2", "EBS encryption by default", region, "updated",
              "on" if spec.ebs_by_default else "off")

        vpcs = ec2.describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}])["Vpcs"]
        if len(vpcs) != 1:
            raise SystemExit(f"expected one default VPC in {region}, found {len(vpcs)}")
        vpc = vpcs[0]["VpcId"]
        all_vpcs = ec2.describe_vpcs()["Vpcs"]
        if len(all_vpcs) != 1:
            # The default security group is found by "(default)" in vouch's
            # resource name, the VPC by its id prefix: both need one VPC per region.
            r.problems.append(f"{region}: {len(all_vpcs)} VPCs; the demo expects only the default VPC")

        # Flow logs of the default VPC.
        logs = ec2.describe_flow_logs(Filters=[{"Name": "resource-id", "Values": [vpc]}])["FlowLogs"]
        if r.apply:
            if spec.flow_logs and not logs:
                group = f"vouch-demo-retention-400d-{sfx}"
                ec2.create_flow_logs(
                    ResourceIds=[vpc], ResourceType="VPC", TrafficType="ALL",
                    LogDestinationType="cloud-watch-logs", LogGroupName=group,
                    DeliverLogsPermissionArn=f"arn:aws:iam::{account}:role/vouch-demo-role-flow-logs",
                )
            elif logs and not spec.flow_logs:
                ec2.delete_flow_logs(FlowLogIds=[fl["FlowLogId"] for fl in logs])
            logs = ec2.describe_flow_logs(
                Filters=[{"Name": "resource-id", "Values": [vpc]}])["FlowLogs"]
        r.compare(f"default VPC {vpc} in {region}",
                  {"active_flow_logs": sum(fl.get("FlowLogStatus") == "ACTIVE" for fl in logs)},
                  {"active_flow_logs": 1 if spec.flow_logs else 0})
        r.row("ec2", f"{vpc} (default VPC)", region, "existing",
              "flow log (ALL) to vouch-demo-retention-400d-use1" if spec.flow_logs
              else "no flow log")

        # The default VPC's default security group.
        default_sg = ec2.describe_security_groups(Filters=[
            {"Name": "vpc-id", "Values": [vpc]}, {"Name": "group-name", "Values": ["default"]},
        ])["SecurityGroups"][0]["GroupId"]
        ingress = [("-1", None, None, "sg", "self")] if spec.default_sg_rules else []
        egress = [ALL_OUT] if spec.default_sg_rules else []
        if r.apply:
            converge_sg(ec2, default_sg, ingress, egress)
        g = ec2.describe_security_groups(GroupIds=[default_sg])["SecurityGroups"][0]
        r.compare(f"{default_sg} (default) in {region}",
                  {"ingress": sg_rules(g["IpPermissions"], default_sg),
                   "egress": sg_rules(g["IpPermissionsEgress"], default_sg)},
                  {"ingress": ingress, "egress": egress})
        r.row("ec2", f"{default_sg} (default)", region, "existing",
              "AWS's default rules: all traffic from itself in, all traffic out"
              if spec.default_sg_rules else "every rule removed")

        # Custom security groups, in the default VPC.
        for sg in [s for s in SECURITY_GROUPS if s.region == region]:
            state = "existing"
            try:
                ec2.describe_security_groups(GroupIds=[sg.group_id])
            except ClientError as e:
                if err_code(e) != "InvalidGroup.NotFound":
                    raise
                if not r.apply:
                    r.missing(sg.name)
                    continue
                ec2.create_security_group(
                    GroupName=sg.name, Description=f"vouch demo: {sg.what}", VpcId=vpc,
                    TagSpecifications=[{"ResourceType": "security-group", "Tags": [
                        {"Key": "_custom_id_", "Value": sg.group_id},
                        {"Key": "Name", "Value": sg.name}]}],
                )
                state = "created"
            if r.apply:
                converge_sg(ec2, sg.group_id, sorted(sg.ingress, key=repr), [ALL_OUT])
            g = ec2.describe_security_groups(GroupIds=[sg.group_id])["SecurityGroups"][0]
            r.compare(sg.name, {
                "name": g["GroupName"], "vpc": g.get("VpcId"),
                "ingress": sg_rules(g["IpPermissions"], sg.group_id),
                "egress": sg_rules(g["IpPermissionsEgress"], sg.group_id),
            }, {"name": sg.name, "vpc": vpc, "ingress": sorted(sg.ingress, key=repr),
                "egress": [ALL_OUT]})
            r.row("ec2", f"{sg.group_id} ({sg.name})", region, state, sg.what)

        # One volume and one snapshot of it per region.
        vols = by_name_tag(ec2.describe_volumes(
            Filters=[{"Name": "tag:Name", "Values": [spec.volume]}])["Volumes"], spec.volume)
        state = "existing"
        if not vols:
            if not r.apply:
                r.missing(spec.volume)
                continue
            vols = [ec2.create_volume(
                AvailabilityZone=f"{region}a", Size=1, VolumeType="gp3",
                Encrypted=spec.volume_encrypted,
                TagSpecifications=[{"ResourceType": "volume",
                                    "Tags": [{"Key": "Name", "Value": spec.volume}]}],
            )]
            state = "created"
        vol = vols[0]
        if bool(vol.get("Encrypted")) != spec.volume_encrypted:
            raise restart(f"{spec.volume} ({vol['VolumeId']}) has Encrypted={vol.get('Encrypted')}")
        r.row("ec2", f"{vol['VolumeId']} (Name={spec.volume})", region, state,
              "encrypted (Encrypted=true; EBS-by-default does not encrypt in LocalStack)"
              if spec.volume_encrypted else "not encrypted")

        snaps = by_name_tag(ec2.describe_snapshots(
            OwnerIds=["self"], Filters=[{"Name": "tag:Name", "Values": [spec.snapshot]}],
        )["Snapshots"], spec.snapshot)
        state = "existing"
        if not snaps:
            if not r.apply:
                r.missing(spec.snapshot)
                continue
            snaps = [ec2.create_snapshot(
                VolumeId=vol["VolumeId"], Description=f"vouch demo: {spec.snapshot}",
                TagSpecifications=[{"ResourceType": "snapshot",
                                    "Tags": [{"Key": "Name", "Value": spec.snapshot}]}],
            )]
            state = "created"
        snap = snaps[0]["SnapshotId"]

        def public() -> bool:
            perms = ec2.describe_snapshot_attribute(
                SnapshotId=snap, Attribute="createVolumePermission")["CreateVolumePermissions"]
            return any(p.get("Group") == "all" for p in perms)

        if r.apply and public() != spec.snapshot_public:
            ec2.modify_snapshot_attribute(
                SnapshotId=snap, Attribute="createVolumePermission",
                OperationType="add" if spec.snapshot_public else "remove", GroupNames=["all"])
        desc = ec2.describe_snapshots(SnapshotIds=[snap])["Snapshots"][0]
        r.compare(spec.snapshot, {"encrypted": desc["Encrypted"], "public": public()},
                  {"encrypted": spec.volume_encrypted, "public": spec.snapshot_public})
        r.row("ec2", f"{snap} (Name={spec.snapshot})", region, state,
              ("encrypted" if spec.volume_encrypted else "not encrypted") + ", "
              + ("public (createVolumePermission group all)" if spec.snapshot_public
                 else "private"))


# -- CloudTrail log buckets (LocalStack S3 and moto S3) ----------------------------

@dataclass
class TrailBucket:
    name: str
    region: str
    public: bool
    trail: str
    # Object Lock default retention in GOVERNANCE mode (LocalStack only: vouch reads
    # LocalStack's copy); None: no Object Lock. GOVERNANCE, not COMPLIANCE, so a
    # restart of the emulators is the only cleanup ever needed.
    object_lock_days: int | None = None


@dataclass
class Trail:
    name: str
    region: str
    bucket: str
    multi_region: bool
    validation: bool
    kms_key: str | None  # a KEYS stem
    log_group: str | None
    logging: bool
    what: str


TRAILS = [
    Trail("vouch-demo-trail-multi-region-use1", USE1, "vouch-demo-trail-logs-use1",
          multi_region=True, validation=True, kms_key="rotation-on",
          log_group="vouch-demo-retention-400d-use1", logging=True,
          what="multi-region, logging, log file validation, SSE-KMS, CloudWatch Logs, "
               "private bucket"),
    Trail("vouch-demo-trail-single-region-euw1", EUW1, "vouch-demo-trail-logs-euw1",
          multi_region=False, validation=False, kms_key=None, log_group=None, logging=False,
          what="single-region, logging stopped, no validation, no KMS, no CloudWatch Logs, "
               "public bucket"),
]
TRAIL_BUCKETS = [
    TrailBucket("vouch-demo-trail-logs-use1", USE1, public=False,
                trail="vouch-demo-trail-multi-region-use1", object_lock_days=30),
    TrailBucket("vouch-demo-trail-logs-euw1", EUW1, public=True,
                trail="vouch-demo-trail-single-region-euw1"),
]


def trail_bucket_policy(b: TrailBucket, account: str) -> dict:
    trail_arn = f"arn:aws:cloudtrail:{b.region}:{account}:trail/{b.trail}"
    statements = [
        {
            "Sid": "AWSCloudTrailAclCheck",
            "Effect": "Allow",
            "Principal": {"Service": "cloudtrail.amazonaws.com"},
            "Action": "s3:GetBucketAcl",
            "Resource": arn(b.name),
            "Condition": {"StringEquals": {"aws:SourceArn": trail_arn}},
        },
        {
            "Sid": "AWSCloudTrailWrite",
            "Effect": "Allow",
            "Principal": {"Service": "cloudtrail.amazonaws.com"},
            "Action": "s3:PutObject",
            "Resource": f"{arn(b.name)}/AWSLogs/{account}/*",
            "Condition": {"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control",
                                           "aws:SourceArn": trail_arn}},
        },
    ]
    if b.public:
        statements.append({
            "Sid": "PublicRead",
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": f"{arn(b.name)}/*",
        })
    statements.append(tls_deny(b.name))
    return {"Version": "2012-10-17", "Statement": statements}


def seed_trail_buckets(c: Clients, r: Report, account: str) -> None:
    """The same bucket in both emulators: moto's CloudTrail refuses a trail whose
    bucket is not in moto's S3, and vouch reads the bucket from LocalStack."""
    for b in TRAIL_BUCKETS:
        pab = dict(PAB_PUBLIC_POLICY if b.public else PAB_ALL_TRUE)
        doc = trail_bucket_policy(b, account)
        for on in ("localstack", "moto"):
            s3 = c("s3", b.region, on=on)
            state = "existing"
            try:
                s3.head_bucket(Bucket=b.name)
            except ClientError as e:
                if err_code(e) not in ("404", "NoSuchBucket", "NotFound"):
                    raise
                if not r.apply:
                    r.missing(f"{b.name} ({on})")
                    continue
                kw = {}
                if b.region != "us-east-1":
                    kw["CreateBucketConfiguration"] = {"LocationConstraint": b.region}
                s3.create_bucket(Bucket=b.name, **kw)
                state = "created"
            if location(s3, b.name) != b.region:
                raise restart(f"{b.name} ({on}) is not in {b.region}")
            if r.apply:
                s3.put_bucket_ownership_controls(
                    Bucket=b.name,
                    OwnershipControls={"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]})
                s3.put_bucket_encryption(Bucket=b.name, ServerSideEncryptionConfiguration=SSE_S3)
                s3.put_public_access_block(Bucket=b.name, PublicAccessBlockConfiguration=pab)
                s3.put_bucket_policy(Bucket=b.name, Policy=json.dumps(doc))
                s3.put_bucket_versioning(Bucket=b.name,
                                         VersioningConfiguration={"Status": "Enabled"})
                if on == "localstack":
                    # moto's S3 would need the log target too; vouch reads LocalStack's.
                    s3.put_bucket_logging(Bucket=b.name, BucketLoggingStatus={"LoggingEnabled": {
                        "TargetBucket": f"vouch-demo-logs-{SFX[b.region]}",
                        "TargetPrefix": f"{b.name}/"}})
                    if b.object_lock_days:
                        # AWS and LocalStack enable Object Lock on an existing versioned
                        # bucket; it cannot be turned off again.
                        s3.put_object_lock_configuration(Bucket=b.name, ObjectLockConfiguration={
                            "ObjectLockEnabled": "Enabled",
                            "Rule": {"DefaultRetention": {"Mode": "GOVERNANCE",
                                                          "Days": b.object_lock_days}}})
            if on == "localstack" and b.object_lock_days:
                got = s3.get_object_lock_configuration(Bucket=b.name)["ObjectLockConfiguration"]
                r.compare(f"{b.name} object lock", got, {
                    "ObjectLockEnabled": "Enabled",
                    "Rule": {"DefaultRetention": {"Mode": "GOVERNANCE",
                                                  "Days": b.object_lock_days}}})
            got_pab = s3.get_public_access_block(Bucket=b.name)["PublicAccessBlockConfiguration"]
            got_doc = json.loads(s3.get_bucket_policy(Bucket=b.name)["Policy"])
            r.compare(f"{b.name} ({on})", {"pab": got_pab, "policy": got_doc},
                      {"pab": pab, "policy": doc})
            if on == "localstack":
                r.row("s3", b.name, b.region, state,
                      "trail bucket (also in moto's S3): "
                      + ("policy allows s3:GetObject to *, PAB off" if b.public
                         else "CloudTrail statements only, PAB on")
                      + (f", Object Lock {b.object_lock_days} d GOVERNANCE"
                         if b.object_lock_days else ", no Object Lock"))


# -- CloudTrail (moto) ---------------------------------------------------------------

def seed_cloudtrail(c: Clients, r: Report, account: str) -> None:
    for t in TRAILS:
        ct = c("cloudtrail", t.region)
        kms = KEY_BY_STEM[t.kms_key].arn(account) if t.kms_key else None
        group_arn = (f"{log_group_arn(t.log_group, t.region, account)}:*"
                     if t.log_group else None)
        want = {
            "S3BucketName": t.bucket, "IsMultiRegionTrail": t.multi_region,
            "LogFileValidationEnabled": t.validation, "KmsKeyId": kms,
            "CloudWatchLogsLogGroupArn": group_arn, "HomeRegion": t.region,
        }

        def find() -> dict | None:
            # moto ignores trailNameList; filter here.
            for tr in ct.describe_trails(includeShadowTrails=False)["trailList"]:
                if tr["Name"] == t.name:
                    return tr
            return None

        found = find()
        state = "existing"
        if r.apply:
            if found and any(found.get(k) != v for k, v in want.items()):
                # moto's UpdateTrail cannot unset KMS (it stores ""): replace the trail.
                ct.delete_trail(Name=t.name)
                found, state = None, "replaced"
            if not found:
                kw: dict = {"Name": t.name, "S3BucketName": t.bucket,
                            "IsMultiRegionTrail": t.multi_region,
                            "EnableLogFileValidation": t.validation}
                if kms:
                    kw["KmsKeyId"] = kms
                if group_arn:
                    kw["CloudWatchLogsLogGroupArn"] = group_arn
                    kw["CloudWatchLogsRoleArn"] = (
                        f"arn:aws:iam::{account}:role/vouch-demo-role-cloudtrail-logs")
                # moto's CreateTrail overwrites a trail of the same name instead of
                # failing, hence the lookup above.
                ct.create_trail(**kw)
                state = "created" if state == "existing" else state
            # AWS gives a new trail this selector; moto returns none until it is put.
            ct.put_event_selectors(TrailName=t.name, EventSelectors=[
                {"ReadWriteType": "All", "IncludeManagementEvents": True}])
            if t.logging:
                ct.start_logging(Name=t.name)
            else:
                ct.stop_logging(Name=t.name)
            found = find()
        if not found:
            r.missing(t.name)
            continue
        status = ct.get_trail_status(Name=found["TrailARN"])
        selectors = ct.get_event_selectors(TrailName=found["TrailARN"])["EventSelectors"]
        got = {k: found.get(k) for k in want}
        got["IsLogging"] = status.get("IsLogging")
        got["EventSelectors"] = selectors
        r.compare(t.name, got, {**want, "IsLogging": t.logging, "EventSelectors": [
            {"ReadWriteType": "All", "IncludeManagementEvents": True}]})
        r.row("cloudtrail", t.name, t.region, state, t.what)


# A multi-region trail of its own that records S3 object-level writes for every bucket
# but no reads, so CIS 4.8 passes and 4.9 fails on the demo account (the other side of
# each: tests/emulator_gaps.rs). Everything else about it is sound (validation, SSE-KMS,
# logging, private bucket), so it changes no other account-level result.
DATA_EVENTS_TRAIL = "vouch-demo-trail-s3-writes-use1"
DATA_EVENTS_SELECTORS = [{
    "ReadWriteType": "WriteOnly", "IncludeManagementEvents": False,
    "DataResources": [{"Type": "AWS::S3::Object", "Values": ["arn:aws:s3"]}],
}]


def seed_cloudtrail_data_events(c: Clients, r: Report, account: str) -> None:
    ct = c("cloudtrail", USE1)
    kms = KEY_BY_STEM["rotation-on"].arn(account)

    def find() -> dict | None:
        for tr in ct.describe_trails(includeShadowTrails=False)["trailList"]:
            if tr["Name"] == DATA_EVENTS_TRAIL:
                return tr
        return None

    found = find()
    state = "existing"
    if r.apply:
        if not found:
            ct.create_trail(Name=DATA_EVENTS_TRAIL, S3BucketName="vouch-demo-trail-logs-use1",
                            IsMultiRegionTrail=True, EnableLogFileValidation=True,
                            KmsKeyId=kms)
            state = "created"
        ct.put_event_selectors(TrailName=DATA_EVENTS_TRAIL,
                               EventSelectors=DATA_EVENTS_SELECTORS)
        ct.start_logging(Name=DATA_EVENTS_TRAIL)
        found = find()
    if not found:
        r.missing(DATA_EVENTS_TRAIL)
        return
    got = {
        "IsMultiRegionTrail": found.get("IsMultiRegionTrail"),
        "IsLogging": ct.get_trail_status(Name=found["TrailARN"]).get("IsLogging"),
        "EventSelectors": ct.get_event_selectors(
            TrailName=found["TrailARN"])["EventSelectors"],
    }
    r.compare(DATA_EVENTS_TRAIL, got, {"IsMultiRegionTrail": True, "IsLogging": True,
                                       "EventSelectors": DATA_EVENTS_SELECTORS})
    r.row("cloudtrail", DATA_EVENTS_TRAIL, USE1, state,
          "multi-region, logging, S3 object-level write data events on every bucket, "
          "no reads, no management events")


# -- AWS Config (moto) ---------------------------------------------------------------

# A recorder in us-east-1 that records all supported types, global ones included, and
# is recording; none in eu-west-1, so aws-config-recorder-enabled fails there. moto
# answers lastStatus PENDING once started (AWS documents Pending/Success/Failure).
CONFIG_RECORDER = "default"


def seed_config(c: Clients, r: Report, account: str) -> None:
    cfg = c("config", USE1, on="moto")
    want = {"allSupported": True, "includeGlobalResourceTypes": True}
    state = "existing"
    if r.apply:
        found = cfg.describe_configuration_recorders()["ConfigurationRecorders"]
        if not any(x["name"] == CONFIG_RECORDER for x in found):
            state = "created"
        cfg.put_configuration_recorder(ConfigurationRecorder={
            "name": CONFIG_RECORDER,
            "roleARN": f"arn:aws:iam::{account}:role/vouch-demo-role-config",
            "recordingGroup": want,
        })
        cfg.put_delivery_channel(DeliveryChannel={
            "name": CONFIG_RECORDER, "s3BucketName": "vouch-demo-trail-logs-use1"})
        cfg.start_configuration_recorder(ConfigurationRecorderName=CONFIG_RECORDER)
    recorders = {x["name"]: x for x in
                 cfg.describe_configuration_recorders()["ConfigurationRecorders"]}
    if CONFIG_RECORDER not in recorders:
        r.missing(f"config recorder {CONFIG_RECORDER}")
        return
    status = {x["name"]: x for x in cfg.describe_configuration_recorder_status()[
        "ConfigurationRecordersStatus"]}.get(CONFIG_RECORDER, {})
    group = recorders[CONFIG_RECORDER].get("recordingGroup", {})
    r.compare(f"config recorder {CONFIG_RECORDER}",
              {**{k: group.get(k) for k in want}, "recording": status.get("recording")},
              {**want, "recording": True})
    for region in (EUW1,):
        if c("config", region, on="moto").describe_configuration_recorders()[
                "ConfigurationRecorders"]:
            r.problems.append(f"config: {region} should have no recorder")
    r.row("config", CONFIG_RECORDER, USE1, state,
          "records all supported types, global included, recording; none in eu-west-1")


# -- Secrets Manager (LocalStack) ----------------------------------------------------

ROTATOR = "vouch-demo-secret-rotator-use1"


@dataclass
class Secret:
    name: str
    rotation_days: int | None
    kms_key: str | None  # a KEYS stem; None: the AWS-managed aws/secretsmanager
    what: str
    region: str = USE1


SECRETS = [
    Secret("vouch-demo-secret-rotated-cmk-use1", 30, "rotation-on",
           "rotates every 30 days; customer-managed key"),
    Secret("vouch-demo-secret-not-rotated-use1", None, "rotation-on",
           "no rotation; customer-managed key"),
    Secret("vouch-demo-secret-rotation-180d-use1", 180, "rotation-on",
           "rotates every 180 days; customer-managed key"),
    Secret("vouch-demo-secret-default-key-use1", 30, None,
           "rotates every 30 days; AWS-managed key aws/secretsmanager"),
]


def rotator_zip() -> bytes:
    import io
    import zipfile
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("index.py", "def handler(event, context):\n    return None\n")
    return buf.getvalue()


def seed_secrets(c: Clients, r: Report, account: str) -> None:
    lam = c("lambda", USE1)
    rotator_arn = f"arn:aws:lambda:{USE1}:{account}:function:{ROTATOR}"
    try:
        lam.get_function(FunctionName=ROTATOR)
        state = "existing"
    except ClientError as e:
        if err_code(e) != "ResourceNotFoundException":
            raise
        state = "missing"
        if r.apply:
            # Without Docker LocalStack stores the function but cannot run it
            # (State "Failed"); RotateSecret only needs it to exist.
            lam.create_function(
                FunctionName=ROTATOR, Runtime="python3.11", Handler="index.handler",
                Role=f"arn:aws:iam::{account}:role/vouch-demo-role-secret-rotator",
                Code={"ZipFile": rotator_zip()}, Description="vouch demo: rotation stub")
            state = "created"
        else:
            r.missing(ROTATOR)
    r.row("lambda", ROTATOR, USE1, state, "rotation function the rotating secrets point to")

    for s in SECRETS:
        sm = c("secretsmanager", s.region)
        kms = KEY_BY_STEM[s.kms_key].arn(account) if s.kms_key else None
        state = "existing"
        try:
            desc = sm.describe_secret(SecretId=s.name)
        except ClientError as e:
            if err_code(e) != "ResourceNotFoundException":
                raise
            if not r.apply:
                r.missing(s.name)
                continue
            kw = {"KmsKeyId": kms} if kms else {}
            sm.create_secret(Name=s.name, SecretString=json.dumps({"demo": s.name}), **kw)
            desc = sm.describe_secret(SecretId=s.name)
            state = "created"
        if desc.get("KmsKeyId") != kms:
            raise restart(f"{s.name} is encrypted with {desc.get('KmsKeyId')}, not {kms}")
        days = (desc.get("RotationRules") or {}).get("AutomaticallyAfterDays")
        enabled = bool(desc.get("RotationEnabled"))
        if r.apply and s.rotation_days and (not enabled or days != s.rotation_days):
            try:
                c("secretsmanager", s.region, attempts=1).rotate_secret(
                    SecretId=s.name, RotationLambdaARN=rotator_arn,
                    RotationRules={"AutomaticallyAfterDays": s.rotation_days},
                    RotateImmediately=False)
            except ClientError as e:
                # LocalStack 4.13.1 records the rotation settings, then fails on
                # RotateImmediately=false ("cannot access local variable
                # 'new_version_id'"); the read-back below checks what it kept.
                if "new_version_id" not in str(e):
                    raise
        elif r.apply and not s.rotation_days and enabled:
            sm.cancel_rotate_secret(SecretId=s.name)
        desc = sm.describe_secret(SecretId=s.name)
        r.compare(s.name, {
            "rotation_enabled": bool(desc.get("RotationEnabled")),
            "rotation_days": (desc.get("RotationRules") or {}).get("AutomaticallyAfterDays")
            if desc.get("RotationEnabled") else None,
            "kms_key_id": desc.get("KmsKeyId"),
        }, {"rotation_enabled": bool(s.rotation_days), "rotation_days": s.rotation_days,
            "kms_key_id": kms})
        r.row("secretsmanager", s.name, s.region, state, s.what)


# -- RDS (moto) ------------------------------------------------------------------------

PARAM_GROUPS = [  # (name, family, parameters, cluster group?)
    ("vouch-demo-pg-force-ssl-use1", "postgres16",
     {"rds.force_ssl": "1", "ssl_min_protocol_version": "TLSv1.2"}, False),
    ("vouch-demo-pg-no-force-ssl-use1", "postgres16", {"rds.force_ssl": "0"}, False),
    # Forces TLS but still accepts TLS 1.0.
    ("vouch-demo-pg-tls10-use1", "postgres16",
     {"rds.force_ssl": "1", "ssl_min_protocol_version": "TLSv1"}, False),
    ("vouch-demo-pg-aurora-writer-use1", "aurora-postgresql16", {}, False),
    ("vouch-demo-cpg-force-ssl-use1", "aurora-postgresql16",
     {"rds.force_ssl": "1", "ssl_min_protocol_version": "TLSv1.2"}, True),
    ("vouch-demo-cpg-no-tls-use1", "aurora-mysql8.0",
     {"require_secure_transport": "OFF", "tls_version": "TLSv1,TLSv1.1,TLSv1.2"}, True),
    # Both Neptune clusters use it: the one on engine 1.0.4.0+ refuses plain HTTP
    # anyway, the older one takes it.
    ("vouch-demo-cpg-neptune-no-ssl-use1", "neptune1", {"neptune_enforce_ssl": "0"}, True),
]


@dataclass
class DbInstance:
    name: str
    what: str
    encrypted: bool = True
    retention: int = 7
    public: bool = False
    multi_az: bool = True
    deletion_protection: bool = True
    minor_upgrade: bool = True
    param_group: str | None = "vouch-demo-pg-force-ssl-use1"  # None: the engine default
    cluster: str | None = None  # member of this cluster (created with engine and zone below)
    engine: str = "aurora-postgresql"
    zone: str = "us-east-1a"
    master_username: str = "demo"


def db(stem: str, what: str, **kw) -> DbInstance:
    return DbInstance(f"vouch-demo-db-{stem}-use1", what, **kw)


DB_INSTANCES = [
    db("compliant", "encrypted, 7-day backups, private, Multi-AZ, deletion protection, "
                    "minor upgrades, rds.force_ssl=1"),
    db("unencrypted", "storage not encrypted", encrypted=False),
    db("no-backups", "backup retention 0 (automated backups off)", retention=0),
    db("public", "publicly accessible", public=True),
    db("single-az", "single Availability Zone", multi_az=False),
    db("single-az-replicated", "single Availability Zone, with a read replica "
       "(vouch-demo-db-replica-use1)", multi_az=False),
    db("no-deletion-protection", "deletion protection off", deletion_protection=False),
    db("no-minor-upgrade", "auto minor version upgrade off", minor_upgrade=False),
    db("no-force-ssl", "parameter group with rds.force_ssl=0",
       param_group="vouch-demo-pg-no-force-ssl-use1"),
    db("default-params", "engine's default parameter group (default.postgres16)",
       param_group=None),
    db("tls10", "forces TLS (rds.force_ssl=1) but accepts TLS 1.0 (ssl_min_protocol_version=TLSv1)",
       param_group="vouch-demo-pg-tls10-use1"),
    db("default-login", "master user named postgres (the engine's default login)",
       master_username="postgres"),
]
# Cluster members: the instance checks other than encryption, public access and
# minor upgrades defer to the cluster. moto derives a cluster's MultiAZ from its
# members' zones, as AWS does.
AURORA_MEMBERS = [
    DbInstance("vouch-demo-aurora-compliant-writer-use1",
               "writer of vouch-demo-aurora-compliant-use1, us-east-1a",
               multi_az=False, deletion_protection=False,
               param_group="vouch-demo-pg-aurora-writer-use1",
               cluster="vouch-demo-aurora-compliant-use1", zone="us-east-1a"),
    DbInstance("vouch-demo-aurora-compliant-reader-use1",
               "reader of vouch-demo-aurora-compliant-use1, us-east-1b: makes the cluster Multi-AZ",
               multi_az=False, deletion_protection=False,
               param_group="vouch-demo-pg-aurora-writer-use1",
               cluster="vouch-demo-aurora-compliant-use1", zone="us-east-1b"),
    DbInstance("vouch-demo-aurora-noncompliant-writer-use1",
               "only instance of vouch-demo-aurora-noncompliant-use1 (us-east-1a), unencrypted "
               "like its cluster, engine default parameter group", encrypted=False,
               multi_az=False, deletion_protection=False, param_group=None,
               cluster="vouch-demo-aurora-noncompliant-use1", engine="aurora-mysql",
               zone="us-east-1a"),
]


@dataclass
class DbCluster:
    name: str
    what: str
    engine: str
    version: str
    encrypted: bool
    deletion_protection: bool
    retention: int
    zones: list[str]
    param_group: str
    master_username: str = "demo"


DB_CLUSTERS = [
    DbCluster("vouch-demo-aurora-compliant-use1",
              "Aurora PostgreSQL: encrypted, deletion protection, 7-day backups, writer and "
              "reader in two AZs, rds.force_ssl=1", "aurora-postgresql", "16.1", True, True, 7,
              ["us-east-1a", "us-east-1b", "us-east-1c"], "vouch-demo-cpg-force-ssl-use1"),
    DbCluster("vouch-demo-aurora-noncompliant-use1",
              "Aurora MySQL: unencrypted, no deletion protection, 1-day backups, one instance "
              "(single AZ), require_secure_transport=OFF, master user admin", "aurora-mysql",
              "8.0.mysql_aurora.3.05.2", False, False, 1,
              ["us-east-1a", "us-east-1b", "us-east-1c"], "vouch-demo-cpg-no-tls-use1",
              master_username="admin"),
    DbCluster("vouch-demo-neptune-https-use1",
              "Neptune 1.3.2.1: accepts only HTTPS with TLS 1.2+ whatever neptune_enforce_ssl "
              "says", "neptune", "1.3.2.1", True, True, 7,
              ["us-east-1a", "us-east-1b", "us-east-1c"], "vouch-demo-cpg-neptune-no-ssl-use1"),
    DbCluster("vouch-demo-neptune-plain-use1",
              "Neptune 1.0.3.0 with neptune_enforce_ssl=0: accepts plain HTTP", "neptune",
              "1.0.3.0", True, True, 7,
              ["us-east-1a", "us-east-1b", "us-east-1c"], "vouch-demo-cpg-neptune-no-ssl-use1"),
]

DB_SNAPSHOTS = [  # (name, source, cluster snapshot?, restore principals, what)
    ("vouch-demo-dbsnap-encrypted-use1", "vouch-demo-db-compliant-use1", False, [],
     "manual, encrypted, private"),
    ("vouch-demo-dbsnap-shared-account-use1", "vouch-demo-db-compliant-use1", False,
     ["111122223333"], "manual, encrypted, shared with one named account"),
    ("vouch-demo-dbsnap-unencrypted-use1", "vouch-demo-db-unencrypted-use1", False, [],
     "manual, not encrypted, private"),
    ("vouch-demo-dbsnap-public-use1", "vouch-demo-db-unencrypted-use1", False, ["all"],
     "manual, not encrypted, restorable by all (public)"),
    ("vouch-demo-clsnap-encrypted-use1", "vouch-demo-aurora-compliant-use1", True, [],
     "manual cluster snapshot, encrypted, private"),
    ("vouch-demo-clsnap-unencrypted-use1", "vouch-demo-aurora-noncompliant-use1", True, [],
     "manual cluster snapshot, not encrypted, private"),
]


def seed_rds(c: Clients, r: Report) -> None:
    rds = c("rds", USE1)
    for name, family, params, cluster in PARAM_GROUPS:
        state = "existing"
        try:
            # moto answers an empty list for a missing name where AWS says
            # DBParameterGroupNotFound: handle both.
            if cluster:
                found = rds.describe_db_cluster_parameter_groups(
                    DBClusterParameterGroupName=name)["DBClusterParameterGroups"]
            else:
                found = rds.describe_db_parameter_groups(
                    DBParameterGroupName=name)["DBParameterGroups"]
        except ClientError as e:
            if err_code(e) not in ("DBParameterGroupNotFound", "DBParameterGroupNotFoundFault"):
                raise
            found = []
        if not found:
            if not r.apply:
                r.missing(name)
                continue
            create = (rds.create_db_cluster_parameter_group if cluster
                      else rds.create_db_parameter_group)
            create(**{"DBClusterParameterGroupName" if cluster else "DBParameterGroupName": name},
                   DBParameterGroupFamily=family, Description=f"vouch demo: {params or 'no TLS parameter'}")
            state = "created"
        arg = "DBClusterParameterGroupName" if cluster else "DBParameterGroupName"
        if r.apply and params:
            modify = (rds.modify_db_cluster_parameter_group if cluster
                      else rds.modify_db_parameter_group)
            modify(**{arg: name}, Parameters=[
                {"ParameterName": k, "ParameterValue": v, "ApplyMethod": "pending-reboot"}
                for k, v in params.items()])
        describe = rds.describe_db_cluster_parameters if cluster else rds.describe_db_parameters
        got = {p["ParameterName"]: p.get("ParameterValue")
               for p in describe(**{arg: name})["Parameters"]}
        r.compare(name, {"parameters": {k: got.get(k) for k in params}}, {"parameters": params})
        r.row("rds", name, USE1, state,
              ("cluster " if cluster else "") + "parameter group " + family + ": "
              + (", ".join(f"{k}={v}" for k, v in params.items()) or "nothing set"))

    for cl in DB_CLUSTERS:
        state = "existing"
        try:
            got = rds.describe_db_clusters(DBClusterIdentifier=cl.name)["DBClusters"][0]
        except ClientError as e:
            if err_code(e) != "DBClusterNotFoundFault":
                raise
            if not r.apply:
                r.missing(cl.name)
                continue
            got = rds.create_db_cluster(
                DBClusterIdentifier=cl.name, Engine=cl.engine, EngineVersion=cl.version,
                MasterUsername=cl.master_username, MasterUserPassword="vouch-demo-password",
                StorageEncrypted=cl.encrypted, DeletionProtection=cl.deletion_protection,
                BackupRetentionPeriod=cl.retention, AvailabilityZones=cl.zones,
                DBClusterParameterGroupName=cl.param_group,
            )["DBCluster"]
            state = "created"
        if (got["StorageEncrypted"] != cl.encrypted or got["AvailabilityZones"] != cl.zones
                or got.get("MasterUsername") != cl.master_username):
            raise restart(f"{cl.name} differs in encryption, zones or master user")
        if r.apply and (got["DeletionProtection"] != cl.deletion_protection
                        or got["BackupRetentionPeriod"] != cl.retention
                        or got["DBClusterParameterGroup"] != cl.param_group):
            rds.modify_db_cluster(DBClusterIdentifier=cl.name, ApplyImmediately=True,
                                  DeletionProtection=cl.deletion_protection,
                                  BackupRetentionPeriod=cl.retention,
                                  DBClusterParameterGroupName=cl.param_group)
        got = rds.describe_db_clusters(DBClusterIdentifier=cl.name)["DBClusters"][0]
        r.compare(cl.name, {k: got.get(k) for k in (
            "Engine", "StorageEncrypted", "DeletionProtection", "BackupRetentionPeriod",
            "AvailabilityZones", "DBClusterParameterGroup")}, {
            "Engine": cl.engine, "StorageEncrypted": cl.encrypted,
            "DeletionProtection": cl.deletion_protection, "BackupRetentionPeriod": cl.retention,
            "AvailabilityZones": cl.zones, "DBClusterParameterGroup": cl.param_group})
        r.row("rds", cl.name, USE1, state, cl.what)

    for d in DB_INSTANCES + AURORA_MEMBERS:
        state = "existing"
        try:
            got = rds.describe_db_instances(DBInstanceIdentifier=d.name)["DBInstances"][0]
        except ClientError as e:
            if err_code(e) != "DBInstanceNotFound":
                raise
            if not r.apply:
                r.missing(d.name)
                continue
            if d.cluster:
                kw = {"DBClusterIdentifier": d.cluster, "Engine": d.engine,
                      "DBInstanceClass": "db.r6g.large", "AvailabilityZone": d.zone}
            else:
                kw = {"Engine": "postgres", "EngineVersion": "16.3",
                      "DBInstanceClass": "db.t3.micro", "AllocatedStorage": 20,
                      "MasterUsername": d.master_username,
                      "MasterUserPassword": "vouch-demo-password",
                      "StorageEncrypted": d.encrypted, "BackupRetentionPeriod": d.retention,
                      "PubliclyAccessible": d.public, "MultiAZ": d.multi_az,
                      "DeletionProtection": d.deletion_protection}
            if d.param_group:
                kw["DBParameterGroupName"] = d.param_group
            got = rds.create_db_instance(DBInstanceIdentifier=d.name,
                                         AutoMinorVersionUpgrade=d.minor_upgrade,
                                         **kw)["DBInstance"]
            state = "created"
        want = {
            "StorageEncrypted": d.encrypted, "PubliclyAccessible": d.public,
            "AutoMinorVersionUpgrade": d.minor_upgrade,
            "DBParameterGroup": d.param_group or ("default.postgres16" if not d.cluster
                                                  else None),
            "DBClusterIdentifier": d.cluster,
        }
        if d.cluster:
            want["AvailabilityZone"] = d.zone
            if not d.param_group:
                del want["DBParameterGroup"]
        else:
            want.update({"BackupRetentionPeriod": d.retention, "MultiAZ": d.multi_az,
                         "DeletionProtection": d.deletion_protection})
            if got.get("MasterUsername") != d.master_username:
                raise restart(f"{d.name} has master user {got.get('MasterUsername')}")

        def observed(x: dict) -> dict:
            groups = x.get("DBParameterGroups") or [{}]
            o = {k: x.get(k) for k in want}
            if "DBParameterGroup" in want:
                o["DBParameterGroup"] = groups[0].get("DBParameterGroupName")
            return o

        if observed(got)["StorageEncrypted"] != d.encrypted:
            raise restart(f"{d.name} has StorageEncrypted={got['StorageEncrypted']}")
        if r.apply and observed(got) != want:
            kw = {"PubliclyAccessible": d.public, "AutoMinorVersionUpgrade": d.minor_upgrade}
            if d.param_group:
                kw["DBParameterGroupName"] = d.param_group
            if not d.cluster:
                kw.update(BackupRetentionPeriod=d.retention, MultiAZ=d.multi_az,
                          DeletionProtection=d.deletion_protection)
            rds.modify_db_instance(DBInstanceIdentifier=d.name, ApplyImmediately=True, **kw)
            got = rds.describe_db_instances(DBInstanceIdentifier=d.name)["DBInstances"][0]
        r.compare(d.name, observed(got), want)
        r.row("rds", d.name, USE1, state, d.what)

    # A read replica of the single-AZ instance above: each is a replica of the other's data.
    replica, source = "vouch-demo-db-replica-use1", "vouch-demo-db-single-az-replicated-use1"
    state = "existing"
    try:
        got = rds.describe_db_instances(DBInstanceIdentifier=replica)["DBInstances"][0]
    except ClientError as e:
        if err_code(e) != "DBInstanceNotFound":
            raise
        got = None
    if got is None and not r.apply:
        r.missing(replica)
    else:
        if got is None:
            got = rds.create_db_instance_read_replica(
                DBInstanceIdentifier=replica, SourceDBInstanceIdentifier=source,
                DBInstanceClass="db.t3.micro", AvailabilityZone="us-east-1b")["DBInstance"]
            state = "created"
        r.compare(replica, {"source": got.get("ReadReplicaSourceDBInstanceIdentifier")},
                  {"source": source})
        listed = rds.describe_db_instances(DBInstanceIdentifier=source)["DBInstances"][0]
        r.compare(source, {"replicas": listed.get("ReadReplicaDBInstanceIdentifiers")},
                  {"replicas": [replica]})
        r.row("rds", replica, USE1, state, f"read replica of {source}")

    # Multi-AZ follows from the members' zones, so it is read back once they exist.
    for cl in DB_CLUSTERS:
        zones = {m.zone for m in AURORA_MEMBERS if m.cluster == cl.name}
        got = rds.describe_db_clusters(DBClusterIdentifier=cl.name)["DBClusters"][0]
        r.compare(cl.name, {"MultiAZ": got.get("MultiAZ")}, {"MultiAZ": len(zones) > 1})

    for name, source, cluster, restore, what in DB_SNAPSHOTS:
        state = "existing"
        if cluster:
            describe = lambda: rds.describe_db_cluster_snapshots(  # noqa: E731
                DBClusterSnapshotIdentifier=name)["DBClusterSnapshots"][0]
            missing_code = "DBClusterSnapshotNotFoundFault"
        else:
            describe = lambda: rds.describe_db_snapshots(  # noqa: E731
                DBSnapshotIdentifier=name)["DBSnapshots"][0]
            missing_code = "DBSnapshotNotFound"
        try:
            describe()
        except ClientError as e:
            if err_code(e) != missing_code:
                raise
            if not r.apply:
                r.missing(name)
                continue
            if cluster:
                rds.create_db_cluster_snapshot(DBClusterSnapshotIdentifier=name,
                                               DBClusterIdentifier=source)
            else:
                rds.create_db_snapshot(DBSnapshotIdentifier=name, DBInstanceIdentifier=source)
            state = "created"

        def principals() -> list[str]:
            if cluster:
                res = rds.describe_db_cluster_snapshot_attributes(
                    DBClusterSnapshotIdentifier=name)["DBClusterSnapshotAttributesResult"]
                attrs = res["DBClusterSnapshotAttributes"]
            else:
                res = rds.describe_db_snapshot_attributes(
                    DBSnapshotIdentifier=name)["DBSnapshotAttributesResult"]
                attrs = res["DBSnapshotAttributes"]
            return sorted(v for a in attrs if a["AttributeName"] == "restore"
                          for v in a.get("AttributeValues", []))

        have = principals()
        if r.apply and have != sorted(restore):
            add = [v for v in restore if v not in have]
            remove = [v for v in have if v not in restore]
            kw = {"AttributeName": "restore"}
            if add:
                kw["ValuesToAdd"] = add
            if remove:
                kw["ValuesToRemove"] = remove
            if cluster:
                rds.modify_db_cluster_snapshot_attribute(DBClusterSnapshotIdentifier=name, **kw)
            else:
                rds.modify_db_snapshot_attribute(DBSnapshotIdentifier=name, **kw)
        snap = describe()
        encrypted = snap["StorageEncrypted"] if cluster else snap["Encrypted"]
        source_encrypted = {x.name: x.encrypted for x in DB_INSTANCES}.get(
            source, {x.name: x.encrypted for x in DB_CLUSTERS}.get(source))
        r.compare(name, {"encrypted": encrypted, "restore": principals()},
                  {"encrypted": source_encrypted, "restore": sorted(restore)})
        r.row("rds", name, USE1, state, what)


# -- AWS Backup (moto) -------------------------------------------------------------------

BACKUP_VAULTS = [  # (name, region, KEYS stem or None)
    ("vouch-demo-vault-cmk-use1", USE1, "rotation-on"),
    ("vouch-demo-vault-default-key-use1", USE1, None),
]
BACKUP_PLAN = {
    "BackupPlanName": "vouch-demo-backup-plan-use1",
    "Rules": [{
        "RuleName": "daily-keep-35-days",
        "TargetBackupVaultName": "vouch-demo-vault-cmk-use1",
        "ScheduleExpression": "cron(0 5 ? * * *)",
        "Lifecycle": {"DeleteAfterDays": 35},
    }],
}
BACKUP_PLAN_REGIONS = {USE1: True, EUW1: False}


def seed_backup(c: Clients, r: Report, account: str) -> None:
    for name, region, stem in BACKUP_VAULTS:
        b = c("backup", region)
        key = KEY_BY_STEM[stem].arn(account) if stem else None
        vaults = {v["BackupVaultName"]: v for v in b.list_backup_vaults()["BackupVaultList"]}
        state = "existing"
        if name not in vaults:
            if not r.apply:
                r.missing(name)
                continue
            b.create_backup_vault(BackupVaultName=name, **({"EncryptionKeyArn": key} if key else {}))
            vaults = {v["BackupVaultName"]: v for v in b.list_backup_vaults()["BackupVaultList"]}
            state = "created"
        if vaults[name].get("EncryptionKeyArn") != key:
            raise restart(f"{name} is encrypted with {vaults[name].get('EncryptionKeyArn')}")
        r.row("backup", name, region, state,
              "vault encrypted with vouch-demo-key-rotation-on-use1" if key
              else "vault created without a key (moto then reports no EncryptionKeyArn)")

    for region, want_plan in BACKUP_PLAN_REGIONS.items():
        b = c("backup", region)
        plans = [p for p in b.list_backup_plans()["BackupPlansList"]
                 if p["BackupPlanName"].startswith("vouch-demo-")]
        state = "existing"

        def rules(plan_id: str) -> list:
            return [{k: rule.get(k) for k in BACKUP_PLAN["Rules"][0]}
                    for rule in b.get_backup_plan(BackupPlanId=plan_id)["BackupPlan"]["Rules"]]

        if r.apply:
            for p in plans:
                if not want_plan or p["BackupPlanName"] != BACKUP_PLAN["BackupPlanName"] \
                        or rules(p["BackupPlanId"]) != BACKUP_PLAN["Rules"]:
                    b.delete_backup_plan(BackupPlanId=p["BackupPlanId"])
                    state = "replaced"
            plans = [p for p in b.list_backup_plans()["BackupPlansList"]
                     if p["BackupPlanName"].startswith("vouch-demo-")]
            if want_plan and not plans:
                # A selection (which resources) cannot be added: moto 5.2.5 does
                # not implement CreateBackupSelection.
                b.create_backup_plan(BackupPlan=BACKUP_PLAN)
                state = "created" if state == "existing" else state
                plans = [p for p in b.list_backup_plans()["BackupPlansList"]
                         if p["BackupPlanName"].startswith("vouch-demo-")]
        r.compare(f"backup plans in {region}", {
            "plans": [(p["BackupPlanName"], rules(p["BackupPlanId"])) for p in plans],
        }, {"plans": [(BACKUP_PLAN["BackupPlanName"], BACKUP_PLAN["Rules"])] if want_plan else []})
        r.row("backup", BACKUP_PLAN["BackupPlanName"] if want_plan else "(no backup plan)",
              region, state if want_plan else "absent",
              "daily rule keeping recovery points 35 days; no selection (moto)" if want_plan
              else "no plan in this region")


# -- GuardDuty, Inspector, Security Hub, Shield (moto) ---------------------------------------

DETECTION_REGIONS = {USE1: True, EUW1: False}  # enabled where True


def seed_detection(c: Clients, r: Report, account: str) -> None:
    for region, on in DETECTION_REGIONS.items():
        gd = c("guardduty", region)
        ids = gd.list_detectors()["DetectorIds"]
        if r.apply:
            if on and not ids:
                gd.create_detector(Enable=True)
            elif on:
                for d in ids:
                    gd.update_detector(DetectorId=d, Enable=True)
            else:
                for d in ids:
                    gd.delete_detector(DetectorId=d)
            ids = gd.list_detectors()["DetectorIds"]
        statuses = [gd.get_detector(DetectorId=d)["Status"] for d in ids]
        r.compare(f"GuardDuty in {region}", {"detectors": statuses},
                  {"detectors": ["ENABLED"] if on else []})
        r.row("guardduty", "detector" if on else "(no detector)", region, "updated",
              "one ENABLED detector" if on else "none")

        sh = c("securityhub", region)

        def hub() -> bool:
            try:
                sh.describe_hub()
                return True
            except ClientError as e:
                if err_code(e) not in ("InvalidAccessException", "ResourceNotFoundException"):
                    raise
                return False

        if r.apply and hub() != on:
            if on:
                sh.enable_security_hub(EnableDefaultStandards=False)
            else:
                sh.disable_security_hub()
        r.compare(f"Security Hub in {region}", {"enabled": hub()}, {"enabled": on})
        r.row("securityhub", "hub" if on else "(not enabled)", region, "updated",
              "Security Hub enabled" if on else "not enabled")

        ins = c("inspector2", region)
        types = ["EC2", "ECR", "LAMBDA"]

        def inspector() -> dict:
            # moto needs accountIds; without them (as vouch calls it) it fails
            # once an account is enabled in the region. See README.
            accts = ins.batch_get_account_status(accountIds=[account])["accounts"]
            state_ = accts[0].get("resourceState", {}) if accts else {}
            return {t.lower(): state_.get(t.lower(), {}).get("status", "DISABLED") for t in types}

        if r.apply and set(inspector().values()) != {"ENABLED" if on else "DISABLED"}:
            if on:
                ins.enable(accountIds=[account], resourceTypes=types)
            else:
                ins.disable(accountIds=[account], resourceTypes=types)
        r.compare(f"Inspector in {region}", inspector(),
                  {t.lower(): "ENABLED" if on else "DISABLED" for t in types})
        r.row("inspector2", "EC2, ECR, Lambda scanning" if on else "(not enabled)", region,
              "updated", "enabled" if on else "not enabled")

    shield = c("shield", USE1)

    def subscribed() -> bool:
        try:
            shield.describe_subscription()
            return True
        except ClientError as e:
            if err_code(e) != "ResourceNotFoundException":
                raise
            return False

    if r.apply and not subscribed():
        shield.create_subscription()
    r.compare("Shield Advanced", {"subscribed": subscribed()}, {"subscribed": True})
    r.row("shield", "Shield Advanced subscription", "global", "updated",
          "subscribed (CreateSubscription)")


# -- Cognito user pools (moto) -----------------------------------------------------------

USER_POOLS = [
    ("vouch-demo-pool-mfa-on-use1", USE1, "ON", "MFA required (software token)"),
    ("vouch-demo-pool-mfa-optional-use1", USE1, "OPTIONAL", "MFA optional"),
    ("vouch-demo-pool-mfa-off-use1", USE1, "OFF", "MFA off"),
]


def user_pool(idp, r: Report, name: str, **create) -> tuple[str, str] | None:
    """The id of the pool named `name` and whether it was created now, making it with
    `create` (CreateUserPool parameters) when missing; None when it is missing and
    this is a read-back."""
    pools = [p["Id"] for p in idp.list_user_pools(MaxResults=60)["UserPools"]
             if p["Name"] == name]
    state = "existing"
    if not pools:
        if not r.apply:
            r.missing(name)
            return None
        pools = [idp.create_user_pool(PoolName=name, **create)["UserPool"]["Id"]]
        state = "created"
    if len(pools) > 1:
        r.problems.append(f"{name}: {len(pools)} user pools of that name")
    return pools[0], state


def seed_cognito(c: Clients, r: Report) -> None:
    for name, region, mfa, what in USER_POOLS:
        idp = c("cognito-idp", region)
        found = user_pool(idp, r, name)
        if found is None:
            continue
        pool, state = found
        if r.apply:
            kw = {"MfaConfiguration": mfa}
            if mfa != "OFF":
                kw["SoftwareTokenMfaConfiguration"] = {"Enabled": True}
            idp.set_user_pool_mfa_config(UserPoolId=pool, **kw)
        got = idp.get_user_pool_mfa_config(UserPoolId=pool).get("MfaConfiguration")
        r.compare(name, {"mfa": got}, {"mfa": mfa})
        r.row("cognito-idp", name, region, state, what)


# Threat protection (UserPoolAddOns.AdvancedSecurityMode) on pools of their own, so the
# MFA demo pools above keep their settings. moto keeps UserPoolAddOns and UserPoolTier as
# given to CreateUserPool and returns them from DescribeUserPool; a pool created without
# them (the MFA pools) has neither, which vouch reports as unreadable (AWS documents no
# default). moto serves no DescribeRiskConfiguration.
THREAT_POOLS = [
    ("vouch-demo-pool-threat-enforced-use1", USE1, "ENFORCED", "threat protection full-function, MFA on"),
    ("vouch-demo-pool-threat-audit-use1", USE1, "AUDIT", "threat protection audit-only"),
    ("vouch-demo-pool-threat-off-use1", USE1, "OFF", "threat protection off"),
]


def seed_cognito_threat_protection(c: Clients, r: Report) -> None:
    for name, region, mode, what in THREAT_POOLS:
        idp = c("cognito-idp", region)
        found = user_pool(idp, r, name, UserPoolTier="PLUS",
                          UserPoolAddOns={"AdvancedSecurityMode": mode})
        if found is None:
            continue
        pool, state = found
        if r.apply and mode == "ENFORCED":
            idp.set_user_pool_mfa_config(UserPoolId=pool, MfaConfiguration="ON",
                                         SoftwareTokenMfaConfiguration={"Enabled": True})
        got = idp.describe_user_pool(UserPoolId=pool)["UserPool"]
        r.compare(name, {"mode": got.get("UserPoolAddOns", {}).get("AdvancedSecurityMode"),
                         "tier": got.get("UserPoolTier")},
                  {"mode": mode, "tier": "PLUS"})
        r.row("cognito-idp", name, region, state, what)


# -- ELBv2, ACM and WAFv2 (moto) ----------------------------------------------------------

@dataclass
class LoadBalancer:
    name: str
    lb_type: str
    scheme: str
    zones: int
    listeners: list  # (protocol, port, ssl policy or None, action: "forward" | "redirect")
    web_acl: bool
    what: str
    http_rules: list = field(default_factory=list)  # (priority, path pattern) forwarding over HTTP:80


TLS12 = "ELBSecurityPolicy-TLS13-1-2-2021-06"  # TLSv1.3, TLSv1.2
OLD_TLS = "ELBSecurityPolicy-2016-08"  # TLSv1, TLSv1.1, TLSv1.2
LOAD_BALANCERS = [
    LoadBalancer("vouch-demo-alb-compliant-use1", "application", "internet-facing", 2,
                 [("HTTPS", 443, TLS12, "forward"), ("HTTP", 80, None, "redirect")], True,
                 "HTTPS on TLS 1.2+, HTTP redirects to HTTPS, 2 AZs, WAF web ACL"),
    LoadBalancer("vouch-demo-alb-legacy-use1", "application", "internet-facing", 2,
                 [("HTTPS", 443, OLD_TLS, "forward"), ("HTTP", 80, None, "forward")], False,
                 "HTTPS on ELBSecurityPolicy-2016-08 (TLS 1.0+), plain HTTP forward, no WAF"),
    LoadBalancer("vouch-demo-alb-rule-forward-use1", "application", "internet-facing", 2,
                 [("HTTPS", 443, TLS12, "forward"), ("HTTP", 80, None, "redirect")], False,
                 "HTTP redirects to HTTPS by default, but a rule forwards /api/* in plain HTTP",
                 http_rules=[(10, "/api/*")]),
    LoadBalancer("vouch-demo-alb-internal-use1", "application", "internal", 2,
                 [("HTTPS", 443, TLS12, "forward"), ("HTTP", 80, None, "forward")], False,
                 "internal: no WAF needed, plain HTTP inside the network not judged"),
    LoadBalancer("vouch-demo-nlb-single-az-use1", "network", "internet-facing", 1,
                 [("TCP", 443, None, "forward"), ("TCP", 80, None, "forward")], False,
                 "network load balancer in one AZ (ALBs need two), plaintext TCP:80"),
]
WEB_ACL = "vouch-demo-web-acl-use1"
CERT_DOMAIN = "demo.vouch.example"


def http_rules(elb, lb_arn: str, want: list, target_group: str, apply: bool) -> list:
    """The forward rules of the load balancer's HTTP:80 listener, created if missing."""
    http = [x for x in elb.describe_listeners(LoadBalancerArn=lb_arn)["Listeners"]
            if x["Protocol"] == "HTTP" and x["Port"] == 80]
    if not http:
        return []

    def current() -> list:
        return sorted((int(x["Priority"]), x["Conditions"][0]["Values"][0])
                      for x in elb.describe_rules(ListenerArn=http[0]["ListenerArn"])["Rules"]
                      if not x.get("IsDefault") and x["Actions"][0]["Type"] == "forward")

    if apply:
        for priority, path in set(want) - set(current()):
            elb.create_rule(ListenerArn=http[0]["ListenerArn"], Priority=priority,
                            Conditions=[{"Field": "path-pattern", "Values": [path]}],
                            Actions=[{"Type": "forward", "TargetGroupArn": target_group}])
    return current()


def target_group(elb, r: Report, name: str, proto: str, port: int, vpc: str) -> str | None:
    """The ARN of the instance target group `name`, created if missing (None when it is
    missing and the run only checks)."""
    try:
        return elb.describe_target_groups(Names=[name])["TargetGroups"][0]["TargetGroupArn"]
    except ClientError as e:
        if err_code(e) != "TargetGroupNotFound":
            raise
    if not r.apply:
        r.missing(name)
        return None
    return elb.create_target_group(Name=name, Protocol=proto, Port=port, VpcId=vpc,
                                   TargetType="instance")["TargetGroups"][0]["TargetGroupArn"]


def seed_elbv2(c: Clients, r: Report) -> None:
    region = USE1
    elb, waf, acm = c("elbv2", region), c("wafv2", region), c("acm", region)
    ec2 = c("ec2", region, on="moto")  # the subnets moto's ELBv2 knows
    subnets = sorted(ec2.describe_subnets(
        Filters=[{"Name": "default-for-az", "Values": ["true"]}])["Subnets"],
        key=lambda s: s["AvailabilityZone"])
    vpc = subnets[0]["VpcId"]

    certs = [x["CertificateArn"] for x in acm.list_certificates()["CertificateSummaryList"]
             if x["DomainName"] == CERT_DOMAIN]
    if not certs and r.apply:
        certs = [acm.request_certificate(DomainName=CERT_DOMAIN)["CertificateArn"]]
    cert = certs[0] if certs else None

    groups = {}
    for tg_name, proto in (("vouch-demo-tg-http-use1", "HTTP"), ("vouch-demo-tg-tcp-use1", "TCP")):
        arn = target_group(elb, r, tg_name, proto, 443 if proto == "TCP" else 80, vpc)
        if arn:
            groups[proto] = arn

    acls = {a["Name"]: a for a in waf.list_web_acls(Scope="REGIONAL")["WebACLs"]}
    if WEB_ACL not in acls and r.apply:
        waf.create_web_acl(Name=WEB_ACL, Scope="REGIONAL", DefaultAction={"Allow": {}}, Rules=[],
                           VisibilityConfig={"SampledRequestsEnabled": False,
                                             "CloudWatchMetricsEnabled": False,
                                             "MetricName": "vouch-demo"})
        acls = {a["Name"]: a for a in waf.list_web_acls(Scope="REGIONAL")["WebACLs"]}
    acl_arn = acls.get(WEB_ACL, {}).get("ARN")
    r.row("wafv2", WEB_ACL, region, "existing" if acl_arn else "missing",
          "regional web ACL, no rules")

    for lb in LOAD_BALANCERS:
        state = "existing"
        try:
            got = elb.describe_load_balancers(Names=[lb.name])["LoadBalancers"]
        except ClientError as e:
            if err_code(e) != "LoadBalancerNotFound":
                raise
            got = []
        if len(got) > 1:
            r.problems.append(f"{lb.name}: {len(got)} load balancers of that name")
        if not got:
            if not r.apply:
                r.missing(lb.name)
                continue
            # moto creates a second load balancer of the same name (AWS returns the
            # existing one), hence the lookup above.
            got = elb.create_load_balancer(
                Name=lb.name, Type=lb.lb_type, Scheme=lb.scheme,
                Subnets=[s["SubnetId"] for s in subnets[:lb.zones]])["LoadBalancers"]
            state = "created"
        lb_arn = got[0]["LoadBalancerArn"]
        zones = sorted(z["ZoneName"] for z in got[0]["AvailabilityZones"])
        if len(zones) != lb.zones:
            raise restart(f"{lb.name} is in {zones}")

        def listeners() -> dict:
            return {x["Port"]: x for x in
                    elb.describe_listeners(LoadBalancerArn=lb_arn)["Listeners"]}

        def actions(kind: str, proto: str) -> list:
            if kind == "redirect":
                return [{"Type": "redirect", "RedirectConfig": {
                    "Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"}}]
            return [{"Type": "forward", "TargetGroupArn": groups["TCP" if proto == "TCP" else "HTTP"]}]

        def shape(x: dict) -> tuple:
            act = x["DefaultActions"][0] if x.get("DefaultActions") else {}
            kind = act.get("Type")
            if kind == "redirect" and act.get("RedirectConfig", {}).get("Protocol") != "HTTPS":
                kind = "redirect-elsewhere"
            policy = x.get("SslPolicy") if x["Protocol"] in ("HTTPS", "TLS") else None
            return (x["Protocol"], x["Port"], policy, kind)

        have = listeners()
        if r.apply:
            for port in set(have) - {p for _, p, _, _ in lb.listeners}:
                elb.delete_listener(ListenerArn=have[port]["ListenerArn"])
            for proto, port, policy, kind in lb.listeners:
                kw = {"Protocol": proto, "Port": port, "DefaultActions": actions(kind, proto)}
                if policy:
                    kw["SslPolicy"] = policy
                    kw["Certificates"] = [{"CertificateArn": cert}]
                if port not in have:
                    elb.create_listener(LoadBalancerArn=lb_arn, **kw)
                elif shape(have[port]) != (proto, port, policy, kind):
                    elb.modify_listener(ListenerArn=have[port]["ListenerArn"], **kw)
            current = waf.get_web_acl_for_resource(ResourceArn=lb_arn).get("WebACL")
            if lb.web_acl and (not current or current["ARN"] != acl_arn):
                waf.associate_web_acl(WebACLArn=acl_arn, ResourceArn=lb_arn)
            elif current and not lb.web_acl:
                waf.disassociate_web_acl(ResourceArn=lb_arn)
        web_acl = (waf.get_web_acl_for_resource(ResourceArn=lb_arn).get("WebACL") or {}).get("ARN")
        r.compare(lb.name, {
            "type": got[0]["Type"], "scheme": got[0]["Scheme"],
            "listeners": sorted((shape(x) for x in listeners().values()), key=repr),
            "web_acl": web_acl,
            "http_rules": http_rules(elb, lb_arn, lb.http_rules, groups.get("HTTP"), r.apply),
        }, {
            "type": lb.lb_type, "scheme": lb.scheme, "listeners": sorted(lb.listeners, key=repr),
            "web_acl": acl_arn if lb.web_acl else None,
            "http_rules": sorted(lb.http_rules),
        })
        r.row("elbv2", lb.name, region, state, lb.what)


# -- CloudFront (moto) ---------------------------------------------------------------------

@dataclass
class Distribution:
    comment: str  # vouch names a distribution without aliases by its comment
    viewer: str  # viewer protocol policy of the default cache behavior
    origin: str  # origin domain name, or "alb:NAME" for that demo load balancer's DNS name
    origin_policy: str
    web_acl: bool
    acm_tls12: bool  # an ACM certificate with TLSv1.2_2021, else the default certificate
    logging: bool
    what: str
    origin_tls: list = field(default_factory=lambda: ["TLSv1.2"])  # OriginSslProtocols


# The fronted ALB is vouch-demo-alb-legacy-use1, which has no web ACL of its own: its
# aws-wafv2-alb-web-acl verdict passes through this distribution's web ACL.
DISTRIBUTIONS = [
    Distribution("vouch-demo-cf-fronted", "redirect-to-https", "alb:vouch-demo-alb-legacy-use1",
                 "https-only", True, True, True,
                 "HTTPS to viewers and origin, web ACL, logging; fronts vouch-demo-alb-legacy-use1"),
    Distribution("vouch-demo-cf-open", "allow-all", "legacy-origin.demo.vouch.example",
                 "http-only", False, False, False,
                 "plain HTTP to viewers and origin, default certificate, no web ACL, no logging"),
    Distribution("vouch-demo-cf-old-origin-tls", "https-only", "old-tls-origin.demo.vouch.example",
                 "https-only", False, False, False,
                 "HTTPS everywhere, but the origin may be reached with TLS 1.0 or 1.1",
                 origin_tls=["TLSv1", "TLSv1.1", "TLSv1.2"]),
]
CF_WEB_ACL = "vouch-demo-web-acl-edge"


def seed_cloudfront(c: Clients, r: Report) -> None:
    """Two distributions: one fronting an ALB without its own web ACL, one open.

    moto 5.2.5 answers ListDistributions with CloudFrontDefaultCertificate=true even
    for an ACM certificate (so vouch reads the certificate as ambiguous), and lists an
    S3 origin without its S3OriginConfig (so no S3 origin is seeded here).
    """
    cf = c("cloudfront", USE1, on="moto")
    waf, elb, acm = c("wafv2", USE1), c("elbv2", USE1), c("acm", USE1)
    acls = {a["Name"]: a for a in waf.list_web_acls(Scope="CLOUDFRONT")["WebACLs"]}
    if CF_WEB_ACL not in acls and r.apply:
        waf.create_web_acl(Name=CF_WEB_ACL, Scope="CLOUDFRONT", DefaultAction={"Allow": {}},
                           Rules=[], VisibilityConfig={"SampledRequestsEnabled": False,
                                                       "CloudWatchMetricsEnabled": False,
                                                       "MetricName": "vouch-demo-edge"})
        acls = {a["Name"]: a for a in waf.list_web_acls(Scope="CLOUDFRONT")["WebACLs"]}
    acl_arn = acls.get(CF_WEB_ACL, {}).get("ARN")
    r.row("wafv2", CF_WEB_ACL, USE1, "existing" if acl_arn else "missing",
          "CLOUDFRONT-scope web ACL, no rules")
    certs = [x["CertificateArn"] for x in acm.list_certificates()["CertificateSummaryList"]
             if x["DomainName"] == CERT_DOMAIN]
    existing = {d["Comment"]: d for d in
                cf.list_distributions()["DistributionList"].get("Items", [])}
    for d in DISTRIBUTIONS:
        origin = d.origin
        if origin.startswith("alb:"):
            try:
                origin = elb.describe_load_balancers(
                    Names=[origin[4:]])["LoadBalancers"][0]["DNSName"]
            except ClientError:
                r.missing(origin[4:])
                continue
        state = "existing"
        if d.comment not in existing:
            if not r.apply:
                r.missing(d.comment)
                continue
            if d.web_acl and not acl_arn:
                r.problems.append(f"{d.comment}: web ACL {CF_WEB_ACL} missing")
                continue
            if d.acm_tls12 and not certs:
                r.problems.append(f"{d.comment}: no ACM certificate for {CERT_DOMAIN}")
                continue
            cert = ({"ACMCertificateArn": certs[0], "SSLSupportMethod": "sni-only",
                     "MinimumProtocolVersion": "TLSv1.2_2021"} if d.acm_tls12
                    else {"CloudFrontDefaultCertificate": True})
            config = {
                "CallerReference": d.comment, "Comment": d.comment, "Enabled": True,
                "Origins": {"Quantity": 1, "Items": [{
                    "Id": "origin", "DomainName": origin,
                    "CustomOriginConfig": {"HTTPPort": 80, "HTTPSPort": 443,
                                           "OriginProtocolPolicy": d.origin_policy,
                                           "OriginSslProtocols": {
                                               "Quantity": len(d.origin_tls),
                                               "Items": d.origin_tls}}}]},
                "DefaultCacheBehavior": {
                    "TargetOriginId": "origin", "ViewerProtocolPolicy": d.viewer,
                    "ForwardedValues": {"QueryString": False, "Cookies": {"Forward": "none"}},
                    "MinTTL": 0, "TrustedSigners": {"Enabled": False, "Quantity": 0}},
                "ViewerCertificate": cert,
                "Logging": {"Enabled": d.logging, "IncludeCookies": False,
                            "Bucket": f"vouch-demo-logs-{SFX[USE1]}.s3.amazonaws.com" if d.logging else "",
                            "Prefix": "cloudfront/" if d.logging else ""},
            }
            if d.web_acl:
                config["WebACLId"] = acl_arn
            cf.create_distribution(DistributionConfig=config)
            existing = {x["Comment"]: x for x in
                        cf.list_distributions()["DistributionList"].get("Items", [])}
            state = "created"
        got = existing[d.comment]

        def origin_tls(x: dict) -> list:
            return (x["Origins"]["Items"][0].get("CustomOriginConfig", {})
                    .get("OriginSslProtocols", {}).get("Items", []))

        if r.apply and origin_tls(got) != d.origin_tls:
            # Distributions seeded before OriginSslProtocols was: set it in place.
            current = cf.get_distribution_config(Id=got["Id"])
            config = current["DistributionConfig"]
            config["Origins"]["Items"][0]["CustomOriginConfig"]["OriginSslProtocols"] = {
                "Quantity": len(d.origin_tls), "Items": d.origin_tls}
            cf.update_distribution(Id=got["Id"], IfMatch=current["ETag"],
                                   DistributionConfig=config)
            got = {x["Comment"]: x for x in
                   cf.list_distributions()["DistributionList"].get("Items", [])}[d.comment]
            state = "updated"
        logging = cf.get_distribution_config(Id=got["Id"])["DistributionConfig"]["Logging"]
        r.compare(d.comment, {
            "viewer": got["DefaultCacheBehavior"]["ViewerProtocolPolicy"],
            "origin": got["Origins"]["Items"][0]["DomainName"],
            "web_acl": got.get("WebACLId") or None,
            "logging": logging["Enabled"],
            "origin_tls": origin_tls(got),
        }, {
            "viewer": d.viewer, "origin": origin,
            "web_acl": acl_arn if d.web_acl else None, "logging": d.logging,
            "origin_tls": d.origin_tls,
        })
        r.row("cloudfront", d.comment, "global", state, d.what)


# -- Everything together ---------------------------------------------------------------------


# Network interfaces: a security group counts as in use when an interface holds it. The
# demo's other groups are held by nothing (LocalStack gives instances no group), so they
# pass the clauses that judge only groups in use; this interface makes the SSH-open group
# one that is used.
ENI_SSH_OPEN = ("vouch-demo-eni-ssh-open-use1", "vouch-demo-ssh-open-use1")


def seed_interfaces(c: Clients, r: Report) -> None:
    ec2 = c("ec2", USE1)
    desc, group_name = ENI_SSH_OPEN
    group = ec2.describe_security_groups(
        Filters=[{"Name": "group-name", "Values": [group_name]}])["SecurityGroups"][0]["GroupId"]
    found = ec2.describe_network_interfaces(
        Filters=[{"Name": "description", "Values": [desc]}])["NetworkInterfaces"]
    state = "existing"
    if not found:
        if not r.apply:
            r.missing(desc)
            return
        vpc = ec2.describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}])["Vpcs"][0]["VpcId"]
        subnet = ec2.describe_subnets(
            Filters=[{"Name": "vpc-id", "Values": [vpc]}])["Subnets"][0]["SubnetId"]
        found = [ec2.create_network_interface(SubnetId=subnet, Description=desc,
                                              Groups=[group])["NetworkInterface"]]
        state = "created"
    r.compare(desc, {"groups": [g["GroupId"] for g in found[0]["Groups"]]}, {"groups": [group]})
    r.row("ec2", desc, USE1, state, f"network interface holding {group_name}: that group is in use")

def seed_account(c: Clients, account: str, apply: bool) -> Report:
    r = Report(apply)
    # Order matters: keys before what they encrypt, roles and log groups before
    # flow logs and trails, buckets before trails.
    seed_kms(c, r, account)
    seed_logs(c, r)
    seed_iam(c, r, account)
    seed_admin_equivalent(c, r, account)
    seed_acl_public_bucket(c, r)
    seed_identity(c, r, account)
    seed_ec2(c, r, account)
    seed_trail_buckets(c, r, account)
    seed_cloudtrail(c, r, account)
    seed_cloudtrail_data_events(c, r, account)
    seed_config(c, r, account)
    seed_secrets(c, r, account)
    seed_rds(c, r)
    seed_interfaces(c, r)
    seed_backup(c, r, account)
    seed_detection(c, r, account)
    seed_cognito(c, r)
    seed_cognito_threat_protection(c, r)
    seed_elbv2(c, r)
    seed_nacls(c, r)
    seed_instances(c, r)
    seed_efs(c, r)
    seed_cloudfront(c, r)
    seed_redundancy(c, r)
    seed_ec2net(c, r, account)
    seed_monitoring(c, r, account)
    seed_plain_secrets(c, r, account)
    seed_apigateway(c, r)
    seed_datastores(c, r, account)
    seed_sqs(c, r, account)
    seed_ecr(c, r)
    seed_kinesis(c, r)
    seed_acm(c, r)
    seed_launch_templates(c, r)
    seed_eks(c, r, account)
    seed_organizations(c, r, account)
    return r


# -- EC2 network ACLs and instances (LocalStack), EFS (moto) ------------------------------

@dataclass
class Nacl:
    name: str
    entries: list  # inbound (rule number, protocol number, port or None, action)
    what: str


ADMIN_DENIED = [(10, "6", 22, "deny"), (11, "6", 3389, "deny"), (12, "17", 22, "deny"),
                (13, "17", 3389, "deny"), (100, "-1", None, "allow")]
NACLS = [
    Nacl("vouch-demo-nacl-admin-denied-use1", ADMIN_DENIED,
         "denies TCP/UDP 22 and 3389 from 0.0.0.0/0 (rules 10-13), then allows all (rule 100)"),
    Nacl("vouch-demo-nacl-ssh-open-use1", [(100, "6", 22, "allow")],
         "allows TCP 22 from 0.0.0.0/0 (rule 100)"),
]


def nacl_inbound(acl: dict) -> list:
    return sorted((e["RuleNumber"], e["Protocol"], (e.get("PortRange") or {}).get("From"),
                   e["RuleAction"]) for e in acl["Entries"]
                  if not e["Egress"] and e["RuleNumber"] != 32767)


def seed_admin_equivalent(c: Clients, r: Report, account: str) -> None:
    """Administrator-equivalent grants short of "*" on "*" (aws-iam-*-admin-equivalent):
    iam:* on * and an Allow with NotAction on *, both attached to one role that also
    holds an inline iam:PassRole + ec2:RunInstances on *; and a role whose PassRole is
    scoped to one role (passes). Additive: only these policies and roles."""
    iam = c("iam")
    iam_star = {"Version": "2012-10-17", "Statement": [
        {"Sid": "IamEverything", "Effect": "Allow", "Action": "iam:*", "Resource": "*"}]}
    not_action = {"Version": "2012-10-17", "Statement": [
        {"Sid": "AllButS3", "Effect": "Allow", "NotAction": ["s3:*"], "Resource": "*"}]}
    pass_any = {"Version": "2012-10-17", "Statement": [
        {"Sid": "PassAnyRole", "Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"},
        {"Sid": "RunInstances", "Effect": "Allow", "Action": "ec2:RunInstances", "Resource": "*"}]}
    pass_one = {"Version": "2012-10-17", "Statement": [
        {"Sid": "PassOneRole", "Effect": "Allow", "Action": "iam:PassRole",
         "Resource": f"arn:aws:iam::{account}:role/vouch-demo-role-flow-logs"},
        {"Sid": "RunAndRead", "Effect": "Allow",
         "Action": ["ec2:RunInstances", "iam:Get*", "iam:List*"], "Resource": "*"}]}
    policies = [
        ("vouch-demo-policy-iam-star", iam_star, "allows iam:* on *, attached"),
        ("vouch-demo-policy-not-action", not_action, "allows everything but s3:* on *, attached"),
        ("vouch-demo-policy-scoped-pass-role", pass_one,
         "iam:PassRole on one role and IAM reads, attached"),
    ]
    for name, doc, what in policies:
        arn = f"arn:aws:iam::{account}:policy/{name}"
        state = _create(iam.create_policy, PolicyName=name,
                        PolicyDocument=json.dumps(doc)) if r.apply else "checked"
        if not _iam_exists(iam.get_policy, PolicyArn=arn):
            r.missing(name)
            continue
        v = iam.get_policy(PolicyArn=arn)["Policy"]["DefaultVersionId"]
        d = iam.get_policy_version(PolicyArn=arn, VersionId=v)["PolicyVersion"]["Document"]
        r.compare(name, {"document": json.loads(d) if isinstance(d, str) else d},
                  {"document": doc})
        r.row("iam", name, "global", state, what)
    roles = [
        IamRole("vouch-demo-role-admin-equivalent",
                "iam:* and NotAction policies attached, inline PassRole + RunInstances on *",
                "ec2.amazonaws.com", inline={"pass-any-role": pass_any},
                attached=[f"arn:aws:iam::{account}:policy/vouch-demo-policy-iam-star",
                          f"arn:aws:iam::{account}:policy/vouch-demo-policy-not-action"]),
        IamRole("vouch-demo-role-scoped-pass-role",
                "inline PassRole on one role, scoped policy attached", "ec2.amazonaws.com",
                inline={"pass-one-role": pass_one},
                attached=[f"arn:aws:iam::{account}:policy/vouch-demo-policy-scoped-pass-role"]),
    ]
    for role in roles:
        _seed_role(iam, r, role)


ACL_PUBLIC_BUCKET = "vouch-demo-acl-public-use1"
ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"


def seed_acl_public_bucket(c: Clients, r: Report) -> None:
    """A bucket whose ACL grants READ to AllUsers (aws-s3-bucket-acl-not-public fails):
    ACLs need ownership ObjectWriter and no public access block on the bucket (the
    demo account sets none). Additive: this bucket only."""
    s3 = c("s3", "us-east-1")
    state = "checked"
    if r.apply:
        try:
            s3.create_bucket(Bucket=ACL_PUBLIC_BUCKET)
            state = "created"
        except ClientError as e:
            if err_code(e) not in ("BucketAlreadyOwnedByYou", "BucketAlreadyExists"):
                raise
            state = "existing"
        s3.put_bucket_ownership_controls(
            Bucket=ACL_PUBLIC_BUCKET,
            OwnershipControls={"Rules": [{"ObjectOwnership": "ObjectWriter"}]})
        s3.delete_public_access_block(Bucket=ACL_PUBLIC_BUCKET)
        s3.put_bucket_acl(Bucket=ACL_PUBLIC_BUCKET, ACL="public-read")
    acl = s3.get_bucket_acl(Bucket=ACL_PUBLIC_BUCKET)
    public = sorted(g["Permission"] for g in acl.get("Grants", [])
                    if g.get("Grantee", {}).get("URI") == ALL_USERS)
    r.compare(ACL_PUBLIC_BUCKET, {"all_users": public}, {"all_users": ["READ"]})
    r.row("s3", ACL_PUBLIC_BUCKET, "us-east-1", state, "ACL public-read (AllUsers READ), no PAB")


def seed_nacls(c: Clients, r: Report) -> None:
    """Custom network ACLs in the default VPC of us-east-1 (no new VPC: the demo
    expectations find the default VPC and its default group as the only ones)."""
    ec2 = c("ec2", USE1)
    vpc = ec2.describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}])["Vpcs"][0]["VpcId"]
    for n in NACLS:
        found = by_name_tag(ec2.describe_network_acls(
            Filters=[{"Name": "tag:Name", "Values": [n.name]}])["NetworkAcls"], n.name)
        state = "existing"
        if not found:
            if not r.apply:
                r.missing(n.name)
                continue
            acl = ec2.create_network_acl(VpcId=vpc, TagSpecifications=[{
                "ResourceType": "network-acl", "Tags": [{"Key": "Name", "Value": n.name}]}])
            acl_id = acl["NetworkAcl"]["NetworkAclId"]
            for rule, proto, port, action in n.entries:
                kw = {"PortRange": {"From": port, "To": port}} if port is not None else {}
                ec2.create_network_acl_entry(
                    NetworkAclId=acl_id, RuleNumber=rule, Protocol=proto, RuleAction=action,
                    Egress=False, CidrBlock="0.0.0.0/0", **kw)
            found = ec2.describe_network_acls(NetworkAclIds=[acl_id])["NetworkAcls"]
            state = "created"
        want = sorted((rule, proto, port, action) for rule, proto, port, action in n.entries)
        r.compare(n.name, {"inbound": nacl_inbound(found[0])}, {"inbound": want})
        r.row("ec2", f"{found[0]['NetworkAclId']} (Name={n.name})", USE1, state, n.what)


@dataclass
class Ec2Instance:
    name: str
    http_tokens: str
    profile: bool
    what: str


INSTANCE_PROFILE = "vouch-demo-instance-profile-use1"
INSTANCES = [
    Ec2Instance("vouch-demo-instance-imdsv2-use1", "required", True,
                "IMDSv2 only (HttpTokens required), instance profile attached"),
    Ec2Instance("vouch-demo-instance-imdsv1-use1", "optional", False,
                "IMDSv1 answered (HttpTokens optional), no instance profile"),
]
# LocalStack lists no AMI and does not check the id it is given; registering one would
# add a snapshot of the account to us-east-1. NoDevice on the root device keeps
# LocalStack from creating a root volume (the demo has one volume per region).
DEMO_AMI = "ami-0000000000000d3e0"


def seed_instances(c: Clients, r: Report) -> None:
    ec2, iam = c("ec2", USE1), c("iam", USE1)
    try:
        iam.get_instance_profile(InstanceProfileName=INSTANCE_PROFILE)
    except ClientError as e:
        if err_code(e) != "NoSuchEntity":
            raise
        if r.apply:
            iam.create_instance_profile(InstanceProfileName=INSTANCE_PROFILE)
    for spec in INSTANCES:
        live = [i for res in ec2.describe_instances(Filters=[
            {"Name": "tag:Name", "Values": [spec.name]},
            {"Name": "instance-state-name", "Values": ["pending", "running", "stopped"]},
        ])["Reservations"] for i in res["Instances"]]
        state = "existing"
        if not live:
            if not r.apply:
                r.missing(spec.name)
                continue
            kw = {"IamInstanceProfile": {"Name": INSTANCE_PROFILE}} if spec.profile else {}
            live = ec2.run_instances(
                ImageId=DEMO_AMI, InstanceType="t3.micro", MinCount=1, MaxCount=1,
                MetadataOptions={"HttpTokens": spec.http_tokens, "HttpEndpoint": "enabled"},
                BlockDeviceMappings=[{"DeviceName": "/dev/sda1", "NoDevice": ""}],
                TagSpecifications=[{"ResourceType": "instance",
                                    "Tags": [{"Key": "Name", "Value": spec.name}]}],
                **kw,
            )["Instances"]
            state = "created"
        i = live[0]
        got = {"http_tokens": i.get("MetadataOptions", {}).get("HttpTokens"),
               "profile": "IamInstanceProfile" in i}
        r.compare(spec.name, got, {"http_tokens": spec.http_tokens, "profile": spec.profile})
        r.row("ec2", f"{i['InstanceId']} (Name={spec.name})", USE1, state, spec.what)


EFS_FILE_SYSTEMS = [
    ("vouch-demo-efs-encrypted-use1", True, "encrypted at rest (AWS-managed key)"),
    ("vouch-demo-efs-unencrypted-use1", False, "not encrypted at rest"),
]


def seed_efs(c: Clients, r: Report) -> None:
    efs = c("efs", USE1, on="moto")
    listed = efs.describe_file_systems()["FileSystems"]
    for token, encrypted, what in EFS_FILE_SYSTEMS:
        found = [f for f in listed if f.get("CreationToken") == token]
        state = "existing"
        if not found:
            if not r.apply:
                r.missing(token)
                continue
            found = [efs.create_file_system(
                CreationToken=token, Encrypted=encrypted,
                Tags=[{"Key": "Name", "Value": token}])]
            state = "created"
        r.compare(token, {"encrypted": found[0].get("Encrypted")}, {"encrypted": encrypted})
        r.row("efs", f"{found[0]['FileSystemId']} (Name={token})", USE1, state, what)


# -- Data stores (moto): DynamoDB, ElastiCache, OpenSearch, Redshift -----------------------
# One good and one bad example of each (aws-dynamodb-*, aws-elasticache-*, aws-opensearch-*,
# aws-redshift-*), all in us-east-1; the bad ones also make the demo account hold data
# stores outside S3 and RDS (IND-01 fails). Additive: only these resources.

DDB_KMS_KEY = "arn:aws:kms:us-east-1:{account}:key/5eed0000-0000-4000-8000-000000000101"
DDB_TABLES = [
    # name, SSE with a KMS key, point-in-time recovery, deletion protection, what
    ("vouch-demo-ddb-good-use1", True, True, True,
     "KMS key, point-in-time recovery on, deletion protection on"),
    ("vouch-demo-ddb-bad-use1", False, False, False,
     "AWS owned key (the default), point-in-time recovery off, deletion protection off"),
]


def seed_dynamodb(c: Clients, r: Report, account: str) -> None:
    ddb = c("dynamodb", USE1)
    names = ddb.list_tables()["TableNames"]
    for name, kms, pitr, protect, what in DDB_TABLES:
        state = "existing"
        if name not in names:
            if not r.apply:
                r.missing(name)
                continue
            kw = {"SSESpecification": {"Enabled": True, "SSEType": "KMS",
                                       "KMSMasterKeyId": DDB_KMS_KEY.format(account=account)}} \
                if kms else {}
            ddb.create_table(
                TableName=name, BillingMode="PAY_PER_REQUEST",
                AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                DeletionProtectionEnabled=protect, **kw)
            if pitr:
                ddb.update_continuous_backups(
                    TableName=name,
                    PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True})
            state = "created"
        t = ddb.describe_table(TableName=name)["Table"]
        b = ddb.describe_continuous_backups(TableName=name)["ContinuousBackupsDescription"]
        got = {"kms": t.get("SSEDescription", {}).get("SSEType") == "KMS",
               "pitr": b["PointInTimeRecoveryDescription"]["PointInTimeRecoveryStatus"]
               == "ENABLED",
               "protect": t.get("DeletionProtectionEnabled")}
        r.compare(name, got, {"kms": kms, "pitr": pitr, "protect": protect})
        r.row("dynamodb", name, USE1, state, what)


EC_GROUPS = [
    # id, at rest, in transit (with an AUTH token), automatic failover + multi-AZ, what
    ("vouch-demo-ec-good-use1", True, True, True,
     "encrypted at rest and in transit, AUTH token, 2 nodes, automatic failover, multi-AZ"),
    ("vouch-demo-ec-bad-use1", False, False, False,
     "no encryption at rest or in transit, no AUTH, one node, no failover"),
]


def seed_elasticache(c: Clients, r: Report) -> None:
    ec = c("elasticache", USE1)
    have = {g["ReplicationGroupId"]: g for g in ec.describe_replication_groups()["ReplicationGroups"]}
    for gid, rest, transit, ha, what in EC_GROUPS:
        state = "existing"
        if gid not in have:
            if not r.apply:
                r.missing(gid)
                continue
            kw = {"AuthToken": "vouch-demo-auth-token-0123456789"} if transit else {}
            ec.create_replication_group(
                ReplicationGroupId=gid, ReplicationGroupDescription=what,
                Engine="redis", CacheNodeType="cache.t3.micro",
                NumCacheClusters=2 if ha else 1,
                AutomaticFailoverEnabled=ha, MultiAZEnabled=ha,
                AtRestEncryptionEnabled=rest, TransitEncryptionEnabled=transit,
                SnapshotRetentionLimit=7 if ha else 0, **kw)
            state = "created"
        g = ec.describe_replication_groups(ReplicationGroupId=gid)["ReplicationGroups"][0]
        got = {"rest": g.get("AtRestEncryptionEnabled"), "transit": g.get("TransitEncryptionEnabled")}
        r.compare(gid, got, {"rest": rest, "transit": transit})
        r.row("elasticache", gid, USE1, state, what)


EC_CLUSTERS = [
    # id, engine, in transit, what (clusters outside any replication group)
    ("vouch-demo-ecc-mc-tls-use1", "memcached", True,
     "Memcached (nothing at rest), TLS on"),
    ("vouch-demo-ecc-redis-use1", "redis", False,
     "single-node Redis OSS outside a replication group: no at-rest encryption, no TLS"),
]


def seed_elasticache_clusters(c: Clients, r: Report) -> None:
    ec = c("elasticache", USE1)
    have = {x["CacheClusterId"]: x for x in ec.describe_cache_clusters(
        ShowCacheClustersNotInReplicationGroups=True)["CacheClusters"]}
    for cid, engine, transit, what in EC_CLUSTERS:
        state = "existing"
        if cid not in have:
            if not r.apply:
                r.missing(cid)
                continue
            ec.create_cache_cluster(CacheClusterId=cid, Engine=engine,
                                    CacheNodeType="cache.t3.micro", NumCacheNodes=1,
                                    TransitEncryptionEnabled=transit)
            state = "created"
        x = ec.describe_cache_clusters(CacheClusterId=cid)["CacheClusters"][0]
        r.compare(cid, {"transit": x.get("TransitEncryptionEnabled")}, {"transit": transit})
        r.row("elasticache", cid, USE1, state, what)


OS_DOMAINS = [
    # name, encrypted (at rest, node-to-node, HTTPS only with TLS 1.2), public policy, what
    ("vouch-demo-os-good-use1", True, False,
     "encrypted at rest and node-to-node, HTTPS only with TLS 1.2, policy for the account only"),
    ("vouch-demo-os-bad-use1", False, True,
     "no encryption at rest or node-to-node, HTTP allowed, policy open to everyone"),
]


def os_policy(name: str, account: str, public: bool) -> str:
    principal = "*" if public else {"AWS": f"arn:aws:iam::{account}:root"}
    return json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": principal, "Action": "es:*",
        "Resource": f"arn:aws:es:{USE1}:{account}:domain/{name}/*"}]})


def seed_opensearch(c: Clients, r: Report, account: str) -> None:
    o = c("opensearch", USE1)
    have = {d["DomainName"] for d in o.list_domain_names()["DomainNames"]}
    for name, good, public, what in OS_DOMAINS:
        state = "existing"
        if name not in have:
            if not r.apply:
                r.missing(name)
                continue
            o.create_domain(
                DomainName=name, EngineVersion="OpenSearch_2.11",
                EncryptionAtRestOptions={"Enabled": good},
                NodeToNodeEncryptionOptions={"Enabled": good},
                DomainEndpointOptions={"EnforceHTTPS": good, "TLSSecurityPolicy":
                                       "Policy-Min-TLS-1-2-2019-07" if good
                                       else "Policy-Min-TLS-1-0-2019-07"},
                AccessPolicies=os_policy(name, account, public))
            state = "created"
        d = o.describe_domain(DomainName=name)["DomainStatus"]
        got = {"rest": d.get("EncryptionAtRestOptions", {}).get("Enabled"),
               "n2n": d.get("NodeToNodeEncryptionOptions", {}).get("Enabled")}
        r.compare(name, got, {"rest": good, "n2n": good})
        r.row("opensearch", name, USE1, state, what)


# require_ssl is not seeded: moto 5.2.5 answers ModifyClusterParameterGroup with HTTP 500,
# and DescribeClusterParameters returns the same mock list (require_ssl "false") for every
# group; the pass side of aws-redshift-cluster-require-ssl is a saved-inventory test.
RS_CLUSTERS = [
    # id, encrypted, public, snapshot retention, what
    ("vouch-demo-rs-good-use1", True, False, 7,
     "encrypted, private, 7-day automated snapshots"),
    ("vouch-demo-rs-bad-use1", False, True, 0,
     "unencrypted, publicly accessible, automated snapshots off"),
]


def seed_redshift(c: Clients, r: Report) -> None:
    rs = c("redshift", USE1)
    have = {cl["ClusterIdentifier"] for cl in rs.describe_clusters()["Clusters"]}
    for cid, enc, public, keep, what in RS_CLUSTERS:
        state = "existing"
        if cid not in have:
            if not r.apply:
                r.missing(cid)
                continue
            rs.create_cluster(
                ClusterIdentifier=cid, NodeType="ra3.xlplus", ClusterType="single-node",
                MasterUsername="vouchadmin", MasterUserPassword="Vouch-demo-0123",
                Encrypted=enc, PubliclyAccessible=public,
                AutomatedSnapshotRetentionPeriod=keep)
            state = "created"
        cl = rs.describe_clusters(ClusterIdentifier=cid)["Clusters"][0]
        got = {"enc": cl.get("Encrypted"), "public": cl.get("PubliclyAccessible")}
        r.compare(cid, got, {"enc": enc, "public": public})
        r.row("redshift", cid, USE1, state, what)


def seed_datastores(c: Clients, r: Report, account: str) -> None:
    seed_dynamodb(c, r, account)
    seed_elasticache(c, r)
    seed_elasticache_clusters(c, r)
    seed_opensearch(c, r, account)
    seed_redshift(c, r)


# -- Comparing a scan with demo-expectations.json ---------------------------------------------

def compare_scan(scan_path: str, expectations_path: str) -> int:
    """Checks every expectation against a `vouch scan --format json` report.

    An expectation's `resource` matches a result of the same check and region
    whose resource.name equals it or, failing that, whose resource.id contains
    it. Exactly one result must match.
    """
    with open(scan_path) as f:
        results = json.load(f)["results"]
    with open(expectations_path) as f:
        expectations = json.load(f)
    bad = 0
    for x in expectations:
        pool = [res for res in results
                if res["check"] == x["check"] and res["resource"]["region"] == x["region"]]
        hits = [res for res in pool if res["resource"]["name"] == x["resource"]] \
            or [res for res in pool if x["resource"] in res["resource"]["id"]]
        where = f"{x['check']} {x['region']} {x['resource']}"
        if len(hits) != 1:
            print(f"NO UNIQUE MATCH ({len(hits)} results): {where}")
            bad += 1
        elif hits[0]["status"] != x["status"]:
            print(f"MISMATCH: {where}: expected {x['status']}, got {hits[0]['status']}: "
                  f"{hits[0]['message']}")
            bad += 1
    print(f"{len(expectations) - bad} of {len(expectations)} expectations hold")
    return 1 if bad else 0


def moto_healthy(endpoint: str) -> bool:
    import urllib.request
    try:
        with urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=5) as resp:
            return resp.status == 200
    except OSError:
        return False


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="only read back and compare; change nothing")
    ap.add_argument("--s3-only", action="store_true", help="only the S3 buckets (LocalStack)")
    ap.add_argument("--compare", metavar="SCAN_JSON",
                    help="seed nothing: compare a `vouch scan aws --format json` report with "
                         "the expectations file and exit 1 on any difference")
    ap.add_argument("--expectations", metavar="FILE",
                    default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                         "demo-expectations.json"),
                    help="expectations for --compare (default: demo-expectations.json here)")
    args = ap.parse_args()
    if args.compare:
        return compare_scan(args.compare, args.expectations)

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
    rc = 0
    if problems:
        print(f"READ-BACK FAILED: {len(problems)} difference(s):", file=sys.stderr)
        for p in problems:
            print(f"  {p}", file=sys.stderr)
        rc = 1
    else:
        print("read-back: every bucket matches its spec "
              "(location, encryption, PAB, policy, versioning, logging, ownership)")
    if args.s3_only:
        return rc

    moto = os.environ.get("VOUCH_MOTO_ENDPOINT", "http://127.0.0.1:5001")
    if not moto_healthy(moto):
        print(f"moto is not answering on {moto}: run localstack/up.sh", file=sys.stderr)
        return 1
    report = seed_account(Clients(endpoint, moto), seeder.account, apply=not args.check)
    print(f"\nthe other services (LocalStack {endpoint}, moto {moto}): "
          f"{len(report.rows)} demo resources")
    width = max(len(row[1]) for row in report.rows)
    for service, name, region, state, what in report.rows:
        print(f"  {service:<14}  {name:<{width}}  {region:<9}  {state:<8}  {what}")
    if report.problems:
        print(f"READ-BACK FAILED: {len(report.problems)} difference(s):", file=sys.stderr)
        for p in report.problems:
            print(f"  {p}", file=sys.stderr)
        return 1
    print("read-back: every resource of the other services matches its spec")
    return rc




# -- Compute redundancy: ELBv2 target groups and their targets, Auto Scaling groups, ECS
# services (moto; the target instances in LocalStack, where vouch reads EC2) --------------

REDUNDANT_TG = "vouch-demo-tg-two-az-use1"
SINGLE_TG = "vouch-demo-tg-one-target-use1"
REDUNDANCY_NLB = "vouch-demo-nlb-targets-use1"
# (Name tag, zone) of the LocalStack instances registered as targets: IMDSv2 only with a
# profile, like vouch-demo-instance-imdsv2-use1, so they pass the instance checks.
TARGET_INSTANCES = [("vouch-demo-target-a-use1", "us-east-1a"),
                    ("vouch-demo-target-b-use1", "us-east-1b")]
ASGS = [  # name, min size, zones
    ("vouch-demo-asg-two-az-use1", 2, ["us-east-1a", "us-east-1b"]),
    ("vouch-demo-asg-single-use1", 1, ["us-east-1a"]),
]
ECS_CLUSTER = "vouch-demo-ecs-use1"
ECS_SERVICES = [("vouch-demo-ecs-web-use1", 2), ("vouch-demo-ecs-single-use1", 1)]


def seed_redundancy(c: Clients, r: Report) -> None:
    """Two target groups behind their own internal NLB (two healthy targets in two zones;
    one target), two Auto Scaling groups (min 2 over two zones; min 1 in one zone) and two
    ECS services (desired 2; desired 1). moto reports runningCount 0 for every ECS service
    (MOTO_ECS_SERVICE_RUNNING is unset), so both ECS services fail in the demo; the pass
    is covered by a saved-inventory test (tests/check_inventory.rs)."""
    ec2 = c("ec2", USE1)
    ids = []
    for name, zone in TARGET_INSTANCES:
        live = [i for res in ec2.describe_instances(Filters=[
            {"Name": "tag:Name", "Values": [name]},
            {"Name": "instance-state-name", "Values": ["pending", "running"]},
        ])["Reservations"] for i in res["Instances"]]
        state = "existing"
        if not live:
            if not r.apply:
                r.missing(name)
                continue
            live = ec2.run_instances(
                ImageId=DEMO_AMI, InstanceType="t3.micro", MinCount=1, MaxCount=1,
                Placement={"AvailabilityZone": zone},
                IamInstanceProfile={"Name": INSTANCE_PROFILE},
                MetadataOptions={"HttpTokens": "required", "HttpEndpoint": "enabled"},
                BlockDeviceMappings=[{"DeviceName": "/dev/sda1", "NoDevice": ""}],
                TagSpecifications=[{"ResourceType": "instance",
                                    "Tags": [{"Key": "Name", "Value": name}]}],
            )["Instances"]
            state = "created"
        i = live[0]
        r.compare(name, {"zone": i["Placement"]["AvailabilityZone"]}, {"zone": zone})
        ids.append(i["InstanceId"])
        r.row("ec2", f"{i['InstanceId']} (Name={name})", USE1, state, f"target instance in {zone}")

    elb, acm = c("elbv2", USE1), c("acm", USE1)
    subnets = sorted(c("ec2", USE1, on="moto").describe_subnets(
        Filters=[{"Name": "default-for-az", "Values": ["true"]}])["Subnets"],
        key=lambda s: s["AvailabilityZone"])
    groups = {}
    for tg_name in (REDUNDANT_TG, SINGLE_TG):
        arn = target_group(elb, r, tg_name, "TCP", 443, subnets[0]["VpcId"])
        if arn:
            groups[tg_name] = arn
    want = {REDUNDANT_TG: ids, SINGLE_TG: ids[:1]}
    for tg_name, arn in groups.items():
        have = {d["Target"]["Id"] for d in
                elb.describe_target_health(TargetGroupArn=arn)["TargetHealthDescriptions"]}
        missing = [x for x in want[tg_name] if x not in have]
        if missing and r.apply:
            elb.register_targets(TargetGroupArn=arn, Targets=[{"Id": x} for x in missing])

    got = []
    try:
        got = elb.describe_load_balancers(Names=[REDUNDANCY_NLB])["LoadBalancers"]
    except ClientError as e:
        if err_code(e) != "LoadBalancerNotFound":
            raise
    if not got and r.apply:
        got = elb.create_load_balancer(
            Name=REDUNDANCY_NLB, Type="network", Scheme="internal",
            Subnets=[s["SubnetId"] for s in subnets[:2]])["LoadBalancers"]
    if got and len(groups) == 2:
        lb_arn = got[0]["LoadBalancerArn"]
        ports = {x["Port"] for x in elb.describe_listeners(LoadBalancerArn=lb_arn)["Listeners"]}
        certs = [x["CertificateArn"] for x in acm.list_certificates()["CertificateSummaryList"]
                 if x["DomainName"] == CERT_DOMAIN]
        for port, tg_name in ((443, REDUNDANT_TG), (8443, SINGLE_TG)):
            if port not in ports and r.apply and certs:
                elb.create_listener(
                    LoadBalancerArn=lb_arn, Protocol="TLS", Port=port, SslPolicy=TLS12,
                    Certificates=[{"CertificateArn": certs[0]}],
                    DefaultActions=[{"Type": "forward", "TargetGroupArn": groups[tg_name]}])
        r.row("elbv2", REDUNDANCY_NLB, USE1, "existing",
              "internal NLB in 2 AZs, TLS 1.2+ listeners to the two target groups below")
    for tg_name, arn in groups.items():
        health = elb.describe_target_health(TargetGroupArn=arn)["TargetHealthDescriptions"]
        attached = elb.describe_target_groups(TargetGroupArns=[arn])["TargetGroups"][0]
        r.compare(tg_name, {"targets": len(health), "attached": bool(attached.get("LoadBalancerArns"))},
                  {"targets": len(want[tg_name]), "attached": True})
        r.row("elbv2", tg_name, USE1, "existing", f"{len(want[tg_name])} healthy target(s)")

    asg = c("autoscaling", USE1, on="moto")
    lc = "vouch-demo-launch-config-use1"
    if not asg.describe_launch_configurations(LaunchConfigurationNames=[lc])["LaunchConfigurations"] \
            and r.apply:
        asg.create_launch_configuration(LaunchConfigurationName=lc, ImageId=DEMO_AMI,
                                        InstanceType="t3.micro")
    for name, min_size, zones in ASGS:
        have = asg.describe_auto_scaling_groups(AutoScalingGroupNames=[name])["AutoScalingGroups"]
        if not have:
            if not r.apply:
                r.missing(name)
                continue
            asg.create_auto_scaling_group(AutoScalingGroupName=name, LaunchConfigurationName=lc,
                                          MinSize=min_size, MaxSize=min_size,
                                          DesiredCapacity=min_size, AvailabilityZones=zones)
            have = asg.describe_auto_scaling_groups(
                AutoScalingGroupNames=[name])["AutoScalingGroups"]
        g = have[0]
        r.compare(name, {"min": g["MinSize"], "zones": sorted(g["AvailabilityZones"])},
                  {"min": min_size, "zones": zones})
        r.row("autoscaling", name, USE1, "existing", f"min {min_size} over {', '.join(zones)}")

    ecs = c("ecs", USE1, on="moto")
    if not [x for x in ecs.describe_clusters(clusters=[ECS_CLUSTER])["clusters"]
            if x["status"] == "ACTIVE"] and r.apply:
        ecs.create_cluster(clusterName=ECS_CLUSTER)
    family = "vouch-demo-web-use1"
    if r.apply:
        try:
            ecs.describe_task_definition(taskDefinition=family)
        except ClientError:
            ecs.register_task_definition(family=family, containerDefinitions=[
                {"name": "web", "image": "nginx", "memory": 128}])
    for name, desired in ECS_SERVICES:
        have = [s for s in ecs.describe_services(cluster=ECS_CLUSTER, services=[name])["services"]
                if s["status"] == "ACTIVE"]
        if not have:
            if not r.apply:
                r.missing(name)
                continue
            have = [ecs.create_service(cluster=ECS_CLUSTER, serviceName=name,
                                       taskDefinition=family, desiredCount=desired)["service"]]
        r.compare(name, {"desired": have[0]["desiredCount"]}, {"desired": desired})
        r.row("ecs", name, USE1, "existing",
              f"desired {desired}, running {have[0]['runningCount']} (moto)")


# -- Machine images, key pairs, VPN (LocalStack), Direct Connect and ECS zones (moto) -------

KEY_PAIR = "vouch-demo-key-use1"
OWN_AMI = "vouch-demo-ami-private-use1"
PUBLIC_AMI = "vouch-demo-ami-public-use1"
OWN_AMI_INSTANCE = "vouch-demo-instance-own-ami-use1"
VPN_NAME = "vouch-demo-vpn-use1"
DX_CONNECTIONS = [("vouch-demo-dx-plain-use1", False), ("vouch-demo-dx-macsec-use1", True)]
# (service, subnet indexes into the two zones' subnets): both zones, or one.
ECS_ZONE_SERVICES = [("vouch-demo-ecs-two-az-use1", [0, 1]), ("vouch-demo-ecs-one-az-use1", [0])]
ECS_ZONE_CIDRS = ["172.31.200.0/24", "172.31.201.0/24"]


def own_image(ec2, name: str):
    found = ec2.describe_images(Owners=["self"], Filters=[{"Name": "name", "Values": [name]}])
    return (found["Images"] or [None])[0]


def seed_ec2net(c: Clients, r: Report, account: str) -> None:
    """Two images the account owns (LocalStack makes an unencrypted snapshot for each: the
    demo's snapshots are told apart by their Name tags), one private and one public
    (aws-ec2-ami-not-public); an instance started from the private one with a key pair
    (aws-ec2-instance-approved-image passes; the older demo instances run an AMI id that
    LocalStack never registered, so their image owner is unreadable: error). A
    Site-to-Site VPN connection (LocalStack returns no VgwTelemetry: error). Two Direct
    Connect connections in moto, one without MACsec and one requested with it
    (must_encrypt). Two ECS services in moto placed in subnets of two zones and of one:
    moto checks the subnets against its own EC2 and vouch reads LocalStack's, so the
    subnets are made in LocalStack's default VPC with moto's default subnet ids
    (LocalStack's _custom_id_ tag). Additive: only these resources."""
    ec2 = c("ec2", USE1)
    if r.apply and not ec2.describe_key_pairs(
            Filters=[{"Name": "key-name", "Values": [KEY_PAIR]}])["KeyPairs"]:
        ec2.create_key_pair(KeyName=KEY_PAIR)
    source = [i for res in ec2.describe_instances(Filters=[
        {"Name": "tag:Name", "Values": ["vouch-demo-instance-imdsv2-use1"]},
        {"Name": "instance-state-name", "Values": ["pending", "running", "stopped"]},
    ])["Reservations"] for i in res["Instances"]]
    for name, public in ((OWN_AMI, False), (PUBLIC_AMI, True)):
        img = own_image(ec2, name)
        state = "existing"
        if img is None:
            if not r.apply or not source:
                r.missing(name)
                continue
            ec2.create_image(InstanceId=source[0]["InstanceId"], Name=name, NoReboot=True)
            img = own_image(ec2, name)
            state = "created"
        if public and r.apply:
            ec2.modify_image_attribute(ImageId=img["ImageId"],
                                       LaunchPermission={"Add": [{"Group": "all"}]})
            img = own_image(ec2, name)
        r.compare(name, {"public": img.get("Public")}, {"public": public})
        r.row("ec2", f"{img['ImageId']} ({name})", USE1, state,
              "public launch permission (group all)" if public else "private image")
    img = own_image(ec2, OWN_AMI)
    live = [i for res in ec2.describe_instances(Filters=[
        {"Name": "tag:Name", "Values": [OWN_AMI_INSTANCE]},
        {"Name": "instance-state-name", "Values": ["pending", "running", "stopped"]},
    ])["Reservations"] for i in res["Instances"]]
    state = "existing"
    if not live and img is not None and r.apply:
        live = ec2.run_instances(
            ImageId=img["ImageId"], InstanceType="t3.micro", MinCount=1, MaxCount=1,
            KeyName=KEY_PAIR, IamInstanceProfile={"Name": INSTANCE_PROFILE},
            MetadataOptions={"HttpTokens": "required", "HttpEndpoint": "enabled"},
            BlockDeviceMappings=[{"DeviceName": "/dev/sda1", "NoDevice": ""}],
            TagSpecifications=[{"ResourceType": "instance",
                                "Tags": [{"Key": "Name", "Value": OWN_AMI_INSTANCE}]}],
        )["Instances"]
        state = "created"
    if not live:
        r.missing(OWN_AMI_INSTANCE)
    else:
        i = live[0]
        r.compare(OWN_AMI_INSTANCE, {"image": i["ImageId"], "key": i.get("KeyName")},
                  {"image": img["ImageId"] if img else None, "key": KEY_PAIR})
        r.row("ec2", f"{i['InstanceId']} (Name={OWN_AMI_INSTANCE})", USE1, state,
              f"started from {OWN_AMI} (owned by the account), key pair {KEY_PAIR}")

    vpns = [v for v in ec2.describe_vpn_connections(
        Filters=[{"Name": "tag:Name", "Values": [VPN_NAME]}])["VpnConnections"]
        if v["State"] != "deleted"]
    state = "existing"
    if not vpns and r.apply:
        cgw = ec2.create_customer_gateway(Type="ipsec.1", BgpAsn=65000,
                                          PublicIp="203.0.113.10")["CustomerGateway"]
        vgw = ec2.create_vpn_gateway(Type="ipsec.1")["VpnGateway"]
        vpns = [ec2.create_vpn_connection(
            Type="ipsec.1", CustomerGatewayId=cgw["CustomerGatewayId"],
            VpnGatewayId=vgw["VpnGatewayId"],
            TagSpecifications=[{"ResourceType": "vpn-connection",
                                "Tags": [{"Key": "Name", "Value": VPN_NAME}]}],
        )["VpnConnection"]]
        state = "created"
    if not vpns:
        r.missing(VPN_NAME)
    else:
        r.row("ec2", f"{vpns[0]['VpnConnectionId']} (Name={VPN_NAME})", USE1, state,
              "Site-to-Site VPN (LocalStack reports no tunnel telemetry)")

    dx = c("directconnect", USE1)
    have = {x["connectionName"]: x for x in dx.describe_connections()["connections"]
            if x["connectionState"] != "deleted"}
    for name, macsec in DX_CONNECTIONS:
        state = "existing"
        if name not in have:
            if not r.apply:
                r.missing(name)
                continue
            have[name] = dx.create_connection(location="EqDC2", bandwidth="1Gbps",
                                              connectionName=name, requestMACSec=macsec)
            state = "created"
        want = "must_encrypt" if macsec else "no_encrypt"
        r.compare(name, {"mode": have[name].get("encryptionMode")}, {"mode": want})
        r.row("directconnect", name, USE1, state, f"encryption mode {want}")

    moto_subnets = sorted(c("ec2", USE1, on="moto").describe_subnets(
        Filters=[{"Name": "default-for-az", "Values": ["true"]}])["Subnets"],
        key=lambda s: s["AvailabilityZone"])[:2]
    default_vpc = ec2.describe_vpcs(
        Filters=[{"Name": "is-default", "Values": ["true"]}])["Vpcs"][0]["VpcId"]
    for sub, cidr in zip(moto_subnets, ECS_ZONE_CIDRS):
        mine = ec2.describe_subnets(
            Filters=[{"Name": "subnet-id", "Values": [sub["SubnetId"]]}])["Subnets"]
        if not mine and r.apply:
            ec2.create_subnet(VpcId=default_vpc, CidrBlock=cidr,
                              AvailabilityZone=sub["AvailabilityZone"],
                              TagSpecifications=[{"ResourceType": "subnet", "Tags": [
                                  {"Key": "_custom_id_", "Value": sub["SubnetId"]},
                                  {"Key": "Name", "Value": f"vouch-demo-ecs-{sub['AvailabilityZone']}"}]}])
            mine = ec2.describe_subnets(
                Filters=[{"Name": "subnet-id", "Values": [sub["SubnetId"]]}])["Subnets"]
        r.compare(sub["SubnetId"], {"zone": mine[0]["AvailabilityZone"] if mine else None},
                  {"zone": sub["AvailabilityZone"]})
    ecs = c("ecs", USE1)
    moto_sg = c("ec2", USE1, on="moto").describe_security_groups(
        Filters=[{"Name": "group-name", "Values": ["default"]}])["SecurityGroups"][0]["GroupId"]
    family = "vouch-demo-web-awsvpc-use1"
    if r.apply:
        try:
            ecs.describe_task_definition(taskDefinition=family)
        except ClientError:
            ecs.register_task_definition(family=family, networkMode="awsvpc",
                                         containerDefinitions=[
                                             {"name": "web", "image": "nginx", "memory": 128}])
    for name, picks in ECS_ZONE_SERVICES:
        subnets = [moto_subnets[k]["SubnetId"] for k in picks]
        have = [x for x in ecs.describe_services(cluster=ECS_CLUSTER, services=[name])["services"]
                if x["status"] == "ACTIVE"]
        state = "existing"
        if not have:
            if not r.apply:
                r.missing(name)
                continue
            have = [ecs.create_service(
                cluster=ECS_CLUSTER, serviceName=name, taskDefinition=family, desiredCount=2,
                networkConfiguration={"awsvpcConfiguration": {
                    "subnets": subnets, "securityGroups": [moto_sg]}})["service"]]
            state = "created"
        got = have[0].get("networkConfiguration", {}).get("awsvpcConfiguration", {})
        r.compare(name, {"subnets": sorted(got.get("subnets", []))}, {"subnets": sorted(subnets)})
        zones = sorted({moto_subnets[k]["AvailabilityZone"] for k in picks})
        r.row("ecs", name, USE1, state, f"awsvpc subnets in {', '.join(zones)}")



# -- API Gateway (moto): REST, HTTP and WebSocket APIs, custom domains, stage web ACLs --------
#
# moto 5.2.5 keeps a REST API's securityPolicy out of its answers (it ignores the field on
# CreateRestApi), so every demo REST API shows "no policy named" and is judged by AWS's
# documented default per endpoint type: the regional API with its default endpoint on
# fails (TLS_1_0), the one with its default endpoint disabled and the private one pass.
# moto keeps a domain name's securityPolicy only when given one: each demo domain names
# its policy. moto needs no certificate for a domain name. v1 and v2 domain names are
# separate in moto (in AWS regional ones are shared); vouch lists each name once.

@dataclass
class RestApiSpec:
    name: str
    region: str
    endpoint: str  # REGIONAL | EDGE | PRIVATE
    disable_default: bool
    methods: list  # (path, verb, authorizationType, apiKeyRequired)
    stages: list  # (stage name, web ACL name or None)
    what: str


API_ACL_COMMON = "vouch-demo-api-acl-common"   # AWS core rule set, override none
API_ACL_EMPTY = "vouch-demo-api-acl-empty"     # no rules
API_ACL_COUNT = "vouch-demo-api-acl-count"     # core rule set in count mode

REST_APIS = [
    RestApiSpec("vouch-demo-api-good-use1", USE1, "REGIONAL", True,
                [("/items", "GET", "AWS_IAM", False), ("/items", "POST", "COGNITO_USER_POOLS", False),
                 ("/items", "OPTIONS", "NONE", False)],
                [("prod", API_ACL_COMMON)],
                "default endpoint disabled; IAM / Cognito methods, open CORS preflight; "
                "stage prod behind a web ACL with the AWS core rule set"),
    RestApiSpec("vouch-demo-api-private-use1", USE1, "PRIVATE", False,
                [("/internal", "GET", "AWS_IAM", False)], [("prod", None)],
                "private API, no policy named (AWS default TLS_1_2); stage without web ACL "
                "(private APIs are not judged for WAF)"),
    RestApiSpec("vouch-demo-api-bad-euw1", EUW1, "REGIONAL", False,
                [("/data", "GET", "NONE", True), ("/data", "OPTIONS", "NONE", False)],
                [("prod", API_ACL_EMPTY), ("dev", None), ("qa", API_ACL_COUNT)],
                "regional, default endpoint on with no policy (TLS_1_0); GET /data open with "
                "only an API key; stages: empty web ACL, none, core rule set counting only"),
]

# (domain, region, api version, endpoint type, security policy)
API_DOMAINS = [
    ("api-good.vouch-demo.example", USE1, "v1", "REGIONAL", "TLS_1_2"),
    ("api-old.vouch-demo.example", EUW1, "v1", "REGIONAL", "TLS_1_0"),
    ("ws-good.vouch-demo.example", EUW1, "v2", "REGIONAL", "TLS_1_2"),
]

# (name, region, protocol, [(route key, authorization type)])
V2_APIS = [
    ("vouch-demo-http-good-use1", USE1, "HTTP",
     [("GET /items", "JWT"), ("OPTIONS /items", "NONE")]),
    ("vouch-demo-ws-good-use1", USE1, "WEBSOCKET",
     [("$connect", "AWS_IAM"), ("sendmessage", "NONE")]),
    ("vouch-demo-http-bad-euw1", EUW1, "HTTP", [("GET /open", "NONE")]),
    ("vouch-demo-ws-bad-euw1", EUW1, "WEBSOCKET", [("$connect", "NONE")]),
]


def api_web_acl(waf, r: Report, region: str, name: str) -> str | None:
    vis = {"SampledRequestsEnabled": False, "CloudWatchMetricsEnabled": False,
           "MetricName": name}
    common = {"Name": "common", "Priority": 0, "VisibilityConfig": vis,
              "Statement": {"ManagedRuleGroupStatement": {
                  "VendorName": "AWS", "Name": "AWSManagedRulesCommonRuleSet"}}}
    rules = {API_ACL_COMMON: [dict(common, OverrideAction={"None": {}})],
             API_ACL_EMPTY: [],
             API_ACL_COUNT: [dict(common, OverrideAction={"Count": {}})]}[name]
    acls = {a["Name"]: a for a in waf.list_web_acls(Scope="REGIONAL")["WebACLs"]}
    if name not in acls and r.apply:
        waf.create_web_acl(Name=name, Scope="REGIONAL", DefaultAction={"Allow": {}},
                           Rules=rules, VisibilityConfig=vis)
        acls = {a["Name"]: a for a in waf.list_web_acls(Scope="REGIONAL")["WebACLs"]}
    if name not in acls:
        r.missing(f"{name} ({region})")
        return None
    got = waf.get_web_acl(Name=name, Scope="REGIONAL", Id=acls[name]["Id"])["WebACL"]
    r.compare(f"{name} ({region})", {"rules": len(got.get("Rules", []))}, {"rules": len(rules)})
    return acls[name]["ARN"]


def seed_apigateway(c: Clients, r: Report) -> None:
    for spec in REST_APIS:
        api, waf = c("apigateway", spec.region), c("wafv2", spec.region)
        have = [a for a in api.get_rest_apis(limit=500)["items"] if a["name"] == spec.name]
        state = "existing"
        if not have:
            if not r.apply:
                r.missing(spec.name)
                continue
            have = [api.create_rest_api(name=spec.name,
                                        endpointConfiguration={"types": [spec.endpoint]},
                                        disableExecuteApiEndpoint=spec.disable_default)]
            state = "created"
        api_id = have[0]["id"]
        resources = {x["path"]: x for x in api.get_resources(restApiId=api_id, embed=["methods"],
                                                             limit=500)["items"]}
        authorizer = None
        for path, verb, auth, key in spec.methods:
            if path not in resources and r.apply:
                root = resources["/"]["id"]
                resources[path] = api.create_resource(restApiId=api_id, parentId=root,
                                                      pathPart=path.strip("/"))
            res = resources.get(path)
            if res is None:
                r.missing(f"{spec.name} {path}")
                continue
            existing = (res.get("resourceMethods") or {}).get(verb)
            if existing is None and r.apply:
                kw = {}
                if auth == "COGNITO_USER_POOLS":
                    if authorizer is None:
                        authorizer = api.create_authorizer(
                            restApiId=api_id, name="vouch-demo-cognito", type="COGNITO_USER_POOLS",
                            providerARNs=[f"arn:aws:cognito-idp:{spec.region}:000000000000:"
                                          "userpool/vouch-demo"],
                            identitySource="method.request.header.Authorization")["id"]
                    kw["authorizerId"] = authorizer
                api.put_method(restApiId=api_id, resourceId=res["id"], httpMethod=verb,
                               authorizationType=auth, apiKeyRequired=key, **kw)
                api.put_integration(restApiId=api_id, resourceId=res["id"], httpMethod=verb,
                                    type="MOCK")
            got = api.get_method(restApiId=api_id, resourceId=res["id"], httpMethod=verb) \
                if existing is not None or r.apply else {}
            r.compare(f"{spec.name} {verb} {path}",
                      {"auth": got.get("authorizationType"), "key": got.get("apiKeyRequired")},
                      {"auth": auth, "key": key})
        stages = {s["stageName"]: s for s in api.get_stages(restApiId=api_id)["item"]}
        for stage, acl in spec.stages:
            if stage not in stages and r.apply:
                api.create_deployment(restApiId=api_id, stageName=stage)
                stages = {s["stageName"]: s for s in api.get_stages(restApiId=api_id)["item"]}
            if stage not in stages:
                r.missing(f"{spec.name}/{stage}")
                continue
            stage_arn = f"arn:aws:apigateway:{spec.region}::/restapis/{api_id}/stages/{stage}"
            acl_arn = api_web_acl(waf, r, spec.region, acl) if acl else None
            current = (waf.get_web_acl_for_resource(ResourceArn=stage_arn).get("WebACL")
                       or {}).get("ARN")
            if r.apply and acl_arn and current != acl_arn:
                waf.associate_web_acl(WebACLArn=acl_arn, ResourceArn=stage_arn)
                current = acl_arn
            r.compare(f"{spec.name}/{stage}", {"web_acl": current}, {"web_acl": acl_arn})
        got = api.get_rest_api(restApiId=api_id)
        r.compare(spec.name, {"types": got.get("endpointConfiguration", {}).get("types"),
                              "disabled": got.get("disableExecuteApiEndpoint")},
                  {"types": [spec.endpoint], "disabled": spec.disable_default})
        r.row("apigateway", spec.name, spec.region, state, spec.what)

    for domain, region, version, endpoint, policy in API_DOMAINS:
        if version == "v1":
            api = c("apigateway", region)
            have = [d for d in api.get_domain_names(limit=500)["items"]
                    if d["domainName"] == domain]
            if not have and r.apply:
                api.create_domain_name(domainName=domain, securityPolicy=policy,
                                       endpointConfiguration={"types": [endpoint]},
                                       regionalCertificateArn=f"arn:aws:acm:{region}:000000000000:"
                                       "certificate/vouch-demo-api")
                have = [d for d in api.get_domain_names(limit=500)["items"]
                        if d["domainName"] == domain]
            got = have[0].get("securityPolicy") if have else None
        else:
            api = c("apigatewayv2", region)
            have = [d for d in api.get_domain_names()["Items"] if d["DomainName"] == domain]
            if not have and r.apply:
                api.create_domain_name(DomainName=domain, DomainNameConfigurations=[{
                    "EndpointType": endpoint, "SecurityPolicy": policy,
                    "CertificateArn": f"arn:aws:acm:{region}:000000000000:certificate/vouch-demo-ws"}])
                have = [d for d in api.get_domain_names()["Items"] if d["DomainName"] == domain]
            got = have[0]["DomainNameConfigurations"][0].get("SecurityPolicy") if have else None
        if not have:
            r.missing(domain)
            continue
        r.compare(domain, {"policy": got}, {"policy": policy})
        r.row("apigateway", domain, region, "existing", f"{version} {endpoint} domain, {policy}")

    for name, region, protocol, routes in V2_APIS:
        api = c("apigatewayv2", region)
        have = [a for a in api.get_apis()["Items"] if a["Name"] == name]
        if not have:
            if not r.apply:
                r.missing(name)
                continue
            kw = {"RouteSelectionExpression": "$request.body.action"} \
                if protocol == "WEBSOCKET" else {}
            have = [api.create_api(Name=name, ProtocolType=protocol, **kw)]
        api_id = have[0]["ApiId"]
        existing = {x["RouteKey"]: x for x in api.get_routes(ApiId=api_id)["Items"]}
        for key, auth in routes:
            if key not in existing and r.apply:
                kw = {}
                if auth == "JWT":
                    kw["AuthorizerId"] = api.create_authorizer(
                        ApiId=api_id, AuthorizerType="JWT", Name="vouch-demo-jwt",
                        IdentitySource=["$request.header.Authorization"],
                        JwtConfiguration={"Audience": ["vouch-demo"],
                                          "Issuer": "https://issuer.vouch-demo.example"},
                    )["AuthorizerId"]
                existing[key] = api.create_route(ApiId=api_id, RouteKey=key,
                                                 AuthorizationType=auth, **kw)
            r.compare(f"{name} {key}", {"auth": existing.get(key, {}).get("AuthorizationType")},
                      {"auth": auth})
        r.row("apigatewayv2", name, region, "existing",
              f"{protocol}: " + ", ".join(f"{k} {a}" for k, a in routes))



# -- CIS monitoring alarm chains (LocalStack: CloudWatch Logs, CloudWatch, SNS, SQS) -------

# On the log group the multi-region trail delivers to: one complete chain (CIS 5.3, root
# usage: filter, alarm Sum >= 1 in one period, topic with a confirmed SQS subscription)
# and one broken at the last link (CIS 5.5, CloudTrail changes: the alarm notifies a topic
# nobody subscribed to). Every other 5.x recommendation has no filter, so it fails.
MONITOR_GROUP = "vouch-demo-retention-400d-use1"
MONITOR_TOPIC = "vouch-demo-alerts-use1"
MONITOR_TOPIC_EMPTY = "vouch-demo-alerts-unsubscribed-use1"
MONITOR_QUEUE = "vouch-demo-alerts-queue-use1"
MONITOR_CHAINS = [
    ("vouch-demo-filter-root-usage", "RootUsage",
     '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS '
     '&& $.eventType != "AwsServiceEvent" }', MONITOR_TOPIC,
     "CIS 5.3 pattern; alarm notifies a topic with a confirmed SQS subscription"),
    ("vouch-demo-filter-cloudtrail-changes", "CloudTrailChanges",
     '{ ($.eventName = StopLogging) || ($.eventName = DeleteTrail) || '
     '($.eventName = UpdateTrail) || ($.eventName = CreateTrail) || ($.eventName = StartLogging) }',
     MONITOR_TOPIC_EMPTY, "CIS 5.5 pattern (terms reordered); alarm notifies a topic with no subscription"),
]


def seed_monitoring(c: Clients, r: Report, account: str) -> None:
    logs, cw, sns, sqs = (c(s, USE1) for s in ("logs", "cloudwatch", "sns", "sqs"))
    topics = {}
    if r.apply:
        for name in (MONITOR_TOPIC, MONITOR_TOPIC_EMPTY):
            topics[name] = sns.create_topic(Name=name)["TopicArn"]  # idempotent
        # The alert topic is encrypted (aws-sns-topic-encrypted passes), the empty one not.
        sns.set_topic_attributes(TopicArn=topics[MONITOR_TOPIC], AttributeName="KmsMasterKeyId",
                                 AttributeValue="alias/aws/sns")
        queue = sqs.create_queue(QueueName=MONITOR_QUEUE)["QueueUrl"]
        queue_arn = sqs.get_queue_attributes(
            QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        subs = sns.list_subscriptions_by_topic(TopicArn=topics[MONITOR_TOPIC])["Subscriptions"]
        if not any(s.get("Endpoint") == queue_arn for s in subs):
            sns.subscribe(TopicArn=topics[MONITOR_TOPIC], Protocol="sqs", Endpoint=queue_arn)
        for filter_name, metric, pattern, topic, _ in MONITOR_CHAINS:
            logs.put_metric_filter(
                logGroupName=MONITOR_GROUP, filterName=filter_name, filterPattern=pattern,
                metricTransformations=[{"metricName": metric, "metricNamespace": "CISBenchmark",
                                        "metricValue": "1"}])
            cw.put_metric_alarm(
                AlarmName=f"vouch-demo-alarm-{metric}", Namespace="CISBenchmark",
                MetricName=metric, Statistic="Sum", Period=300, Threshold=1.0,
                ComparisonOperator="GreaterThanOrEqualToThreshold", EvaluationPeriods=1,
                ActionsEnabled=True, AlarmActions=[topics[topic]])
    arns = {t["TopicArn"].rsplit(":", 1)[-1]: t["TopicArn"] for t in sns.list_topics()["Topics"]}
    for name, confirmed in ((MONITOR_TOPIC, True), (MONITOR_TOPIC_EMPTY, False)):
        if name not in arns:
            r.missing(name)
            continue
        subs = sns.list_subscriptions_by_topic(TopicArn=arns[name])["Subscriptions"]
        got = any(s["SubscriptionArn"].startswith("arn:") for s in subs)
        key = sns.get_topic_attributes(TopicArn=arns[name])["Attributes"].get("KmsMasterKeyId")
        r.compare(name, {"confirmed subscription": got, "encrypted": bool(key)},
                  {"confirmed subscription": confirmed, "encrypted": confirmed})
        r.row("sns", name, USE1, "checked" if not r.apply else "put",
              "topic with a confirmed SQS subscription" if confirmed else "topic, no subscription")
    filters = {f["filterName"]: f for f in logs.describe_metric_filters(
        logGroupName=MONITOR_GROUP)["metricFilters"]}
    alarms = {a["AlarmName"]: a for a in cw.describe_alarms()["MetricAlarms"]}
    for filter_name, metric, pattern, topic, what in MONITOR_CHAINS:
        if filter_name not in filters or f"vouch-demo-alarm-{metric}" not in alarms:
            r.missing(f"{filter_name} / vouch-demo-alarm-{metric}")
            continue
        a = alarms[f"vouch-demo-alarm-{metric}"]
        r.compare(filter_name, {"pattern": filters[filter_name]["filterPattern"],
                                "actions": a["AlarmActions"]},
                  {"pattern": pattern, "actions": [arns.get(topic)]})
        r.row("logs", filter_name, USE1, "checked" if not r.apply else "put", what)



# -- API secrets in plain configuration (LocalStack: Lambda, SSM; moto: ECS) --------------

# Values are demo placeholders, never real secrets; vouch records only names and kinds.
# Lambda: one function with a literal API token (fails), one whose secret variables are
# ARNs (passes). SSM: a SecureString secret and a plain setting (pass), a String secret
# (fails). ECS: a task definition with a literal password (fails), one taking it from
# `secrets` (passes).
SECRET_FUNCTIONS = [
    ("vouch-demo-fn-plain-secret-use1", {"API_TOKEN": "demo-not-a-real-token", "LOG_LEVEL": "info"},
     "API_TOKEN holds a literal value"),
    ("vouch-demo-fn-secret-ref-use1",
     {"API_TOKEN": "arn:aws:secretsmanager:us-east-1:000000000000:secret:vouch-demo-secret-rotated-cmk-use1",
      "DB_PASSWORD_SECRET_NAME": "vouch-demo-secret-rotated-cmk-use1"},
     "secret variables name Secrets Manager (ARN, name)"),
]
SECRET_PARAMETERS = [
    ("/vouch-demo/use1/api-token", "SecureString", "secret name, SecureString"),
    ("/vouch-demo/use1/log-level", "String", "plain setting, String"),
    ("/vouch-demo/use1/db-password", "String", "secret name, String (plain text)"),
]
SECRET_TASKS = [
    ("vouch-demo-task-plain-secret-use1",
     {"environment": [{"name": "DB_PASSWORD", "value": "demo-not-a-real-password"}]},
     "DB_PASSWORD in environment, literal"),
    ("vouch-demo-task-secret-ref-use1",
     {"environment": [{"name": "LOG_LEVEL", "value": "info"}],
      "secrets": [{"name": "DB_PASSWORD", "valueFrom":
                   "arn:aws:secretsmanager:us-east-1:000000000000:secret:vouch-demo-secret-rotated-cmk-use1"}]},
     "DB_PASSWORD from secrets (Secrets Manager)"),
]


def seed_plain_secrets(c: Clients, r: Report, account: str) -> None:
    lam, ssm, ecs = c("lambda", USE1), c("ssm", USE1), c("ecs", USE1)
    for name, env, what in SECRET_FUNCTIONS:
        state = "existing"
        try:
            current = lam.get_function(FunctionName=name)["Configuration"]
            # Only what differs is put again: LocalStack without Docker keeps the function
            # in state Failed and answers UpdateFunctionConfiguration with InternalError.
            if r.apply and current.get("Environment", {}).get("Variables", {}) != env:
                lam.update_function_configuration(FunctionName=name, Environment={"Variables": env})
        except ClientError as e:
            if err_code(e) != "ResourceNotFoundException":
                raise
            if not r.apply:
                r.missing(name)
                continue
            lam.create_function(
                FunctionName=name, Runtime="python3.11", Handler="index.handler",
                Role=f"arn:aws:iam::{account}:role/vouch-demo-role-secret-rotator",
                Code={"ZipFile": rotator_zip()}, Description="vouch demo: environment secrets",
                Environment={"Variables": env})
            state = "created"
        got = lam.get_function_configuration(FunctionName=name).get("Environment", {})
        r.compare(name, {"variables": sorted(got.get("Variables", {}))}, {"variables": sorted(env)})
        r.row("lambda", name, USE1, state, what)
    for name, kind, what in SECRET_PARAMETERS:
        if r.apply:
            ssm.put_parameter(Name=name, Type=kind, Value="demo-placeholder", Overwrite=True)
        found = ssm.describe_parameters(
            ParameterFilters=[{"Key": "Name", "Values": [name]}])["Parameters"]
        if not found:
            r.missing(name)
            continue
        r.compare(name, {"type": found[0]["Type"]}, {"type": kind})
        r.row("ssm", name, USE1, "put" if r.apply else "checked", what)
    for family, container, what in SECRET_TASKS:
        arns = ecs.list_task_definitions(familyPrefix=family, status="ACTIVE")["taskDefinitionArns"]
        if r.apply and not arns:
            ecs.register_task_definition(family=family, containerDefinitions=[
                {"name": "app", "image": "public.ecr.aws/docker/library/busybox:latest",
                 "memory": 128, **container}])
            arns = ecs.list_task_definitions(familyPrefix=family, status="ACTIVE")["taskDefinitionArns"]
        if not arns:
            r.missing(family)
            continue
        r.row("ecs", family, USE1, "checked", what)



# -- SQS (LocalStack): one queue encrypted and private, one neither --------------------
SQS_GOOD = "vouch-demo-queue-good-use1"
SQS_BAD = "vouch-demo-queue-bad-use1"


def sqs_public_policy(account: str) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": [{
        "Sid": "AnyoneMaySend", "Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage",
        "Resource": f"arn:aws:sqs:{USE1}:{account}:{SQS_BAD}"}]})


def seed_sqs(c: Clients, r: Report, account: str) -> None:
    sqs = c("sqs", USE1)
    want = {SQS_GOOD: {"SqsManagedSseEnabled": "true"},
            SQS_BAD: {"SqsManagedSseEnabled": "false", "Policy": sqs_public_policy(account)}}
    for name, attrs in want.items():
        if r.apply:
            url = sqs.create_queue(QueueName=name)["QueueUrl"]  # idempotent
            sqs.set_queue_attributes(QueueUrl=url, Attributes=attrs)
        try:
            url = sqs.get_queue_url(QueueName=name)["QueueUrl"]
        except ClientError:
            r.missing(name)
            continue
        got = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
        r.compare(name, {"sse": got.get("SqsManagedSseEnabled"), "public": "Policy" in got},
                  {"sse": attrs["SqsManagedSseEnabled"], "public": "Policy" in attrs})
        r.row("sqs", name, USE1, "put", "SSE-SQS on, no policy" if name == SQS_GOOD
              else "SSE-SQS off, policy open to everyone")

ECR_GOOD = "vouch-demo-repo-good-use1"
ECR_BAD = "vouch-demo-repo-bad-use1"


def ecr_public_policy() -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": [{
        "Sid": "AnyoneMayPull", "Effect": "Allow", "Principal": "*",
        "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]}]})


def seed_ecr(c: Clients, r: Report) -> None:
    """One repository with immutable tags, a KMS key, no policy and a registry scanning
    rule that scans it on push; one with mutable tags, S3-managed keys, a policy open
    to everyone and manual scans only."""
    ecr = c("ecr", USE1)
    # The rule names the good repository exactly, so repositories the tests create
    # keep the default (manual) scans.
    scan_rules = [{"scanFrequency": "SCAN_ON_PUSH",
                   "repositoryFilters": [{"filter": ECR_GOOD, "filterType": "WILDCARD"}]}]
    if r.apply:
        ecr.put_registry_scanning_configuration(scanType="BASIC", rules=scan_rules)
    want = {ECR_GOOD: ("IMMUTABLE", {"encryptionType": "KMS"}, None),
            ECR_BAD: ("MUTABLE", {"encryptionType": "AES256"}, ecr_public_policy())}
    for name, (mutability, encryption, policy) in want.items():
        if r.apply:
            try:
                ecr.create_repository(repositoryName=name, imageTagMutability=mutability,
                                      encryptionConfiguration=encryption)
            except ClientError as e:
                if err_code(e) != "RepositoryAlreadyExistsException":
                    raise
            if policy:
                ecr.set_repository_policy(repositoryName=name, policyText=policy)
        try:
            got = ecr.describe_repositories(repositoryNames=[name])["repositories"][0]
        except ClientError:
            r.missing(name)
            continue
        scanning = ecr.batch_get_repository_scanning_configuration(repositoryNames=[name])
        frequency = next((s.get("scanFrequency") for s in scanning["scanningConfigurations"]), None)
        r.compare(name, {"mutability": got.get("imageTagMutability"),
                         "encryption": got.get("encryptionConfiguration", {}).get("encryptionType"),
                         "scan": frequency},
                  {"mutability": mutability, "encryption": encryption["encryptionType"],
                   "scan": "SCAN_ON_PUSH" if name == ECR_GOOD else "MANUAL"})
        r.row("ecr", name, USE1, "created", "immutable tags, KMS, no policy, scanned on push"
              if name == ECR_GOOD else "mutable tags, AES256, policy open to everyone, manual scans")


KINESIS_GOOD = "vouch-demo-stream-good-use1"
KINESIS_BAD = "vouch-demo-stream-bad-use1"


def seed_kinesis(c: Clients, r: Report) -> None:
    """One stream encrypted with the AWS managed key that keeps records seven days; one
    unencrypted that keeps them the default day."""
    kinesis = c("kinesis", USE1)
    want = {KINESIS_GOOD: ("KMS", 168), KINESIS_BAD: ("NONE", 24)}
    for name, (encryption, hours) in want.items():
        if r.apply:
            try:
                kinesis.create_stream(StreamName=name, ShardCount=1)
            except ClientError as e:
                if err_code(e) != "ResourceInUseException":
                    raise
            got = kinesis.describe_stream_summary(StreamName=name)["StreamDescriptionSummary"]
            if encryption == "KMS" and got.get("EncryptionType") != "KMS":
                kinesis.start_stream_encryption(StreamName=name, EncryptionType="KMS",
                                                KeyId="alias/aws/kinesis")
            if got.get("RetentionPeriodHours", 24) < hours:
                kinesis.increase_stream_retention_period(StreamName=name,
                                                         RetentionPeriodHours=hours)
        try:
            got = kinesis.describe_stream_summary(StreamName=name)["StreamDescriptionSummary"]
        except ClientError:
            r.missing(name)
            continue
        r.compare(name, {"encryption": got.get("EncryptionType"),
                         "retention": got.get("RetentionPeriodHours")},
                  {"encryption": encryption, "retention": hours})
        r.row("kinesis", name, USE1, "created", "KMS (alias/aws/kinesis), 168 hours"
              if name == KINESIS_GOOD else "unencrypted, 24 hours")


# Imported certificates beside CERT_DOMAIN (requested, RSA_2048, a year; the good side).
ACM_EXPIRING = "expiring.vouch.example"
ACM_WEAK_KEY = "weak-key.vouch.example"


def seed_acm(c: Clients, r: Report) -> None:
    """Two imported certificates: one with a strong key that expires in ten days, one
    with an RSA 1024-bit key valid for a year. The requested demo.vouch.example
    certificate (seed_elbv2) is the passing side of both checks."""
    acm = c("acm", USE1)
    want = {ACM_EXPIRING: (2048, 10), ACM_WEAK_KEY: (1024, 365)}
    for domain, (bits, days) in want.items():
        listed = {x["DomainName"]: x["CertificateArn"] for x in acm.list_certificates(
            Includes={"keyTypes": ["RSA_1024", "RSA_2048"]})["CertificateSummaryList"]}
        if domain not in listed and r.apply:
            cert, key, _ = self_signed(domain, days, bits)
            listed[domain] = acm.import_certificate(Certificate=cert,
                                                    PrivateKey=key)["CertificateArn"]
        if domain not in listed:
            r.missing(domain)
            continue
        got = acm.describe_certificate(CertificateArn=listed[domain])["Certificate"]
        r.compare(domain, {"key": got.get("KeyAlgorithm")}, {"key": f"RSA_{bits}"})
        r.row("acm", domain, USE1, "imported", f"RSA {bits}-bit key, valid {days} days")


LT_GOOD = "vouch-demo-lt-good-use1"
LT_BAD = "vouch-demo-lt-bad-use1"


def seed_launch_templates(c: Clients, r: Report) -> None:
    """One launch template requiring IMDSv2 without a public address; one with
    optional tokens whose network interface asks for a public IPv4 address."""
    ec2 = c("ec2", USE1)
    want = {
        LT_GOOD: {"MetadataOptions": {"HttpTokens": "required", "HttpEndpoint": "enabled"},
                  "NetworkInterfaces": [{"DeviceIndex": 0, "AssociatePublicIpAddress": False}]},
        LT_BAD: {"MetadataOptions": {"HttpTokens": "optional", "HttpEndpoint": "enabled"},
                 "NetworkInterfaces": [{"DeviceIndex": 0, "AssociatePublicIpAddress": True}]},
    }
    for name, data in want.items():
        if r.apply:
            try:
                ec2.create_launch_template(LaunchTemplateName=name, LaunchTemplateData=data)
            except ClientError as e:
                if err_code(e) != "InvalidLaunchTemplateName.AlreadyExistsException":
                    raise
        try:
            got = ec2.describe_launch_template_versions(
                LaunchTemplateName=name, Versions=["$Default"])["LaunchTemplateVersions"][0]
        except (ClientError, IndexError):
            r.missing(name)
            continue
        d = got.get("LaunchTemplateData", {})
        r.compare(name, {"tokens": d.get("MetadataOptions", {}).get("HttpTokens"),
                         "public": d.get("NetworkInterfaces", [{}])[0].get("AssociatePublicIpAddress")},
                  {"tokens": data["MetadataOptions"]["HttpTokens"],
                   "public": data["NetworkInterfaces"][0]["AssociatePublicIpAddress"]})
        r.row("ec2", name, USE1, "created", "IMDSv2 required, no public IP" if name == LT_GOOD
              else "IMDSv1 allowed, public IP")


EKS_GOOD = "vouch-demo-eks-good-use1"
EKS_BAD = "vouch-demo-eks-bad-use1"
EKS_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"]


def seed_eks(c: Clients, r: Report, account: str) -> None:
    """One cluster with a private endpoint, secrets encrypted with a KMS key and every
    control-plane log; one with a public endpoint open to 0.0.0.0/0, no secrets
    encryption and only the audit log."""
    eks = c("eks", USE1)
    role = f"arn:aws:iam::{account}:role/vouch-demo-eks"
    key = f"arn:aws:kms:{USE1}:{account}:key/00000000-0000-0000-0000-0000000000e1"
    want = {
        EKS_GOOD: dict(
            resourcesVpcConfig={"subnetIds": ["subnet-0e1a", "subnet-0e1b"],
                                "endpointPublicAccess": False, "endpointPrivateAccess": True,
                                "publicAccessCidrs": []},
            encryptionConfig=[{"resources": ["secrets"], "provider": {"keyArn": key}}],
            logging={"clusterLogging": [{"types": EKS_LOG_TYPES, "enabled": True}]}),
        EKS_BAD: dict(
            resourcesVpcConfig={"subnetIds": ["subnet-0e1a", "subnet-0e1b"],
                                "endpointPublicAccess": True, "endpointPrivateAccess": False,
                                "publicAccessCidrs": ["0.0.0.0/0"]},
            logging={"clusterLogging": [{"types": ["audit"], "enabled": True}]}),
    }
    for name, spec in want.items():
        if r.apply:
            try:
                eks.create_cluster(name=name, roleArn=role, **spec)
            except ClientError as e:
                if err_code(e) != "ResourceInUseException":
                    raise
        try:
            got = eks.describe_cluster(name=name)["cluster"]
        except ClientError:
            r.missing(name)
            continue
        r.compare(name, {"public": got.get("resourcesVpcConfig", {}).get("endpointPublicAccess"),
                         "secrets": bool(got.get("encryptionConfig"))},
                  {"public": spec["resourcesVpcConfig"]["endpointPublicAccess"],
                   "secrets": "encryptionConfig" in spec})
        r.row("eks", name, USE1, "created", "private endpoint, secrets encrypted, all logs"
              if name == EKS_GOOD else "public to 0.0.0.0/0, secrets not encrypted, audit log only")


SCP_NAME = "vouch-demo-deny-other-regions"
# AWS's example SCP (orgs_manage_policies_scps_examples_general.html, "Deny access to AWS
# based on the requested AWS Region"), trimmed to the seeded regions.
SCP_REGION_DENY = {
    "Version": "2012-10-17",
    "Statement": [{
        "Sid": "DenyAllOutsideSeededRegions",
        "Effect": "Deny",
        "NotAction": ["cloudfront:*", "iam:*", "organizations:*", "route53:*", "sts:*",
                      "support:*"],
        "Resource": "*",
        "Condition": {"StringNotEquals": {"aws:RequestedRegion": [USE1, EUW1]}},
    }],
}


def seed_organizations(c: Clients, r: Report, account: str) -> None:
    """An organization whose management account is the demo account, SCPs enabled, and
    at its root a policy denying requests outside the seeded regions. SCPs never
    restrict the management account, so the region-deny check fails the demo account
    and names the policy; a member account's pass is in tests/emulator_gaps.rs, as
    moto here keeps one account per run (MOTO_ACCOUNT_ID)."""
    org = c("organizations", USE1)
    if r.apply:
        try:
            org.describe_organization()
        except ClientError as e:
            if err_code(e) != "AWSOrganizationsNotInUseException":
                raise
            org.create_organization(FeatureSet="ALL")
        root = org.list_roots()["Roots"][0]
        if not any(t["Type"] == "SERVICE_CONTROL_POLICY" and t["Status"] == "ENABLED"
                   for t in root.get("PolicyTypes", [])):
            org.enable_policy_type(RootId=root["Id"], PolicyType="SERVICE_CONTROL_POLICY")
        ids = [p["Id"] for p in org.list_policies(Filter="SERVICE_CONTROL_POLICY")["Policies"]
               if p["Name"] == SCP_NAME]
        if not ids:
            ids = [org.create_policy(Content=json.dumps(SCP_REGION_DENY), Name=SCP_NAME,
                                     Description="vouch demo: deny other regions",
                                     Type="SERVICE_CONTROL_POLICY")["Policy"]["PolicySummary"]["Id"]]
        attached = org.list_policies_for_target(TargetId=root["Id"],
                                                Filter="SERVICE_CONTROL_POLICY")["Policies"]
        if not any(p["Id"] == ids[0] for p in attached):
            org.attach_policy(PolicyId=ids[0], TargetId=root["Id"])
    try:
        got = org.describe_organization()["Organization"]
        root = org.list_roots()["Roots"][0]
    except ClientError:
        r.missing("organization")
        return
    attached = org.list_policies_for_target(TargetId=root["Id"],
                                            Filter="SERVICE_CONTROL_POLICY")["Policies"]
    r.compare("organization", {"management": got.get("MasterAccountId"),
                               "scp": SCP_NAME in [p["Name"] for p in attached]},
              {"management": account, "scp": True})
    r.row("organizations", SCP_NAME, "global", "created",
          "the demo account manages the organization; region deny attached at the root")


if __name__ == "__main__":
    sys.exit(main())
