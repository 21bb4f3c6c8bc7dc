package vouch.aws.ec2.snapshot_not_public_test

import data.vouch.aws.ec2.snapshot_not_public as check
import rego.v1

run(public) := denied if {
	denied := check.deny with input as {"resources": [{"id": "snap-1", "public": public}], "params": {}}
}

test_passes_when_the_snapshot_is_private if {
	count(run(false)) == 0
}

test_fails_when_the_snapshot_is_public if {
	run(true) == {{"id": "snap-1", "message": "the snapshot is public: any AWS account can create a volume from it"}}
}
