package vouch.azure.entra.mfa_admins_test

import data.vouch.azure.entra.mfa_admins as check
import rego.v1

global_admin := "62e90394-69f5-4237-9190-012177145e10"

security_admin := "194ae4cb-b126-40b2-bd5b-6091b380977d"

user_admin := "fe930be7-5e62-47db-91af-98c3a49a38b1"

defaults := {"admin_roles": [global_admin, security_admin, user_admin], "allowed_exclusions": ["breakglass-id"]}

tenant := "/tenants/t"

policy(overrides) := object.union({
	"id": "p1", "display_name": "Require MFA for admins", "state": "enabled",
	"include_users": [], "exclude_users": ["breakglass-id"],
	"include_roles": [global_admin, security_admin, user_admin], "exclude_roles": [],
	"include_groups": [], "exclude_groups": [], "include_applications": ["All"], "exclude_applications": [],
	"narrowed_by": [], "unjudged": [],
	"built_in_controls": ["mfa"], "grant_operator": "OR", "authentication_strength": null,
}, overrides)

run(defaults_on, policies, params) := denied if {
	denied := check.deny with input as {"resources": [{"id": tenant, "security_defaults_enabled": defaults_on, "conditional_access_policies": policies}], "params": params}
}

test_passes_when_security_defaults_are_enabled if {
	count(run(true, [], defaults)) == 0
}

test_passes_when_a_policy_requires_mfa_of_every_admin_role if {
	count(run(false, [policy({})], defaults)) == 0
}

test_passes_when_a_policy_requires_mfa_of_all_users if {
	count(run(false, [policy({"include_users": ["All"], "include_roles": []})], defaults)) == 0
}

test_passes_with_an_authentication_strength_instead_of_the_mfa_control if {
	p := policy({"built_in_controls": [], "authentication_strength": "Phishing-resistant MFA"})
	count(run(false, [p], defaults)) == 0
}

test_passes_when_the_roles_are_split_across_policies if {
	a := policy({"include_roles": [global_admin]})
	b := policy({"id": "p2", "include_roles": [security_admin, user_admin]})
	count(run(false, [a, b], defaults)) == 0
}

test_fails_without_security_defaults_or_policies if {
	run(false, [], defaults) == {{"id": tenant, "message": "security defaults are off and no enabled Conditional Access policy requires MFA on all cloud apps for 3 of 3 admin roles: Global Administrator (62e90394-69f5-4237-9190-012177145e10), Security Administrator (194ae4cb-b126-40b2-bd5b-6091b380977d), User Administrator (fe930be7-5e62-47db-91af-98c3a49a38b1)"}}
}

test_fails_naming_the_role_a_policy_leaves_out if {
	run(false, [policy({"include_roles": [global_admin, security_admin]})], defaults) == {{"id": tenant, "message": "security defaults are off and no enabled Conditional Access policy requires MFA on all cloud apps for 1 of 3 admin roles: User Administrator (fe930be7-5e62-47db-91af-98c3a49a38b1)"}}
}

test_fails_when_the_policy_is_report_only if {
	p := policy({"state": "enabledForReportingButNotEnforced"})
	run(false, [p], defaults) == {{"id": tenant, "message": "security defaults are off and no enabled Conditional Access policy requires MFA on all cloud apps for 3 of 3 admin roles: Global Administrator (62e90394-69f5-4237-9190-012177145e10), Security Administrator (194ae4cb-b126-40b2-bd5b-6091b380977d), User Administrator (fe930be7-5e62-47db-91af-98c3a49a38b1) (not enforced: Require MFA for admins (enabledForReportingButNotEnforced))"}}
}

test_fails_when_the_policy_is_disabled if {
	count(run(false, [policy({"state": "disabled"})], defaults)) == 1
}

test_fails_when_all_users_are_included_but_the_role_is_excluded if {
	p := policy({"include_users": ["All"], "include_roles": [], "exclude_roles": [user_admin]})
	run(false, [p], defaults) == {{"id": tenant, "message": "security defaults are off and no enabled Conditional Access policy requires MFA on all cloud apps for 1 of 3 admin roles: User Administrator (fe930be7-5e62-47db-91af-98c3a49a38b1)"}}
}

