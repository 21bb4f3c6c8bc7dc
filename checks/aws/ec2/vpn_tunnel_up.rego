# METADATA
# title: Site-to-Site VPN connections have their tunnels up
# description: >-
#   Passes when at least `min_tunnels_up` (1 by default) of the VPN connection's IPsec
#   tunnels report status UP. Fails when fewer do: the encrypted path to the other
#   network is down, so its traffic has stopped or goes another way. Connections
#   being created (pending) or deleted are not judged. AWS encrypts every Site-to-Site
#   VPN tunnel (IPsec), so the tunnels' state is what the API can show.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpn/latest/s2svpn/monitoring-overview-vpn.html
#     description: Monitoring your Site-to-Site VPN connection
#   - ref: https://docs.aws.amazon.com/config/latest/developerguide/vpn-2-tunnels-up.html
#     description: AWS Config managed rule vpn-2-tunnels-up
# custom:
#   id: aws-ec2-vpn-tunnel-up
#   severity: medium
#   provider: aws
#   service: ec2
#   resource_type: aws_ec2_vpn_connection
#   requires: [state, tunnels]
#   rationale: >-
#     A Site-to-Site VPN connection carries traffic only over a tunnel that is up; with
#     every tunnel down, traffic between the networks no longer travels encrypted over
#     it. AWS Config managed rule vpn-2-tunnels-up asks for both tunnels (set
#     min_tunnels_up = 2 for that reading, which is about redundancy); one is enough
#     for the traffic to be encrypted.
#   remediation: >-
#     aws ec2 describe-vpn-connections --vpn-connection-ids VPN (VgwTelemetry gives
#     each tunnel's status message); check the customer gateway's IKE/IPsec settings
#     against the downloaded configuration and its reachability on UDP 500/4500.
#   params:
#     min_tunnels_up: 1
package vouch.aws.ec2.vpn_tunnel_up

import rego.v1

deny contains {"id": v.id, "message": msg} if {
	some v in input.resources
	judged(v)
	up := [t | some t in tunnels(v); t.status == "UP"]
	count(up) < input.params.min_tunnels_up
	msg := sprintf("%d of the connection's %d tunnel(s) are up; at least %d must be", [
		count(up), count(tunnels(v)), input.params.min_tunnels_up,
	])
}

tunnels(v) := v.tunnels if is_array(v.tunnels)

tunnels(v) := [] if not is_array(v.tunnels)

not_judged := {"pending", "deleting", "deleted"}

judged(v) if not v.state in not_judged
