package vouch.aws.rds.instance_not_public_test

import data.vouch.aws.rds.instance_not_public as check
import rego.v1

run(public) := denied if {
	denied := check.deny with input as {"resources": [{"id": "db", "publicly_accessible": public}], "params": {}}
}

test_passes_when_the_instance_is_private if {
	count(run(false)) == 0
}

test_fails_when_the_instance_is_publicly_accessible if {
	run(true) == {{"id": "db", "message": "the instance is publicly accessible"}}
}
