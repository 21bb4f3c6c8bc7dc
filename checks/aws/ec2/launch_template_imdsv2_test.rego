package vouch.aws.ec2.launch_template_imdsv2_test

import data.vouch.aws.ec2.launch_template_imdsv2 as check
import rego.v1

version(n, is_default, is_latest, tokens, endpoint) := {
	"version": n, "is_default": is_default, "is_latest": is_latest,
	"http_tokens": tokens, "http_endpoint": endpoint, "associate_public_ip": null,
}

run(versions) := denied if {
	denied := check.deny with input as {"resources": [{"id": "lt", "versions": versions}], "params": {}}
}

test_passes_when_every_version_requires_tokens_or_disables_the_endpoint if {
	count(run([version(1, true, false, "required", "enabled"), version(2, false, true, null, "disabled")])) == 0
}

test_fails_an_unset_or_optional_version if {
	run([version(1, true, false, "required", null), version(2, false, true, null, null)]) == {{
		"id": "lt",
		"message": "version 2 (latest) does not require IMDSv2 (HttpTokens optional or unset): instances launched from it answer IMDSv1",
	}}
	run([version(3, true, true, "optional", "enabled")]) == {{
		"id": "lt",
		"message": "version 3 (default and latest) does not require IMDSv2 (HttpTokens optional or unset): instances launched from it answer IMDSv1",
	}}
}
