package vouch.aws.eks.cluster_endpoint_not_public_test

import data.vouch.aws.eks.cluster_endpoint_not_public as check
import rego.v1

run(public, cidrs) := denied if {
	denied := check.deny with input as {"resources": [{"id": "c", "endpoint_public_access": public, "public_access_cidrs": cidrs}], "params": {}}
}

test_passes_a_private_or_restricted_endpoint if {
	count(run(false, ["0.0.0.0/0"])) == 0
	count(run(true, ["203.0.113.0/24"])) == 0
}

test_fails_a_public_endpoint_open_to_all if {
	run(true, ["0.0.0.0/0"]) == {{"id": "c", "message": "the cluster's API endpoint is public and open to 0.0.0.0/0"}}
}
