# METADATA
# title: Storage accounts do not allow anonymous public access to blobs
# description: >-
#   Passes when allowBlobPublicAccess is false, or not set (null) on an account created
#   from November 2023 on, where unset means false. Fails when it is true, or not set
#   on an account created before November 2023, where unset means anonymous access is
#   allowed: then any container whose access level is set to Blob or Container can be
#   read anonymously by anyone on the Internet. Not set and no creation time in the
#   answer: `error`. vouch does not read the containers' own access levels.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/storage/blobs/anonymous-read-access-prevent
#     description: Remediate anonymous read access to blob data
#   - ref: https://learn.microsoft.com/en-us/rest/api/storagerp/storage-accounts/get-properties
#     description: Storage Accounts - Get Properties (allowBlobPublicAccess)
# custom:
#   id: azure-storage-blob-public-access-off
#   severity: high
#   provider: azure
#   service: storage
#   resource_type: azure_storage_account
#   requires: [allow_blob_public_access, creation_time]
#   rationale: >-
#     With anonymous access allowed on the account, one container set to public by
#     mistake exposes its data to the whole Internet without any credential or log of
#     who read it. Turning it off at the account level overrides every container's
#     setting. CIS Microsoft Azure Foundations Benchmark v4.0.0, recommendation 10.3.9
#     ("Ensure that 'Allow Blob Anonymous Access' is set to 'Disabled'").
#   remediation: >-
#     az storage account update --name ACCOUNT --resource-group RG
#     --allow-blob-public-access false
package vouch.azure.storage.blob_public_access_off

import rego.v1

# Accounts created before this instant allow anonymous access when the setting is unset.
default_changed := "2023-11-01T00:00:00Z"

deny contains {"id": a.id, "message": "anonymous public read access to blobs is allowed on the account"} if {
	some a in input.resources
	a.allow_blob_public_access == true
}

deny contains {"id": a.id, "message": msg} if {
	some a in input.resources
	a.allow_blob_public_access == null
	is_string(a.creation_time)
	a.creation_time < default_changed
	msg := sprintf("allowBlobPublicAccess is not set on an account created %s, before November 2023: unset allows anonymous public read access to blobs there", [a.creation_time])
}
