package vouch.aws.cloudfront.viewer_https_test

import data.vouch.aws.cloudfront.viewer_https as check
import rego.v1

run(behaviors) := denied if {
	denied := check.deny with input as {"resources": [{"id": "d", "behaviors": behaviors}], "params": {}}
}

b(path, policy) := {"path_pattern": path, "target_origin_id": "o", "viewer_protocol_policy": policy}

test_passes_when_every_behavior_redirects_or_requires_https if {
	count(run([b(null, "redirect-to-https"), b("/api/*", "https-only")])) == 0
}

test_fails_when_the_default_behavior_allows_http if {
	run([b(null, "allow-all")]) == {{"id": "d", "message": "viewers may use plain HTTP (allow-all) on the default cache behavior"}}
}

test_fails_when_another_behavior_allows_http if {
	run([b(null, "https-only"), b("/img/*", "allow-all")]) == {{"id": "d", "message": "viewers may use plain HTTP (allow-all) on the cache behavior /img/*"}}
}
