# METADATA
# title: Storage accounts accept requests only over HTTPS
# description: >-
#   Passes when secure transfer is required (supportsHttpsTrafficOnly is true): the
#   account refuses HTTP requests and SMB connections without encryption. Fails when it
#   is false or not reported.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/storage/common/storage-require-secure-transfer
#     description: Require secure transfer to ensure secure connections
# custom:
#   id: azure-storage-https-only
#   severity: high
#   provider: azure
#   service: storage
#   resource_type: azure_storage_account
#   requires: [https_only]
#   rationale: >-
#     Without secure transfer required, clients can read and write data, and send shared
#     keys and SAS tokens, over plain HTTP, where anyone on the path can read or alter
#     them. CIS Microsoft Azure Foundations Benchmark v4.0.0, recommendation 10.3.4 ("Ensure
#     that 'Secure transfer required' is set to 'Enabled'").
#   remediation: >-
#     az storage account update --name ACCOUNT --resource-group RG --https-only true
package vouch.azure.storage.https_only

import rego.v1

deny contains {"id": a.id, "message": "secure transfer is not required: the account accepts plain HTTP requests"} if {
	some a in input.resources
	a.https_only == false
}

deny contains {"id": a.id, "message": "the account does not report whether secure transfer is required"} if {
	some a in input.resources
	a.https_only != false
	a.https_only != true
}
