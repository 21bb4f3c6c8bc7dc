package vouch.aws.ec2.ami_not_public_test

import data.vouch.aws.ec2.ami_not_public as check
import rego.v1

run(public) := denied if {
	denied := check.deny with input as {"resources": [{"id": "ami-1", "public": public}], "params": {}}
}

test_passes_when_the_image_is_private if {
	count(run(false)) == 0
}

test_fails_when_the_image_is_public if {
	run(true) == {{"id": "ami-1", "message": "the image is public: any AWS account can launch it and read its disks"}}
}

# An unreadable flag never reaches the check (vouch reports `error`); a null one that
# did is not read as public.
test_does_not_fail_an_unreadable_flag if {
	count(run(null)) == 0
}
