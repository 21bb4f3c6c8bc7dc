# METADATA
# title: The root user signs in with a hardware MFA device
# description: >-
#   Passes when the root user has MFA and its device is not a virtual (authenticator
#   app) device, that is a hardware TOTP token or a FIDO security key or passkey.
#   Also passes when the root user has no password (AccountPasswordPresent 0, as after
#   centralized root access removes the root credentials): there is no sign-in to
#   protect. Fails when the root user has a password and no MFA, or when its MFA
#   device is a virtual one.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-fido-mfa-for-root.html
#     description: Enable a passkey or security key for the root user
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-hw-mfa-for-root.html
#     description: Enable a hardware TOTP token for the root user
# custom:
#   id: aws-iam-root-hardware-mfa
#   severity: high
#   provider: aws
#   service: iam
#   resource_type: aws_iam_account
#   requires: [summary, root_password_present, root_virtual_mfa]
#   rationale: >-
#     A virtual MFA device lives on a phone that is also used for other things and can
#     be cloned, backed up or lost with its owner; a dedicated hardware device for the
#     most powerful identity in the account is harder to copy and can be kept in a
#     safe. CIS AWS Foundations Benchmark v7.0.0, recommendation 2.6 (Ensure hardware
#     MFA is enabled for the 'root' user account).
#   remediation: >-
#     Sign in as the root user, open Security credentials, register a FIDO security key
#     or hardware TOTP token under Assign MFA device, then remove the virtual device.
package vouch.aws.iam.root_hardware_mfa

import rego.v1

# A root user without a password has no sign-in for a device to protect.
signs_in(a) if not a.root_password_present == false

deny contains {"id": a.id, "message": "the root user has no MFA device"} if {
	some a in input.resources
	signs_in(a)
	not a.summary.account_mfa_enabled == true
}

deny contains {"id": a.id, "message": "the root user's MFA device is a virtual (authenticator app) device, not a hardware one"} if {
	some a in input.resources
	signs_in(a)
	a.summary.account_mfa_enabled == true
	a.root_virtual_mfa == true
}

deny contains {"id": a.id, "message": "whether the root user's MFA device is virtual was not reported"} if {
	some a in input.resources
	signs_in(a)
	a.summary.account_mfa_enabled == true
	not is_boolean(a.root_virtual_mfa)
}
