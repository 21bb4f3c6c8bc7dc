# METADATA
# title: EC2 launch templates do not give instances a public IP address
# description: >-
#   Fails when a network interface of the default or the latest version of a launch
#   template asks for a public IPv4 address (AssociatePublicIpAddress true). Passes
#   when none does; a template that does not say leaves it to the subnet's
#   auto-assign setting.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-instance-addressing.html#concepts-public-addresses
#     description: Public IPv4 addresses
# custom:
#   id: aws-ec2-launch-template-no-public-ip
#   severity: medium
#   provider: aws
#   service: ec2
#   resource_type: aws_ec2_launch_template
#   requires: [versions]
#   rationale: >-
#     An instance with a public address is one security group rule away from the
#     internet; a template that hands one to every instance it launches makes each of
#     them reachable by design, and every instance replaced from it again.
#   remediation: >-
#     Create a template version whose network interfaces set
#     AssociatePublicIpAddress false (reach the instances through a load balancer, a
#     NAT gateway or Session Manager) and make it the default.
package vouch.aws.ec2.launch_template_no_public_ip

import rego.v1

deny contains {"id": t.id, "message": msg} if {
	some t in input.resources
	bad := [sprintf("%d", [v.version]) |
		some v in t.versions
		v.associate_public_ip == true
	]
	count(bad) > 0
	msg := sprintf("version %s gives the instances it launches a public IPv4 address", [concat(", ", bad)])
}
