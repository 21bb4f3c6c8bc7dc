# METADATA
# title: Administrators must use multifactor authentication
# description: >-
#   Passes when security defaults are enabled (they require MFA of every
#   administrator). Otherwise every directory role in `admin_roles` (by role template
#   id; by default the fourteen roles of Microsoft's "Require MFA for administrators"
#   template) must be covered by a Conditional Access policy that is enabled (not
#   report-only), requires MFA (the "mfa" grant control or an authentication strength,
#   with no alternative control under OR), applies to all cloud apps, and includes all
#   users or the role without excluding the role. Fails naming the roles no such policy
#   covers, and the MFA policies that would cover them but are report-only or off.
#   A policy counts only when nothing narrows it: no sign-in, user, service principal
#   or insider risk levels, locations, platforms, client app types other than all,
#   device filter, authentication flows, user actions or authentication contexts,
#   excluded guests, and no excluded users or groups except the emergency access
#   accounts listed in `allowed_exclusions` (object ids). Narrowed policies are named
#   in the message. A condition vouch cannot interpret (newer than vouch, or not of
#   the documented type) in an enabled MFA policy makes the result `error`.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/entra/identity/conditional-access/howto-conditional-access-policy-admin-mfa
#     description: Require MFA for administrators with Conditional Access
#   - ref: https://learn.microsoft.com/en-us/entra/fundamentals/security-defaults
#     description: Security defaults in Microsoft Entra ID
#   - ref: https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/permissions-reference
#     description: Microsoft Entra built-in roles (role template ids)
# custom:
#   id: azure-entra-mfa-admins
#   severity: high
#   provider: azure
#   service: entra
#   resource_type: azure_entra_tenant
#   requires: [security_defaults_enabled, conditional_access_policies]
#   rationale: >-
#     Administrator accounts can change every identity, permission and security setting
#     of the tenant, and are the first target of phishing and password spraying. A
#     password alone does not stop an attacker who has it; MFA does for almost all such
#     attacks. Earlier CIS Microsoft Azure Foundations Benchmark versions asked for this
#     in "Ensure that multifactor authentication is enabled for all privileged users";
#     v4.0.0 asks for MFA for all users (6.1.2 with security defaults, 6.2.4 with
#     Conditional Access), which includes administrators, and for the Microsoft admin
#     portals (6.2.7).
#   remediation: >-
#     In the Entra admin center, Protection > Conditional Access, create the policy from
#     the "Require multifactor authentication for admins" template (or with az rest
#     --method post --url https://graph.microsoft.com/v1.0/identity/conditionalAccess/policies
#     --body @policy.json, including the admin roles, all cloud apps and grant control
#     mfa), exclude only emergency access accounts (and list their object ids in
#     allowed_exclusions), and switch it from report-only to On; or, in a tenant
#     without Conditional Access, turn on security defaults.
#   params:
#     admin_roles:
#       - 62e90394-69f5-4237-9190-012177145e10
#       - 9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3
#       - c4e39bd9-1100-46d3-8c65-fb160da0071f
#       - b0f54661-2d74-4c50-afa3-1ec803f12efe
#       - 158c047a-c907-4556-b7ef-446551a6b5f7
#       - b1be1c3e-b65d-4f19-8427-f6fa0d97feb9
#       - 29232cdf-9323-42fd-ade2-1d097af3e4de
#       - 729827e3-9c14-49f7-bb1b-9608f156bbb8
#       - 966707d0-3269-4727-9be2-8c3a10f19b9d
#       - 7be44c8a-adaf-4e2a-84d6-ab2649e08a13
#       - e8611ab8-c189-46e8-94e1-60213ab1f814
#       - 194ae4cb-b126-40b2-bd5b-6091b380977d
#       - f28a1f50-f6e7-4571-818b-6a12f2af6b6c
#       - fe930be7-5e62-47db-91af-98c3a49a38b1
#     allowed_exclusions: []
package vouch.azure.entra.mfa_admins

import data.vouch.lib.azure_entra
import rego.v1

covered(t, role) if {
	some p in azure_entra.policies(t)
	azure_entra.enabled(p)
	azure_entra.mfa_for_all_apps(p)
	azure_entra.applies_to_role(p, role)
	azure_entra.unnarrowed(p, input.params)
}

# MFA policies that would cover a role if they were enforced.
dormant(t, roles) := [p |
	some p in azure_entra.policies(t)
	not azure_entra.enabled(p)
	azure_entra.mfa_for_all_apps(p)
	azure_entra.unnarrowed(p, input.params)
	some role in roles
	azure_entra.applies_to_role(p, role)
]

# Enforced MFA policies that include a role but do not count: something narrows them.
narrowed(t, roles) := [p |
	some p in azure_entra.policies(t)
	azure_entra.enabled(p)
	azure_entra.mfa_for_all_apps(p)
	some role in roles
	azure_entra.applies_to_role(p, role)
]

deny contains {"id": t.id, "message": msg} if {
	some t in input.resources
	t.security_defaults_enabled != true
	uncovered := [role | some role in input.params.admin_roles; not covered(t, role)]
	count(uncovered) > 0
	labels := [azure_entra.role_label(role) | some role in uncovered]
	msg := concat("", [
		sprintf("security defaults are off and no enabled Conditional Access policy requires MFA on all cloud apps for %d of %d admin roles: %s", [count(uncovered), count(input.params.admin_roles), concat(", ", labels)]),
		dormant_note(azure_entra.not_enforced_labels(dormant(t, uncovered))),
		azure_entra.narrowed_note(azure_entra.narrowed_labels(narrowed(t, uncovered), input.params)),
	])
}

dormant_note(labels) := "" if count(labels) == 0

dormant_note(labels) := sprintf(" (not enforced: %s)", [concat(", ", labels)]) if count(labels) > 0