test_fails_when_the_policy_covers_only_some_apps if {
	count(run(false, [policy({"include_applications": ["797f4846-ba00-4fd7-ba43-dac1f8f63013"]})], defaults)) == 1
}

test_fails_when_the_policy_does_not_require_mfa if {
	count(run(false, [policy({"built_in_controls": ["compliantDevice"]})], defaults)) == 1
}

test_fails_when_a_compliant_device_can_replace_mfa if {
	count(run(false, [policy({"built_in_controls": ["mfa", "compliantDevice"], "grant_operator": "OR"})], defaults)) == 1
}

test_passes_when_mfa_and_a_compliant_device_are_both_required if {
	count(run(false, [policy({"built_in_controls": ["mfa", "compliantDevice"], "grant_operator": "AND"})], defaults)) == 0
}

test_fails_naming_a_role_a_pack_adds_by_id_when_no_name_is_known if {
	params := {"admin_roles": [global_admin, "11111111-2222-3333-4444-555555555555"], "allowed_exclusions": ["breakglass-id"]}
	run(false, [policy({})], params) == {{"id": tenant, "message": "security defaults are off and no enabled Conditional Access policy requires MFA on all cloud apps for 1 of 2 admin roles: 11111111-2222-3333-4444-555555555555"}}
}

test_passes_when_a_pack_lists_only_the_covered_roles if {
	count(run(false, [policy({"include_roles": [global_admin]})], {"admin_roles": [global_admin], "allowed_exclusions": ["breakglass-id"]})) == 0
}

test_fails_when_the_policy_list_is_null if {
	count(run(false, null, defaults)) == 1
}

test_fails_when_security_defaults_are_null_and_nothing_else_applies if {
	count(run(null, [], defaults)) == 1
}

all_three := "Global Administrator (62e90394-69f5-4237-9190-012177145e10), Security Administrator (194ae4cb-b126-40b2-bd5b-6091b380977d), User Administrator (fe930be7-5e62-47db-91af-98c3a49a38b1)"

test_fails_when_a_risk_condition_narrows_the_only_policy if {
	p := policy({"narrowed_by": ["signInRiskLevels [\"high\"]"]})
	run(false, [p], defaults) == {{"id": tenant, "message": sprintf("security defaults are off and no enabled Conditional Access policy requires MFA on all cloud apps for 3 of 3 admin roles: %s (narrowed, not counted: Require MFA for admins (signInRiskLevels [\"high\"]))", [all_three])}}
}

test_fails_when_a_location_condition_narrows_the_only_policy if {
	p := policy({"narrowed_by": ["locations (include [\"All\"], exclude [\"AllTrusted\"])"]})
	count(run(false, [p], defaults)) == 1
}

test_fails_when_the_policy_excludes_a_group_the_pack_does_not_allow if {
	p := policy({"exclude_groups": ["all-admins-group"]})
	run(false, [p], defaults) == {{"id": tenant, "message": sprintf("security defaults are off and no enabled Conditional Access policy requires MFA on all cloud apps for 3 of 3 admin roles: %s (narrowed, not counted: Require MFA for admins (excludes all-admins-group))", [all_three])}}
}

test_fails_when_the_excluded_user_is_not_an_allowed_emergency_account if {
	count(run(false, [policy({})], {"admin_roles": [global_admin]})) == 1
}

test_passes_when_the_excluded_group_is_an_allowed_emergency_group if {
	p := policy({"exclude_users": [], "exclude_groups": ["BreakGlass-Group"]})
	count(run(false, [p], {"admin_roles": [global_admin], "allowed_exclusions": ["breakglass-group"]})) == 0
}

test_a_narrowed_policy_does_not_count_but_a_clean_one_still_covers if {
	narrowed := policy({"id": "p2", "narrowed_by": ["clientAppTypes [\"browser\"]"]})
	count(run(false, [narrowed, policy({})], defaults)) == 0
}

test_a_policy_whose_conditions_were_not_collected_does_not_count if {
	count(run(false, [object.remove(policy({}), ["narrowed_by"])], defaults)) == 1
}
