# Helpers for judging Microsoft Entra ID Conditional Access policies
# (azure_entra_tenant conditional_access_policies).
# A library, not a check: files under checks/lib/ carry no METADATA and no deny rule.
package vouch.lib.azure_entra

import rego.v1

# Display names of the directory roles of Microsoft's "Require MFA for administrators"
# policy template, by role template id (the id Conditional Access policies name).
role_names := {
	"62e90394-69f5-4237-9190-012177145e10": "Global Administrator",
	"9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3": "Application Administrator",
	"c4e39bd9-1100-46d3-8c65-fb160da0071f": "Authentication Administrator",
	"b0f54661-2d74-4c50-afa3-1ec803f12efe": "Billing Administrator",
	"158c047a-c907-4556-b7ef-446551a6b5f7": "Cloud Application Administrator",
	"b1be1c3e-b65d-4f19-8427-f6fa0d97feb9": "Conditional Access Administrator",
	"29232cdf-9323-42fd-ade2-1d097af3e4de": "Exchange Administrator",
	"729827e3-9c14-49f7-bb1b-9608f156bbb8": "Helpdesk Administrator",
	"966707d0-3269-4727-9be2-8c3a10f19b9d": "Password Administrator",
	"7be44c8a-adaf-4e2a-84d6-ab2649e08a13": "Privileged Authentication Administrator",
	"e8611ab8-c189-46e8-94e1-60213ab1f814": "Privileged Role Administrator",
	"194ae4cb-b126-40b2-bd5b-6091b380977d": "Security Administrator",
	"f28a1f50-f6e7-4571-818b-6a12f2af6b6c": "SharePoint Administrator",
	"fe930be7-5e62-47db-91af-98c3a49a38b1": "User Administrator",
}

# The Windows Azure Service Management API application: the Azure portal, Azure CLI,
# Azure PowerShell and every other Azure Resource Manager client.
azure_management_app := "797f4846-ba00-4fd7-ba43-dac1f8f63013"

# A list attribute that may be null, lower-cased.
lowered(x) := {lower(v) | some v in x; is_string(v)} if is_array(x)

lowered(x) := set() if not is_array(x)

# The policy is on (not off, not report-only).
enabled(p) if p.state == "enabled"

# The policy's grant requires multifactor authentication: the "mfa" control or an
# authentication strength, and no other control the user could satisfy instead (with
# grant operator OR, "mfa" or "compliantDevice" lets a compliant device in without
# MFA).
mfa_control(p) if "mfa" in lowered(p.built_in_controls)

mfa_control(p) if is_string(p.authentication_strength)

grant_alternatives(p) := count(lowered(p.built_in_controls)) + strength_count(p)

strength_count(p) := 1 if is_string(p.authentication_strength)

strength_count(p) := 0 if not is_string(p.authentication_strength)

requires_mfa(p) if {
	mfa_control(p)
	p.grant_operator != "OR"
}

requires_mfa(p) if {
	mfa_control(p)
	grant_alternatives(p) == 1
}

# A policy that, were it enabled, would require MFA for every cloud application.
mfa_for_all_apps(p) if {
	requires_mfa(p)
	"all" in lowered(p.include_applications)
}

# The names of the policies that are not enabled, for messages: "NAME (STATE)".
not_enforced_labels(policies) := sort({sprintf("%v (%v)", [p.display_name, p.state]) |
	some p in policies
	not enabled(p)
})

# The policy applies to holders of the role: it includes all users or the role, and
# does not exclude the role.
applies_to_role(p, role) if {
	"all" in lowered(p.include_users)
	not lower(role) in lowered(p.exclude_roles)
}

applies_to_role(p, role) if {
	lower(role) in lowered(p.include_roles)
	not lower(role) in lowered(p.exclude_roles)
}

# A role's name for messages: its display name and id, or the id alone.
role_label(role) := sprintf("%s (%s)", [role_names[lower(role)], role]) if role_names[lower(role)]

role_label(role) := role if not role_names[lower(role)]

# Policies as a list, whatever the attribute holds.
policies(tenant) := tenant.conditional_access_policies if is_array(tenant.conditional_access_policies)

policies(tenant) := [] if not is_array(tenant.conditional_access_policies)

# What makes a policy apply to fewer sign-ins than "everyone it includes, always":
# risk levels, locations, platforms, client app types, device filters, authentication
# flows, excluded guests (the collector's `narrowed_by`), and excluded users or groups
# other than the emergency access accounts the pack allows. A policy narrowed in any
# way is not counted: vouch cannot tell whether an administrator falls outside it.
narrowing(p, params) := s if {
	is_array(p.narrowed_by)
	listed := {n | some n in p.narrowed_by}
	s := listed | excluded_note(p, params)
}

narrowing(p, params) := {"conditions not collected"} if not is_array(p.narrowed_by)

unexpected_exclusions(p, params) := sort([x |
	some x in array.concat(strings_of(p.exclude_users), strings_of(p.exclude_groups))
	not lower(x) in lowered(params.allowed_exclusions)
])

strings_of(x) := [v | some v in x; is_string(v)] if is_array(x)

strings_of(x) := [] if not is_array(x)

excluded_note(p, params) := set() if count(unexpected_exclusions(p, params)) == 0

excluded_note(p, params) := {sprintf("excludes %v", [concat(", ", unexpected_exclusions(p, params))])} if {
	count(unexpected_exclusions(p, params)) > 0
}

unnarrowed(p, params) if count(narrowing(p, params)) == 0

# "NAME (REASON; REASON)" for each narrowed policy, for messages.
narrowed_labels(policies, params) := sort({sprintf("%v (%v)", [p.display_name, concat("; ", sort(narrowing(p, params)))]) |
	some p in policies
	not unnarrowed(p, params)
})

narrowed_note(labels) := "" if count(labels) == 0

narrowed_note(labels) := sprintf(" (narrowed, not counted: %s)", [concat(", ", labels)]) if count(labels) > 0
