package vouch.aws.ecs.task_definition_no_plaintext_secrets_test

import data.vouch.aws.ecs.task_definition_no_plaintext_secrets as check
import rego.v1

params := {
	"secret_markers": ["SECRET", "PASSWORD", "PASSWD", "TOKEN", "API_KEY", "APIKEY", "PRIVATE_KEY", "ACCESS_KEY", "CREDENTIAL"],
	"not_secret_suffixes": ["_ARN", "_NAME", "_ID", "_PATH"],
}

run(containers) := denied if {
	denied := check.deny with input as {"resources": [{"id": "td", "containers": containers}], "params": params}
}

container(name, env, secrets) := {"name": name, "environment": env, "secrets": secrets, "environment_files": 0}

test_passes_when_secrets_come_from_the_secrets_field if {
	count(run([container("web", [{"name": "LOG_LEVEL", "value": "literal"}], ["DB_PASSWORD"])])) == 0
}

test_passes_when_the_value_is_an_arn if {
	count(run([container("web", [{"name": "API_TOKEN", "value": "reference"}], [])])) == 0
}

test_fails_on_a_literal_secret_in_any_container if {
	run([
		container("web", [], []),
		container("worker", [{"name": "API_TOKEN", "value": "literal"}, {"name": "DB_PASSWORD", "value": "literal"}], []),
	]) == {{"id": "td", "message": "environment variables that look like secrets hold literal values (worker: API_TOKEN, DB_PASSWORD); use the container's secrets instead"}}
}

test_an_unreadable_definition_is_not_judged_here if {
	count(run(null)) == 0
}
