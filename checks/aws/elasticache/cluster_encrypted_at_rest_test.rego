package vouch.aws.elasticache.cluster_encrypted_at_rest_test

import data.vouch.aws.elasticache.cluster_encrypted_at_rest as check
import rego.v1

run(engine, on) := denied if {
	denied := check.deny with input as {
		"resources": [{"id": "c", "engine": engine, "at_rest_encryption_enabled": on}],
		"params": {},
	}
}

test_passes_an_encrypted_redis_cluster if {
	count(run("redis", true)) == 0
}

test_passes_memcached_which_keeps_nothing_at_rest if {
	count(run("memcached", false)) == 0
}

test_fails_an_unencrypted_redis_cluster if {
	run("redis", false) == {{"id": "c", "message": "the redis cluster is not encrypted at rest"}}
}

test_fails_an_unknown_engine_without_encryption if {
	count(run(null, true)) == 0
	count(run(null, false)) == 1
	count(run("valkey", null)) == 1
}
