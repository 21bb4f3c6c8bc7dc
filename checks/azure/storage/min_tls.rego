# METADATA
# title: Storage accounts refuse TLS versions older than the minimum
# description: >-
#   Passes when the account's minimum TLS version (minimumTlsVersion, e.g. TLS1_2) is
#   at least `min_tls_version` (1.2 by default). Fails when it is older, and when it is
#   not set (null): Azure then accepts TLS 1.0 and 1.1.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/storage/common/transport-layer-security-configure-minimum-version
#     description: Enforce a minimum required version of TLS for requests to a storage account
# custom:
#   id: azure-storage-min-tls
#   severity: medium
#   provider: azure
#   service: storage
#   resource_type: azure_storage_account
#   requires: [minimum_tls_version]
#   rationale: >-
#     TLS 1.0 and 1.1 have known weaknesses and are no longer accepted by current
#     security standards (PCI DSS, NIST SP 800-52r2). An account that still accepts
#     them lets a downgraded client send data with weak protection. CIS Microsoft Azure Foundations Benchmark v4.0.0,
#     recommendation 10.3.7 ("Ensure the 'Minimum TLS version' for storage accounts is
#     set to 'Version 1.2'").
#   remediation: >-
#     az storage account update --name ACCOUNT --resource-group RG --min-tls-version
#     TLS1_2 (first check the account's logs for clients still using older versions).
#   params:
#     min_tls_version: "1.2"
package vouch.azure.storage.min_tls

import data.vouch.lib.azure_tls
import rego.v1

deny contains {"id": a.id, "message": msg} if {
	some a in input.resources
	a.minimum_tls_version == null
	msg := sprintf("no minimum TLS version is set, so the account accepts TLS 1.0 (the minimum is %s)", [input.params.min_tls_version])
}

deny contains {"id": a.id, "message": msg} if {
	some a in input.resources
	azure_tls.below(a.minimum_tls_version, input.params.min_tls_version)
	msg := sprintf("the minimum TLS version is %s, older than %s", [a.minimum_tls_version, input.params.min_tls_version])
}

deny contains {"id": a.id, "message": msg} if {
	some a in input.resources
	a.minimum_tls_version != null
	not azure_tls.rank(a.minimum_tls_version)
	msg := sprintf("the minimum TLS version %v is not a version vouch can compare", [a.minimum_tls_version])
}

deny contains {"id": a.id, "message": msg} if {
	some a in input.resources
	azure_tls.bad_minimum(input.params.min_tls_version)
	msg := sprintf("the min_tls_version parameter %v is not a TLS version like \"1.2\"", [input.params.min_tls_version])
}
