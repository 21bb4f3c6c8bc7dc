# METADATA
# title: Storage accounts encrypt data twice, with infrastructure encryption
# description: >-
#   Passes when encryption.require_infrastructure_encryption is true: the storage
#   infrastructure encrypts data a second time, with a different algorithm and key, under
#   the service-level encryption. Fails when it is false or not reported (null, the
#   default of accounts created without it).
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/storage/common/infrastructure-encryption-enable
#     description: Enable infrastructure encryption for double encryption of data
# custom:
#   id: azure-storage-infrastructure-encryption
#   severity: low
#   provider: azure
#   service: storage
#   resource_type: azure_storage_account
#   requires: [encryption]
#   rationale: >-
#     Double encryption protects data at rest should one encryption algorithm or key be
#     compromised. It is a defence-in-depth measure some regulated workloads demand;
#     earlier CIS Microsoft Azure Foundations Benchmark versions recommended it for
#     accounts holding critical data ("Ensure that 'Enable Infrastructure Encryption'
#     for each Storage Account is set to 'enabled'", Level 2); the storage section (10)
#     of v4.0.0 no longer lists it.
#   remediation: >-
#     Infrastructure encryption can be chosen only when an account is created: create a
#     new account with az storage account create --name ACCOUNT --resource-group RG
#     --location LOCATION --require-infrastructure-encryption true, copy the data
#     (azcopy copy) and retire the old account.
package vouch.azure.storage.infrastructure_encryption

import rego.v1

deny contains {"id": a.id, "message": msg} if {
	some a in input.resources
	value := setting(a.encryption)
	value != true
	msg := sprintf("infrastructure (double) encryption is %s", [state(value)])
}

setting(enc) := object.get(enc, "require_infrastructure_encryption", null) if is_object(enc)

setting(enc) := null if not is_object(enc)

state(false) := "disabled"

state(value) := "not enabled (not reported)" if value != false
