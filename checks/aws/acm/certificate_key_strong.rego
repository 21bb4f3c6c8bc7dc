# METADATA
# title: ACM certificates use keys of at least 2048-bit RSA or an elliptic curve
# description: >-
#   Fails when a certificate's key is RSA with fewer bits than `min_rsa_bits` (default
#   2048; ACM can import RSA_1024 keys). Passes for larger RSA keys and for every EC
#   curve ACM supports (P-256, P-384, P-521).
# related_resources:
#   - ref: https://docs.aws.amazon.com/acm/latest/userguide/acm-certificate.html#algorithms
#     description: Key algorithms supported by ACM
#   - ref: https://csrc.nist.gov/pubs/sp/800/131/a/r2/final
#     description: NIST SP 800-131A Rev. 2 (RSA keys below 2048 bits are disallowed)
# custom:
#   id: aws-acm-certificate-key-strong
#   severity: medium
#   provider: aws
#   service: acm
#   resource_type: aws_acm_certificate
#   requires: [key_algorithm]
#   rationale: >-
#     A 1024-bit RSA key no longer protects a TLS session against a capable attacker;
#     "strong algorithms and keys" is a promise about the certificate as much as the
#     cipher suite.
#   remediation: >-
#     Issue or import a certificate with an RSA 2048-bit (or larger) or an EC key,
#     move the endpoints to it, and delete the weak one.
#   params:
#     min_rsa_bits: 2048
package vouch.aws.acm.certificate_key_strong

import rego.v1

deny contains {"id": c.id, "message": msg} if {
	some c in input.resources
	startswith(c.key_algorithm, "RSA_")
	bits := to_number(substring(c.key_algorithm, 4, -1))
	bits < input.params.min_rsa_bits
	msg := sprintf("the certificate's key is %s, fewer than %d RSA bits", [c.key_algorithm, input.params.min_rsa_bits])
}
