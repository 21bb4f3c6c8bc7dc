# METADATA
# title: People sign in through one central identity solution
# description: >-
#   Passes when the account federates sign-in: an active IAM Identity Center instance
#   in one of the scanned regions, or an IAM SAML identity provider (IAM Identity
#   Center creates one named AWSSSO_..._DO_NOT_DELETE in every account it manages, so
#   member accounts of an organization instance pass on it). IAM OpenID Connect
#   providers count only with `count_oidc_providers`: they mostly federate workloads
#   (EKS service accounts, CI pipelines), not people. Fails when none of these
#   exists. Whether IAM users with passwords bypass the central solution is the
#   separate check aws-iam-user-no-console-password.
# related_resources:
#   - ref: https://docs.aws.amazon.com/singlesignon/latest/userguide/what-is.html
#     description: What is IAM Identity Center?
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers.html
#     description: Identity providers and federation into AWS
#   - ref: https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_ListInstances.html
#     description: SSO Admin ListInstances
# custom:
#   id: aws-iam-centralised-identity
#   severity: medium
#   provider: aws
#   service: iam
#   resource_type: aws_iam_account
#   requires: [saml_providers, oidc_providers, identity_center_instances]
#   rationale: >-
#     When people sign in through one identity provider, joiners, movers and leavers
#     are handled once, MFA and session rules are set in one place, and no forgotten
#     local account outlives its owner. CIS AWS Foundations Benchmark v7.0.0,
#     recommendation 2.19 (Ensure IAM users are managed centrally via identity
#     federation or AWS Organizations for multi-account environments). An instance in
#     a region the scan did not cover is not seen: scan its region.
#   remediation: >-
#     Enable IAM Identity Center (in the management account of the organization, or as
#     an account instance), connect it to the company's identity provider, and give
#     people permission sets instead of IAM users; or add the identity provider to IAM
#     (aws iam create-saml-provider) and let people assume roles through it.
#   params:
#     count_oidc_providers: false
package vouch.aws.iam.centralised_identity

import rego.v1

deny contains {"id": a.id, "message": msg} if {
	some a in input.resources
	not federated(a)
	msg := sprintf("nothing centralises sign-in: no active IAM Identity Center instance in the scanned regions and no SAML identity provider%s", [oidc_note(a)])
}

federated(a) if non_empty(a.saml_providers)

federated(a) if {
	input.params.count_oidc_providers == true
	non_empty(a.oidc_providers)
}

federated(a) if {
	is_array(a.identity_center_instances)
	some i in a.identity_center_instances
	i.status == "ACTIVE"
}

non_empty(x) if {
	is_array(x)
	count(x) > 0
}

oidc_note(a) := sprintf(" (%d OpenID Connect providers, not counted: count_oidc_providers is false)", [count(a.oidc_providers)]) if {
	not input.params.count_oidc_providers == true
	non_empty(a.oidc_providers)
} else := ""
