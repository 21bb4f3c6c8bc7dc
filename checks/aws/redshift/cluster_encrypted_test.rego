package vouch.aws.redshift.cluster_encrypted_test

import data.vouch.aws.redshift.cluster_encrypted as check
import rego.v1

run(on) := denied if {
	denied := check.deny with input as {"resources": [{"id": "c", "encrypted": on}], "params": {}}
}

test_passes_when_the_cluster_is_encrypted if {
	count(run(true)) == 0
}

test_fails_when_the_cluster_is_not_encrypted if {
	run(false) == {{"id": "c", "message": "the cluster is not encrypted at rest"}}
}

test_fails_when_the_flag_is_null if {
	count(run(null)) == 1
}
