# METADATA
# title: ECS task definitions pass no API secret as a plain environment variable
# description: >-
#   Fails when a container of an ACTIVE task definition revision has an environment
#   variable whose name looks like a secret (`secret_markers`, unless it ends in one
#   of `not_secret_suffixes`) with a literal value. Variables set through the
#   container's `secrets` (from Secrets Manager or SSM Parameter Store) and values
#   that are ARNs pass. vouch records only the names and the kind of each value,
#   never a value; environment files in S3 are not read.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/specifying-sensitive-data.html
#     description: Passing sensitive data to a container
# custom:
#   id: aws-ecs-task-definition-no-plaintext-secrets
#   severity: high
#   provider: aws
#   service: ecs
#   resource_type: aws_ecs_task_definition
#   requires: [containers]
#   rationale: >-
#     A task definition's environment is shown in plain text to anyone who may call
#     ecs:DescribeTaskDefinition and is kept in every revision; `secrets` keeps only
#     a reference and ECS injects the value, encrypted under the store's own key, at
#     start. AWS Foundational Security Best Practices, control ECS.8 (Secrets should
#     not be passed as container environment variables).
#   remediation: >-
#     Store the value in Secrets Manager or as an SSM SecureString, give the task
#     execution role read access, move the variable from `environment` to
#     `secrets` (name and valueFrom ARN), register a new revision and deregister the
#     revisions that hold the literal.
#   params:
#     secret_markers: [SECRET, PASSWORD, PASSWD, TOKEN, API_KEY, APIKEY, PRIVATE_KEY, ACCESS_KEY, CREDENTIAL]
#     not_secret_suffixes: [_ARN, _NAME, _ID, _PATH, _PARAM, _PARAMETER, _FILE, _REF, _URL, _URI, _ENDPOINT, _TTL, _LENGTH, _HEADER, _TYPE, _EXPIRY, _EXPIRATION, _VERSION, _REGION]
package vouch.aws.ecs.task_definition_no_plaintext_secrets

import data.vouch.lib.aws_secrets
import rego.v1

deny contains {"id": t.id, "message": msg} if {
	some t in input.resources
	is_array(t.containers)
	found := [sprintf("%s: %s", [c.name, concat(", ", names)]) |
		some c in t.containers
		names := aws_secrets.plain(c.environment, input.params)
		count(names) > 0
	]
	count(found) > 0
	msg := sprintf("environment variables that look like secrets hold literal values (%s); use the container's secrets instead", [concat("; ", sort(found))])
}
