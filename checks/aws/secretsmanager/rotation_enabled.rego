# METADATA
# title: Secrets Manager secrets rotate automatically
# description: >-
#   Fails when automatic rotation is off for the secret, or when it rotates less
#   often than every `max_rotation_days` days. Passes when rotation is on and its
#   interval is within the limit, or is set by a schedule expression (rotation_days is
#   then null and the interval is not judged).
# related_resources:
#   - ref: https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html
#     description: Rotate AWS Secrets Manager secrets
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/secretsmanager-controls.html#secretsmanager-1
#     description: Security Hub SecretsManager.1 (secrets should have automatic rotation enabled)
# custom:
#   id: aws-secretsmanager-rotation-enabled
#   severity: medium
#   provider: aws
#   service: secretsmanager
#   resource_type: aws_secretsmanager_secret
#   requires: [rotation_enabled, rotation_days]
#   rationale: >-
#     A secret that never changes stays valid for whoever copied it from a log, a
#     laptop or a former employee's notes; rotation bounds how long a leak is useful,
#     as credential management policies usually promise.
#   remediation: >-
#     aws secretsmanager rotate-secret --secret-id SECRET --rotation-lambda-arn
#     LAMBDA-ARN --rotation-rules AutomaticallyAfterDays=30 (or use managed rotation
#     for RDS, Redshift and DocumentDB credentials).
#   params:
#     max_rotation_days: 90
package vouch.aws.secretsmanager.rotation_enabled

import rego.v1

deny contains {"id": s.id, "message": "automatic rotation is off"} if {
	some s in input.resources
	s.rotation_enabled != true
}

deny contains {"id": s.id, "message": msg} if {
	some s in input.resources
	s.rotation_enabled == true
	is_number(s.rotation_days)
	s.rotation_days > input.params.max_rotation_days
	msg := sprintf("the secret rotates every %d days, more than %d", [s.rotation_days, input.params.max_rotation_days])
}
