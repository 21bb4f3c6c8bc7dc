# METADATA
# title: EC2 instances offer no login that skips a key, as far as the API shows
# description: >-
#   Fails when the instance runs Windows (signing in over RDP takes the account's
#   password; the key pair only decrypts the first Administrator password), or when
#   Systems Manager manages it (the agent registered, ping status not Inactive) and
#   `allow_session_manager` is false: Session Manager opens a shell on it with IAM
#   credentials and no key. Passes otherwise: a Linux instance outside Systems Manager
#   is logged into over SSH, with the launch key pair (`key_name`) or a key pushed by
#   EC2 Instance Connect. Whether sshd also accepts passwords
#   (PasswordAuthentication) is inside the instance, where no AWS API looks.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-key-pairs.html
#     description: Amazon EC2 key pairs and Amazon EC2 instances
#   - ref: https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager.html
#     description: AWS Systems Manager Session Manager
#   - ref: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/connect-linux-inst-eic.html
#     description: Connect using EC2 Instance Connect
# custom:
#   id: aws-ec2-instance-key-login
#   severity: medium
#   provider: aws
#   service: ec2
#   resource_type: aws_ec2_instance
#   requires: [platform, ssm_ping_status, key_name]
#   rationale: >-
#     A policy that logging in needs an account and a public key is kept only where no
#     other way in exists. The ways in an API shows are the platform's own (Windows
#     sign-in by password) and Systems Manager Session Manager (IAM authentication, no
#     key). AWS Well-Architected Framework, Security Pillar, best practice SEC03-BP02
#     (Grant least privilege access) and SEC06-BP03 (Reduce manual management and
#     interactive access). The OS benchmarks' "SSH PasswordAuthentication is disabled"
#     is judged inside the instance, not visible here.
#   remediation: >-
#     For Session Manager: remove the instance's SSM permissions (the
#     AmazonSSMManagedInstanceCore policy of its instance profile) or deny
#     ssm:StartSession to everyone, or set allow_session_manager where IAM sign-in is
#     accepted as the account and key. For Windows: configure OpenSSH with key-only
#     authentication and block RDP, then mute the result with that reason.
#   params:
#     allow_session_manager: false
package vouch.aws.ec2.instance_key_login

import rego.v1

deny contains {"id": i.id, "message": "the instance runs Windows: signing in to it (RDP) takes the account's password, not a key"} if {
	some i in input.resources
	i.platform == "windows"
}

deny contains {"id": i.id, "message": msg} if {
	some i in input.resources
	not input.params.allow_session_manager
	is_string(i.ssm_ping_status)
	i.ssm_ping_status != "Inactive"
	msg := sprintf("Systems Manager manages the instance (agent %v): Session Manager opens a shell on it with IAM credentials and no key", [i.ssm_ping_status])
}
