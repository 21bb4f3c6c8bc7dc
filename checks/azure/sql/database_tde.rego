# METADATA
# title: Azure SQL databases are encrypted at rest with transparent data encryption
# description: >-
#   Passes when the database's transparent data encryption (TDE) state is Enabled.
#   Fails when it is Disabled or not reported. The master database is not listed.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/azure-sql/database/transparent-data-encryption-tde-overview
#     description: Transparent data encryption for SQL Database, SQL Managed Instance, and Azure Synapse Analytics
# custom:
#   id: azure-sql-database-tde
#   severity: high
#   provider: azure
#   service: sql
#   resource_type: azure_sql_database
#   requires: [tde_state]
#   rationale: >-
#     TDE encrypts the database files, logs and backups at rest, so copies of the
#     storage or backups do not expose the data. It is on by default for new databases
#     but can be turned off; policies promising encryption at rest are kept only if it
#     is on for every database. CIS Microsoft Azure Database Services Benchmark v2.0.0,
#     recommendation 9.6 ("Ensure that 'Data encryption' is set to 'On' on a SQL
#     Database").
#   remediation: >-
#     az sql db tde set --resource-group RG --server SERVER --database DATABASE
#     --status Enabled
package vouch.azure.sql.database_tde

import rego.v1

deny contains {"id": db.id, "message": msg} if {
	some db in input.resources
	db.tde_state != "Enabled"
	msg := sprintf("transparent data encryption is %s", [shown(db.tde_state)])
}

shown(value) := value if is_string(value)

shown(value) := "not reported" if not is_string(value)
