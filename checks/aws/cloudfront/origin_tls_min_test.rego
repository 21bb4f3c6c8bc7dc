package vouch.aws.cloudfront.origin_tls_min_version_test

import data.vouch.aws.cloudfront.origin_tls_min_version as check
import rego.v1

run(protocols, minimum) := denied if {
	o := {"id": "o", "domain_name": "app.example.com", "ssl_protocols": protocols}
	denied := check.deny with input as {"resources": [{"id": "d", "origin_ssl_protocols": [o]}], "params": {"min_tls_version": minimum}}
}

test_passes_when_origins_allow_only_tls12 if {
	count(run(["TLSv1.2"], "1.2")) == 0
}

test_fails_when_an_origin_allows_tls10_or_ssl3 if {
	run(["TLSv1", "TLSv1.1", "TLSv1.2"], "1.2") == {{"id": "d", "message": "CloudFront may reach origin o (app.example.com) with TLSv1, TLSv1.1, below TLS 1.2"}}
	count(run(["SSLv3", "TLSv1.2"], "1.0")) == 1
}

test_passes_tls10_when_the_minimum_is_tls10 if {
	count(run(["TLSv1", "TLSv1.2"], "1.0")) == 0
}

test_passes_when_no_custom_origin_is_reached_over_https if {
	denied := check.deny with input as {"resources": [{"id": "d", "origin_ssl_protocols": []}], "params": {"min_tls_version": "1.2"}}
	count(denied) == 0
}
