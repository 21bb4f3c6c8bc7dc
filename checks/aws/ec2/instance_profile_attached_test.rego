package vouch.aws.ec2.instance_profile_attached_test

import data.vouch.aws.ec2.instance_profile_attached as check
import rego.v1

run(profile) := denied if {
	denied := check.deny with input as {"resources": [{"id": "i-1", "iam_instance_profile": profile}], "params": {}}
}

test_passes_when_a_profile_is_attached if {
	count(run("arn:aws:iam::111122223333:instance-profile/app")) == 0
}

test_fails_when_no_profile_is_attached if {
	run(null) == {{"id": "i-1", "message": "no IAM instance profile is attached to the instance"}}
}
