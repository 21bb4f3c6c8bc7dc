package vouch.aws.cloudfront.origin_https_test

import data.vouch.aws.cloudfront.origin_https as check
import rego.v1

run(origins, viewer) := denied if {
	denied := check.deny with input as {"resources": [{
	"id": "d",
	"origin_protocols": origins,
	"behaviors": [{"path_pattern": null, "target_origin_id": "o", "viewer_protocol_policy": viewer}],
}], "params": {}}
}

custom(policy) := {"id": "o", "domain_name": "app.example.com", "kind": "custom", "protocol_policy": policy}

s3 := {"id": "s", "domain_name": "b.s3.amazonaws.com", "kind": "s3", "protocol_policy": null}

test_passes_for_an_https_only_custom_origin if {
	count(run([custom("https-only")], "allow-all")) == 0
}

test_fails_for_an_http_only_custom_origin if {
	run([custom("http-only")], "https-only") == {{"id": "d", "message": "CloudFront reaches origin o (app.example.com) in plain HTTP (http-only)"}}
}

test_passes_for_match_viewer_and_s3_when_viewers_use_https_only if {
	count(run([custom("match-viewer"), s3], "redirect-to-https")) == 0
}

test_fails_for_match_viewer_and_s3_when_a_behavior_allows_http if {
	count(run([custom("match-viewer"), s3], "allow-all")) == 2
}
