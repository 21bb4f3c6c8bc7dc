package vouch.aws.s3.bucket_acls_disabled_test

import data.vouch.aws.s3.bucket_acls_disabled as check
import rego.v1

run(o) := denied if {
	denied := check.deny with input as {"resources": [{"id": "b", "object_ownership": o}], "params": {}}
}

test_passes_when_the_bucket_owner_is_enforced if {
	count(run("BucketOwnerEnforced")) == 0
}

test_fails_when_object_writer_owns_objects if {
	run("ObjectWriter") == {{"id": "b", "message": "object ownership is ObjectWriter, so ACLs are in effect"}}
}

test_fails_without_ownership_controls if {
	count(run(null)) == 1
}
