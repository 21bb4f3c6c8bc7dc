# METADATA
# title: Client-facing load balancers serve no plain HTTP
# description: >-
#   By default judges client-facing load balancers only: one whose Scheme is internal
#   serves clients inside the network and is not judged (it passes). A pack whose text
#   promises encryption of internal traffic too sets `include_internal = true`, and
#   internal load balancers are then judged like the others. For application
#   load balancers, fails for each HTTP listener whose default action is not a single
#   redirect to HTTPS, and describes its default actions, and for each rule of an HTTP
#   listener that forwards requests (plain HTTP reaching targets even when the default
#   action redirects). For network load balancers, fails for each TCP
#   or TCP_UDP listener on port 80, which serves HTTP's port in plaintext. Passes
#   when no listener does either.
# related_resources:
#   - ref: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html#redirect-actions
#     description: Listener rules, redirect actions
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-1
#     description: Security Hub ELB.1 (Application Load Balancer should be configured to redirect all HTTP requests to HTTPS)
# custom:
#   id: aws-elbv2-http-redirects-to-https
#   severity: medium
#   provider: aws
#   service: elbv2
#   resource_type: aws_elbv2_load_balancer
#   requires: [lb_type, scheme, listeners, http_rules]
#   rationale: >-
#     An HTTP listener that serves content lets clients send cookies, credentials and
#     data in clear text; redirecting every HTTP request to HTTPS keeps the promise of
#     encryption in transit for clients that type or follow an http:// URL.
#   remediation: >-
#     For an ALB: aws elbv2 modify-listener --listener-arn LISTENER-ARN --default-actions
#     'Type=redirect,RedirectConfig={Protocol=HTTPS,Port=443,StatusCode=HTTP_301}'. For
#     an NLB: replace the TCP:80 listener with a TLS listener (aws elbv2 create-listener
#     --protocol TLS --port 443 --certificates CertificateArn=ARN --ssl-policy POLICY)
#     and delete the plaintext one.
#   params:
#     include_internal: false
package vouch.aws.elbv2.http_redirects

import rego.v1

deny contains {"id": lb.id, "message": msg} if {
	some lb in input.resources
	judged(lb)
	lb.lb_type == "application"
	is_array(lb.listeners)
	some l in lb.listeners
	l.protocol == "HTTP"
	not redirects_to_https(l)
	msg := sprintf("HTTP listener on port %v does not redirect to HTTPS (default actions: %s)", [l.port, describe(actions(l))])
}

deny contains {"id": lb.id, "message": msg} if {
	some lb in input.resources
	judged(lb)
	lb.lb_type == "application"
	is_array(lb.http_rules)
	some listener in lb.http_rules
	some rule in listener.rules
	some action in rule.actions
	action.type == "forward"
	msg := sprintf("HTTP listener on port %v: rule %v forwards plain HTTP to targets instead of redirecting to HTTPS", [listener.port, rule.priority])
}

deny contains {"id": lb.id, "message": msg} if {
	some lb in input.resources
	judged(lb)
	lb.lb_type == "network"
	is_array(lb.listeners)
	some l in lb.listeners
	l.protocol in {"TCP", "TCP_UDP"}
	l.port == 80
	msg := sprintf("%s listener on port 80 serves plaintext: terminate TLS on a TLS listener instead", [l.protocol])
}

actions(l) := l.default_actions if is_array(l.default_actions)

actions(l) := [] if not is_array(l.default_actions)

redirects_to_https(l) if {
	[action] := actions(l)
	action.type == "redirect"
	action.redirect_protocol == "HTTPS"
}

describe(list) := "none" if count(list) == 0

describe(list) := concat(", ", [action_text(a) | some a in list]) if count(list) > 0

action_text(a) := sprintf("redirect to %v", [a.redirect_protocol]) if a.type == "redirect"

action_text(a) := sprintf("%v", [a.type]) if a.type != "redirect"

# Internal load balancers are judged only when the pack asks for them.
judged(lb) if not lb.scheme == "internal"

judged(lb) if input.params.include_internal == true
