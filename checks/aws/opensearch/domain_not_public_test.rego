package vouch.aws.opensearch.domain_not_public_test

import data.vouch.aws.opensearch.domain_not_public as check
import rego.v1

open := {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "es:*"}]}

account := {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "es:*"}]}

by_ip := {"Statement": [{
	"Effect": "Allow", "Principal": "*", "Action": "es:ESHttpGet",
	"Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.7/32"}},
}]}

run(vpc, policy) := denied if {
	denied := check.deny with input as {"resources": [{"id": "d", "vpc_id": vpc, "access_policy": policy}], "params": {}}
}

test_fails_a_public_endpoint_open_to_everyone if {
	run(null, open) == {{"id": "d", "message": "the domain has a public endpoint and access policy statement #0 allows es:* to everyone"}}
}

test_passes_a_domain_in_a_vpc_whatever_its_policy if {
	count(run("vpc-1", open)) == 0
}

test_passes_a_public_endpoint_granted_to_one_account if {
	count(run(null, account)) == 0
}

test_passes_a_public_endpoint_pinned_to_one_address if {
	count(run(null, by_ip)) == 0
}

test_passes_a_public_endpoint_without_a_policy if {
	count(run(null, null)) == 0
}
