# METADATA
# title: Direct Connect connections encrypt their traffic with MACsec
# description: >-
#   Passes when the Direct Connect connection's MACsec encryption mode is
#   `must_encrypt`: the link then carries nothing unencrypted (while MACsec is down,
#   it carries nothing at all). Fails otherwise: a dedicated connection without MACsec,
#   or with `should_encrypt` (which falls back to clear text when MACsec fails),
#   carries its traffic unencrypted unless a VPN runs over it, which the API does not
#   show per connection. Deleted or rejected connections are not judged.
# related_resources:
#   - ref: https://docs.aws.amazon.com/directconnect/latest/UserGuide/MACsec.html
#     description: MAC security (MACsec) for Direct Connect
#   - ref: https://docs.aws.amazon.com/directconnect/latest/UserGuide/encryption-in-transit.html
#     description: Direct Connect encryption in transit
# custom:
#   id: aws-directconnect-connection-encrypted
#   severity: high
#   provider: aws
#   service: directconnect
#   resource_type: aws_directconnect_connection
#   requires: [state, encryption_mode, port_encryption_status]
#   rationale: >-
#     AWS Direct Connect does not encrypt traffic in transit by default; the link is
#     private, not encrypted. MACsec (IEEE 802.1AE) encrypts it at layer 2, or a
#     Site-to-Site VPN over the connection encrypts it at layer 3. AWS Direct Connect
#     User Guide, "Encryption in transit"; AWS Well-Architected Framework, Security
#     Pillar, best practice SEC09-BP02 (Enforce encryption in transit).
#   remediation: >-
#     On a MACsec-capable dedicated connection: aws directconnect
#     associate-mac-sec-key, then aws directconnect update-connection --connection-id
#     DXCON --encryption-mode must_encrypt. Otherwise run a Site-to-Site VPN over the
#     connection and mute this result with that as the reason.
package vouch.aws.directconnect.connection_encrypted

import rego.v1

deny contains {"id": c.id, "message": msg} if {
	some c in input.resources
	judged(c)
	not encrypted(c)
	msg := sprintf("the connection is not MACsec-encrypted (encryption mode %v, port encryption %v): its traffic crosses the link in clear text unless a VPN runs over it", [
		shown(c.encryption_mode), shown(c.port_encryption_status),
	])
}

encrypted(c) if c.encryption_mode == "must_encrypt"

shown(v) := v if is_string(v)

shown(v) := "none" if not is_string(v)

not_judged := {"deleting", "deleted", "rejected"}

judged(c) if not c.state in not_judged
