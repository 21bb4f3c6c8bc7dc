package vouch.aws.s3.bucket_policy_not_public_test

import data.vouch.aws.s3.bucket_policy_not_public as check
import rego.v1

run(policy) := denied if {
	denied := check.deny with input as {"resources": [{"id": "b", "policy": policy}], "params": {}}
}

tls_deny := {"Sid": "TLS", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}

test_passes_without_a_policy if {
	count(run(null)) == 0
}

test_passes_when_the_wildcard_statement_is_a_deny if {
	count(run({"Statement": [tls_deny]})) == 0
}

test_passes_when_the_wildcard_grant_is_restricted_to_the_organisation if {
	stmt := {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-123"}}}
	count(run({"Statement": [stmt]})) == 0
}

test_passes_when_access_goes_to_a_named_account if {
	stmt := {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:GetObject"}
	count(run({"Statement": stmt})) == 0
}

test_fails_when_anyone_may_read_objects if {
	stmt := {"Sid": "Public", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}
	denied := run({"Statement": [tls_deny, stmt]})
	denied == {{"id": "b", "message": "policy statement Public allows s3:GetObject to everyone"}}
}

test_fails_with_an_aws_wildcard_in_a_principal_list if {
	stmt := {"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::1:root", "*"]}, "Action": ["s3:GetObject"]}
	count(run({"Statement": [stmt]})) == 1
}

test_fails_when_a_condition_does_not_restrict_who if {
	stmt := {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Condition": {"Bool": {"aws:SecureTransport": "true"}}}
	count(run({"Statement": [stmt]})) == 1
}

# A condition restricts only by the values it admits: the key alone is not enough.
public_with(condition) := {"Statement": [{"Sid": "Cond", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Condition": condition}]}

test_passes_when_the_wildcard_grant_is_limited_to_a_network if {
	count(run(public_with({"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "198.51.100.7"]}}))) == 0
}

test_fails_when_the_source_ip_is_the_whole_ipv4_internet if {
	count(run(public_with({"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}}))) == 1
}

test_fails_when_the_source_ip_is_the_whole_ipv6_internet if {
	count(run(public_with({"IpAddress": {"aws:SourceIp": "::/0"}}))) == 1
}

test_fails_when_one_listed_network_is_half_the_internet if {
	count(run(public_with({"IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "0.0.0.0/1"]}}))) == 1
}

test_fails_when_the_source_ip_is_every_ipv4_mapped_address if {
	count(run(public_with({"IpAddress": {"aws:SourceIp": "::ffff:0.0.0.0/96"}}))) == 1
}

test_fails_when_the_principal_arn_pattern_matches_anyone if {
	count(run(public_with({"StringLike": {"aws:PrincipalArn": "*"}}))) == 1
}

test_fails_when_the_principal_arn_pattern_matches_any_account if {
	count(run(public_with({"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/Admin"}}))) == 1
}

test_passes_when_the_principal_arn_pattern_names_one_account if {
	count(run(public_with({"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/*"}}))) == 0
}

test_fails_when_a_fixed_value_is_a_policy_variable if {
	count(run(public_with({"StringEquals": {"aws:PrincipalAccount": "${aws:SourceAccount}"}}))) == 1
}

test_fails_when_the_condition_is_negated if {
	count(run(public_with({"StringNotEquals": {"aws:PrincipalOrgID": "o-123"}}))) == 1
}

test_fails_when_the_network_condition_is_negated if {
	count(run(public_with({"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}}))) == 1
}

test_fails_when_the_condition_holds_if_the_key_is_absent if {
	count(run(public_with({"StringEqualsIfExists": {"aws:SourceVpce": "vpce-1a2b3c4d"}}))) == 1
}

test_fails_when_the_condition_only_asks_for_some_vpc_endpoint if {
	count(run(public_with({"Null": {"aws:SourceVpce": "false"}}))) == 1
}

test_fails_when_for_all_values_holds_for_an_absent_key if {
	count(run(public_with({"ForAllValues:StringEquals": {"aws:PrincipalOrgID": "o-123"}}))) == 1
}

test_fails_when_the_condition_lists_no_values if {
	count(run(public_with({"StringEquals": {"aws:SourceVpce": []}}))) == 1
}

test_passes_when_the_principal_is_in_an_organisation_path if {
	count(run(public_with({"ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": "o-abc123/r-ab12/ou-ab12-11111111/*"}}))) == 0
}

test_passes_when_the_caller_is_any_session_of_one_role if {
	count(run(public_with({"StringLike": {"aws:userid": "AROAEXAMPLEID:*"}}))) == 0
}

test_passes_when_one_condition_restricts_beside_a_negated_one if {
	count(run(public_with({"StringNotEquals": {"aws:SourceVpce": "vpce-1"}, "StringEquals": {"aws:PrincipalOrgID": "o-123"}}))) == 0
}
