package vouch.azure.entra.mfa_azure_management_test

import data.vouch.azure.entra.mfa_azure_management as check
import rego.v1

azure_mgmt := "797f4846-ba00-4fd7-ba43-dac1f8f63013"

tenant := "/tenants/t"

policy(overrides) := object.union({
	"id": "p1", "display_name": "Require MFA for Azure management", "state": "enabled",
	"include_users": ["All"], "exclude_users": ["breakglass-id"],
	"include_roles": [], "exclude_roles": [],
	"include_groups": [], "exclude_groups": [], "include_applications": [azure_mgmt], "exclude_applications": [],
	"narrowed_by": [], "unjudged": [],
	"built_in_controls": ["mfa"], "grant_operator": "OR", "authentication_strength": null,
}, overrides)

message := "security defaults are off and no enabled Conditional Access policy requires MFA of all users for Azure management (Windows Azure Service Management API)"

run(defaults_on, policies) := denied if {
	denied := check.deny with input as {"resources": [{"id": tenant, "security_defaults_enabled": defaults_on, "conditional_access_policies": policies}], "params": {"allowed_exclusions": ["breakglass-id"]}}
}

test_passes_when_security_defaults_are_enabled if {
	count(run(true, [])) == 0
}

test_passes_when_a_policy_requires_mfa_of_all_users_for_azure_management if {
	count(run(false, [policy({})])) == 0
}

test_passes_when_a_policy_requires_mfa_of_all_users_for_all_apps if {
	count(run(false, [policy({"include_applications": ["All"]})])) == 0
}

test_passes_with_an_authentication_strength if {
	count(run(false, [policy({"built_in_controls": [], "authentication_strength": "Multifactor authentication"})])) == 0
}

test_fails_without_security_defaults_or_policies if {
	run(false, []) == {{"id": tenant, "message": message}}
}

test_fails_when_the_policy_is_report_only if {
	run(false, [policy({"state": "enabledForReportingButNotEnforced"})]) == {{"id": tenant, "message": concat("", [message, " (not enforced: Require MFA for Azure management (enabledForReportingButNotEnforced))"])}}
}

test_fails_when_the_policy_covers_only_some_users if {
	count(run(false, [policy({"include_users": [], "include_roles": ["62e90394-69f5-4237-9190-012177145e10"]})])) == 1
}

test_fails_when_the_policy_excludes_a_role if {
	count(run(false, [policy({"exclude_roles": ["62e90394-69f5-4237-9190-012177145e10"]})])) == 1
}

test_fails_when_all_apps_are_included_but_azure_management_is_excluded if {
	count(run(false, [policy({"include_applications": ["All"], "exclude_applications": [azure_mgmt]})])) == 1
}

test_fails_when_the_policy_targets_another_app if {
	count(run(false, [policy({"include_applications": ["00000003-0000-0ff1-ce00-000000000000"]})])) == 1
}

test_fails_when_a_compliant_device_can_replace_mfa if {
	count(run(false, [policy({"built_in_controls": ["mfa", "compliantDevice"], "grant_operator": "OR"})])) == 1
}

test_fails_when_the_policy_list_is_null if {
	run(false, null) == {{"id": tenant, "message": message}}
}

test_fails_when_a_risk_condition_narrows_the_only_policy if {
	p := policy({"narrowed_by": ["userRiskLevels [\"high\"]"]})
	run(false, [p]) == {{"id": tenant, "message": concat("", [message, " (narrowed, not counted: Require MFA for Azure management (userRiskLevels [\"high\"]))"])}}
}

test_fails_when_the_policy_excludes_an_unlisted_user if {
	count(run(false, [policy({"exclude_users": ["breakglass-id", "some-admin"]})])) == 1
}

test_fails_when_platforms_narrow_the_policy if {
	count(run(false, [policy({"narrowed_by": ["platforms (include [\"android\"], exclude [])"]})])) == 1
}
