# METADATA
# title: Every user must use multifactor authentication to manage Azure
# description: >-
#   Passes when security defaults are enabled (they require MFA for Azure management).
#   Otherwise it needs a Conditional Access policy that is enabled (not report-only),
#   requires MFA (the "mfa" grant control or an authentication strength, with no
#   alternative control under OR), includes all users without excluding any directory
#   role, and applies to all cloud apps or to Windows Azure Service Management API
#   (797f4846-ba00-4fd7-ba43-dac1f8f63013: the Azure portal, CLI, PowerShell and every
#   Resource Manager client) without excluding it. Fails when there is none, naming the
#   matching policies that are report-only or off. A policy counts only when nothing
#   narrows it: no risk levels, locations, platforms, client app types other than all,
#   device filter, authentication flows, user actions or authentication contexts,
#   excluded guests, and no excluded users or groups except the emergency access
#   accounts listed in `allowed_exclusions` (object ids). Narrowed policies are named
#   in the message. A condition vouch cannot interpret in an enabled MFA policy makes
#   the result `error`.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/entra/identity/conditional-access/howto-conditional-access-policy-azure-management
#     description: Require MFA for Azure management with Conditional Access
#   - ref: https://learn.microsoft.com/en-us/entra/fundamentals/security-defaults
#     description: Security defaults in Microsoft Entra ID
# custom:
#   id: azure-entra-mfa-azure-management
#   severity: high
#   provider: azure
#   service: entra
#   resource_type: azure_entra_tenant
#   requires: [security_defaults_enabled, conditional_access_policies]
#   rationale: >-
#     Anyone who signs in to the Azure portal or CLI can act on the resources their RBAC
#     roles allow, often far more than a directory role suggests: owners and
#     contributors of subscriptions rarely hold an Entra admin role. Requiring MFA for
#     Azure management protects every such account from a stolen password. Azure now
#     enforces MFA for these sign-ins itself in stages; the policy makes it the
#     tenant's own, auditable rule. CIS Microsoft Azure Foundations Benchmark v4.0.0,
#     recommendation 6.2.6 ("Ensure that multifactor authentication is required for
#     Windows Azure Service Management API").
#   remediation: >-
#     In the Entra admin center, Protection > Conditional Access, create a policy
#     including all users (excluding only emergency access accounts, whose object ids
#     go in allowed_exclusions), target resource
#     Windows Azure Service Management API, grant control "Require multifactor
#     authentication", and set it On (or az rest --method post --url
#     https://graph.microsoft.com/v1.0/identity/conditionalAccess/policies --body
#     @policy.json); or, without Conditional Access, turn on security defaults.
#   params:
#     allowed_exclusions: []
package vouch.azure.entra.mfa_azure_management

import data.vouch.lib.azure_entra
import rego.v1

applies_to_azure_management(p) if {
	azure_entra.requires_mfa(p)
	"all" in azure_entra.lowered(p.include_users)
	count(azure_entra.lowered(p.exclude_roles)) == 0
	some app in ["all", azure_entra.azure_management_app]
	app in azure_entra.lowered(p.include_applications)
	not azure_entra.azure_management_app in azure_entra.lowered(p.exclude_applications)
}

covered(t) if {
	some p in azure_entra.policies(t)
	azure_entra.enabled(p)
	applies_to_azure_management(p)
	azure_entra.unnarrowed(p, input.params)
}

deny contains {"id": t.id, "message": msg} if {
	some t in input.resources
	t.security_defaults_enabled != true
	not covered(t)
	dormant := [p |
		some p in azure_entra.policies(t)
		applies_to_azure_management(p)
		azure_entra.unnarrowed(p, input.params)
	]
	narrowed := [p |
		some p in azure_entra.policies(t)
		azure_entra.enabled(p)
		applies_to_azure_management(p)
	]
	msg := concat("", [
		"security defaults are off and no enabled Conditional Access policy requires MFA of all users for Azure management (Windows Azure Service Management API)",
		dormant_note(azure_entra.not_enforced_labels(dormant)),
		azure_entra.narrowed_note(azure_entra.narrowed_labels(narrowed, input.params)),
	])
}

dormant_note(labels) := "" if count(labels) == 0

dormant_note(labels) := sprintf(" (not enforced: %s)", [concat(", ", labels)]) if count(labels) > 0
