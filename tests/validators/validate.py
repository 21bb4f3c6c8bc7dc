"""Validates vouch's output files with consumers' own models, not vouch's expectations.

usage: validate.py ocsf FILE | asff FILE | junit FILE | csv FILE | oscal FILE | oscal-catalog FILE
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


def oscal_schema_problems(doc, schema_file):
    """Problems NIST's published JSON schema (vendored, see oscal/README.md) finds."""
    import os

    import jsonschema
    import regex

    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "oscal", schema_file)) as f:
        schema = json.load(f)

    # OSCAL's patterns use \p{L} and \p{N}, which Python's re lacks: match them with
    # the regex module, as NIST's schemas mean.
    def pattern(validator, patrn, instance, schema):
        if validator.is_type(instance, "string") and not regex.search(patrn, instance):
            yield jsonschema.ValidationError(f"{instance!r} does not match {patrn!r}")

    Validator = jsonschema.validators.extend(jsonschema.Draft7Validator, {"pattern": pattern})
    validator = Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    return [f"{'/'.join(str(p) for p in e.absolute_path)}: {e.message[:300]}" for e in validator.iter_errors(doc)]


def load_oscal(path, schema_file, root, model):
    """The document at `path` checked against NIST's schema, then parsed by trestle's
    `model` of its `root` element; exits with the problems otherwise."""
    with open(path) as f:
        doc = json.load(f)
    problems = oscal_schema_problems(doc, schema_file)
    if problems:
        fail(problems)
    try:
        return model.model_validate(doc[root])
    except Exception as e:  # pydantic.ValidationError
        fail([str(e)[:2000]])


def oscal(path):
    """OSCAL 1.2.1 assessment results: NIST's schema, then compliance-trestle's models of
    the same release; prints each clause's status and objective as the document states
    them, for the test to compare with the JSON report's."""
    from trestle.oscal.assessment_results import AssessmentResults

    ar = load_oscal(path, "oscal_assessment-results_schema.json", "assessment-results", AssessmentResults)
    result = ar.results[0]
    observations = {o.uuid for o in result.observations or []}
    clauses, states, targets = {}, {}, {}
    for f in result.findings or []:
        for ref in f.related_observations or []:
            if ref.observation_uuid not in observations:
                fail([f"finding {f.title} names observation {ref.observation_uuid}, which is not in the result"])
        props = {p.name: p.value for p in f.props or []}
        clauses[f.title] = props.get("clause-status")
        state = f.target.status.state
        states[f.title] = getattr(state, "value", str(state))
        targets[f.title] = f.target.target_id
    print(json.dumps({"observations": len(observations), "risks": len(result.risks or []),
                      "clauses": clauses, "states": states, "targets": targets}))


def oscal_catalog(path):
    """An OSCAL 1.2.1 catalog: NIST's schema, then trestle's model; prints the control
    ids by group."""
    from trestle.oscal.catalog import Catalog

    catalog = load_oscal(path, "oscal_catalog_schema.json", "catalog", Catalog)
    controls = [c.id for g in catalog.groups or [] for c in g.controls or []]
    if len(set(controls)) != len(controls):
        fail(["control ids repeat"])
    print(json.dumps({"groups": len(catalog.groups or []), "controls": controls}))


if __name__ == "__main__":
    kind, path = sys.argv[1], sys.argv[2]
    {"ocsf": ocsf, "asff": asff, "junit": junit, "csv": csv_file, "oscal": oscal,
     "oscal-catalog": oscal_catalog}[kind](path)
