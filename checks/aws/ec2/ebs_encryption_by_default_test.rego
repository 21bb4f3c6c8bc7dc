package vouch.aws.ec2.ebs_encryption_by_default_test

import data.vouch.aws.ec2.ebs_encryption_by_default as check
import rego.v1

run(on) := denied if {
	denied := check.deny with input as {"resources": [{"id": "settings", "region": "eu-west-1", "ebs_encryption_by_default": on}], "params": {}}
}

test_passes_when_encryption_by_default_is_on if {
	count(run(true)) == 0
}

test_fails_when_encryption_by_default_is_off if {
	run(false) == {{"id": "settings", "message": "EBS encryption by default is off in this region"}}
}
