package vouch.aws.redshift.cluster_not_public_test

import data.vouch.aws.redshift.cluster_not_public as check
import rego.v1

run(public) := denied if {
	denied := check.deny with input as {"resources": [{"id": "c", "publicly_accessible": public}], "params": {}}
}

test_passes_when_the_cluster_is_private if {
	count(run(false)) == 0
}

test_fails_when_the_cluster_is_publicly_accessible if {
	run(true) == {{"id": "c", "message": "the cluster is publicly accessible"}}
}

test_fails_when_the_flag_is_null if {
	count(run(null)) == 1
}
