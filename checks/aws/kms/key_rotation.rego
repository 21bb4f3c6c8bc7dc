# METADATA
# title: Customer-managed KMS keys rotate automatically
# description: >-
#   Fails when automatic rotation is off for an enabled customer-managed key. Passes
#   when rotation is on, when the key is not enabled (disabled, pending deletion or
#   import), and when rotation does not apply to the key (asymmetric and HMAC keys,
#   imported key material: rotation_enabled is null).
# related_resources:
#   - ref: https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html
#     description: Rotate AWS KMS keys
# custom:
#   id: aws-kms-key-rotation
#   severity: medium
#   provider: aws
#   service: kms
#   resource_type: aws_kms_key
#   requires: [rotation_enabled, key_state]
#   rationale: >-
#     Automatic rotation replaces the key material every year (or the period you set)
#     while keeping old material for decryption, which limits how much data any one
#     piece of key material protects, as key management policies usually promise.
#     CIS AWS Foundations Benchmark v7.0.0, recommendation 4.6 (Ensure rotation for
#     customer-created symmetric CMKs is enabled).
#   remediation: aws kms enable-key-rotation --key-id KEY
package vouch.aws.kms.key_rotation

import rego.v1

deny contains {"id": k.id, "message": "automatic key rotation is off"} if {
	some k in input.resources
	k.rotation_enabled == false
	k.key_state == "Enabled"
}
