package vouch.aws.iam.server_certificate_not_expired_test

import data.vouch.aws.iam.server_certificate_not_expired as check
import rego.v1

run(expiration) := denied if {
	denied := check.deny with input as {"resources": [{"id": "cert", "expiration": expiration}], "params": {}}
}

in_days(d) := time.format(time.now_ns() + (d * 86400000000000))

test_passes_when_the_certificate_has_not_expired if {
	count(run(in_days(30))) == 0
}

test_fails_when_the_certificate_has_expired if {
	run("2020-01-01T00:00:00Z") == {{"id": "cert", "message": "the certificate expired on 2020-01-01T00:00:00Z"}}
}

test_fails_when_it_expired_yesterday if {
	count(run(in_days(-1))) == 1
}

test_passes_when_the_expiration_is_null if {
	count(run(null)) == 0
}
