package vouch.aws.cloudfront.viewer_tls_min_version_test

import data.vouch.aws.cloudfront.viewer_tls_min_version as check
import rego.v1

run(cert, minimum) := denied if {
	denied := check.deny with input as {"resources": [{"id": "d", "viewer_certificate": cert}], "params": {"min_tls_version": minimum}}
}

acm(policy) := {"default_certificate": false, "source": "acm", "minimum_protocol_version": policy}

default_cert := {"default_certificate": true, "source": "cloudfront", "minimum_protocol_version": "TLSv1.2_2021"}

test_passes_for_a_custom_certificate_on_tls12_2021 if {
	count(run(acm("TLSv1.2_2021"), "1.2")) == 0
	count(run(acm("TLSv1.2_2018"), "1.2")) == 0
	count(run(acm("TLSv1.3_2025"), "1.2")) == 0
}

test_fails_for_a_policy_that_starts_below_tls12 if {
	run(acm("TLSv1.1_2016"), "1.2") == {{"id": "d", "message": "the viewer security policy TLSv1.1_2016 lets viewers use a protocol below TLS 1.2"}}
	count(run(acm("TLSv1_2016"), "1.2")) == 1
	count(run(acm("SSLv3"), "1.2")) == 1
}

test_fails_for_the_default_certificate_whatever_its_policy_says if {
	run(default_cert, "1.2") == {{"id": "d", "message": "served with the default CloudFront certificate, so viewers may use TLSv1 (below TLS 1.2)"}}
}

test_passes_for_the_default_certificate_when_the_minimum_is_tls10 if {
	count(run(default_cert, "1.0")) == 0
	count(run(acm("TLSv1_2016"), "1.0")) == 0
}

test_fails_for_a_policy_it_does_not_know if {
	count(run(acm("TLSv9-new"), "1.2")) == 1
}
