package vouch.aws.ecr.repository_tags_immutable_test

import data.vouch.aws.ecr.repository_tags_immutable as check
import rego.v1

run(mutability, allow) := denied if {
	denied := check.deny with input as {"resources": [{"id": "r", "image_tag_mutability": mutability}], "params": {"allow_exclusions": allow}}
}

test_passes_when_immutable if {
	count(run("IMMUTABLE", false)) == 0
}

test_fails_when_mutable if {
	run("MUTABLE", false) == {{"id": "r", "message": "image tag mutability is MUTABLE: a push can move a tag to another image"}}
}

test_exclusions_pass_only_when_allowed if {
	count(run("IMMUTABLE_WITH_EXCLUSION", false)) == 1
	count(run("IMMUTABLE_WITH_EXCLUSION", true)) == 0
	count(run("MUTABLE_WITH_EXCLUSION", true)) == 1
}
