"""Validates vouch's output files with consumers' own models, not vouch's expectations.

usage: validate.py ocsf FILE | asff FILE | junit FILE | csv FILE
Exits 0 when every record is valid, 1 with the first problems printed otherwise.
"""
import csv
import json
import sys


def fail(problems):
    for p in problems[:20]:
        print(p)
    sys.exit(1)


def ocsf(path):
    from py_ocsf_models.events.findings.compliance_finding import ComplianceFinding
    from py_ocsf_models.events.findings.detection_finding import DetectionFinding

    classes = {2004: DetectionFinding, 2003: ComplianceFinding}
    problems, counts = [], {2003: 0, 2004: 0}
    with open(path) as f:
        for n, line in enumerate(f, 1):
            event = json.loads(line)
            model = classes.get(event.get("class_uid"))
            if model is None:
                problems.append(f"line {n}: unexpected class_uid {event.get('class_uid')}")
                continue
            try:
                parsed = model.model_validate(event)
            except Exception as e:  # pydantic.ValidationError
                problems.append(f"line {n}: {e}")
                continue
            counts[event["class_uid"]] += 1
            if parsed.type_uid != event["class_uid"] * 100 + event["activity_id"]:
                problems.append(f"line {n}: type_uid is not class_uid * 100 + activity_id")
            if parsed.metadata.version != "1.5.0":
                problems.append(f"line {n}: metadata.version {parsed.metadata.version}")
            # Recommended attributes (and the cloud profile's `cloud`), checked on the
            # event as written: the models do not all declare the profile's fields.
            for attr in ["resources", "cloud", "status_id", "finding_info"]:
                if event.get(attr) is None:
                    problems.append(f"line {n}: recommended attribute {attr} missing")
    if problems:
        fail(problems)
    print(json.dumps({"detection_findings": counts[2004], "compliance_findings": counts[2003]}))


def asff(path):
    import botocore.session
    from botocore.validate import ParamValidator

    shape = (
        botocore.session.get_session()
        .get_service_model("securityhub")
        .operation_model("BatchImportFindings")
        .input_shape
    )
    with open(path) as f:
        findings = json.load(f)
    problems = []
    for i in range(0, len(findings), 100):
        report = ParamValidator().validate({"Findings": findings[i : i + 100]}, shape)
        if report.has_errors():
            problems.append(report.generate_report())
    if problems:
        fail(problems)
    print(json.dumps({"findings": len(findings)}))


def junit(path):
    from junitparser import JUnitXml

    xml = JUnitXml.fromfile(path)
    cases = sum(1 for suite in xml for _ in suite)
    if cases == 0:
        fail(["no test cases"])
    print(json.dumps({"suites": len(list(xml)), "cases": cases}))


def csv_file(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    problems = [f"row {n}: missing {k}" for n, r in enumerate(rows, 2) for k in ("check", "status", "resource_id") if not r.get(k)]
    if problems:
        fail(problems)
    print(json.dumps({"rows": len(rows)}))


if __name__ == "__main__":
    kind, path = sys.argv[1], sys.argv[2]
    {"ocsf": ocsf, "asff": asff, "junit": junit, "csv": csv_file}[kind](path)
