# Shared judgements for Azure Database for PostgreSQL and MySQL flexible servers
# (azure_postgresql_flexible_server, azure_mysql_flexible_server), whose backup and TLS
# settings have the same shape. Each function yields the failure message of one server,
# and is undefined when the server passes.
# A library, not a check: files under checks/lib/ carry no METADATA and no deny rule.
package vouch.lib.azure_database

import rego.v1

# require_secure_transport, as the server reports it ("on"/"ON" passes).
secure_transport_problem(server) := "the server reports no require_secure_transport setting" if {
	not is_string(server.require_secure_transport)
}

secure_transport_problem(server) := msg if {
	value := server.require_secure_transport
	is_string(value)
	lower(value) != "on"
	msg := sprintf("require_secure_transport is %s: the server accepts connections that are not encrypted with TLS", [value])
}

# backup_retention_days against a minimum number of days.
backup_retention_problem(server, _) := "the server reports no backup retention period" if {
	not is_number(server.backup_retention_days)
}

backup_retention_problem(server, minimum) := msg if {
	days := server.backup_retention_days
	is_number(days)
	days < minimum
	msg := sprintf("backups are kept %s, fewer than %d", [day_count(days), minimum])
}

# geo_redundant_backup must be "Enabled".
geo_backup_problem(server) := "the server reports no geo-redundant backup setting" if {
	not is_string(server.geo_redundant_backup)
}

geo_backup_problem(server) := msg if {
	value := server.geo_redundant_backup
	is_string(value)
	value != "Enabled"
	msg := sprintf("geo-redundant backup is %s: backups are kept only in the server's own region", [value])
}

day_count(n) := "1 day" if n == 1

day_count(n) := sprintf("%d days", [n]) if n != 1
