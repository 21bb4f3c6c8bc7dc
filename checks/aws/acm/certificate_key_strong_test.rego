package vouch.aws.acm.certificate_key_strong_test

import data.vouch.aws.acm.certificate_key_strong as check
import rego.v1

run(algorithm) := denied if {
	denied := check.deny with input as {"resources": [{"id": "c", "key_algorithm": algorithm}], "params": {"min_rsa_bits": 2048}}
}

test_passes_rsa_2048_and_larger_and_ec_keys if {
	every a in ["RSA_2048", "RSA_4096", "EC_prime256v1", "EC_secp384r1"] {
		count(run(a)) == 0
	}
}

test_fails_a_1024_bit_rsa_key if {
	run("RSA_1024") == {{"id": "c", "message": "the certificate's key is RSA_1024, fewer than 2048 RSA bits"}}
}
