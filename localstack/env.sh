#!/usr/bin/env bash
# Prints shell lines that point AWS SDKs and the vouch tests at the emulators:
#     eval "$(localstack/env.sh)"
# Everything goes to LocalStack by default; the services LocalStack's free
# edition does not serve go to moto. The names are AWS_ENDPOINT_URL_ plus the
# service's serviceId upper-cased with spaces turned into underscores (the
# SDKs' rule; e.g. "Cognito Identity Provider" -> COGNITO_IDENTITY_PROVIDER).
# Needs no virtualenv; it does not check that the emulators are running.
set -euo pipefail

LS_PORT="${VOUCH_LOCALSTACK_PORT:-4566}"
MOTO_PORT="${VOUCH_MOTO_PORT:-5001}"
LS_ENDPOINT="http://127.0.0.1:$LS_PORT"
MOTO_ENDPOINT="http://127.0.0.1:$MOTO_PORT"

# serviceId-derived suffixes of the services routed to moto.
MOTO_SERVICES=(
    RDS
    CLOUDTRAIL
    BACKUP
    GUARDDUTY
    INSPECTOR2
    WAFV2
    ELASTIC_LOAD_BALANCING_V2
    SHIELD
    SECURITYHUB
    COGNITO_IDENTITY_PROVIDER
    CLOUDFRONT
    EFS
    CONFIG_SERVICE
    SSO_ADMIN
    ACCESSANALYZER
    AUTO_SCALING
    ECS
    API_GATEWAY
    APIGATEWAYV2
    DYNAMODB
    ELASTICACHE
    OPENSEARCH
    REDSHIFT
    DIRECT_CONNECT
    ECR
    KINESIS
    ACM
    EKS
    ORGANIZATIONS
)

cat <<EOF
# Never reach a real account from here.
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_SECURITY_TOKEN AWS_ROLE_ARN AWS_WEB_IDENTITY_TOKEN_FILE
export AWS_ACCESS_KEY_ID=test
export AWS_SECRET_ACCESS_KEY=test
export AWS_REGION=us-east-1
export AWS_DEFAULT_REGION=us-east-1
export AWS_EC2_METADATA_DISABLED=true
export AWS_ENDPOINT_URL=$LS_ENDPOINT
EOF
for svc in "${MOTO_SERVICES[@]}"; do
    printf 'export AWS_ENDPOINT_URL_%s=%s\n' "$svc" "$MOTO_ENDPOINT"
done
cat <<EOF
export VOUCH_LOCALSTACK_ENDPOINT=$LS_ENDPOINT
export VOUCH_MOTO_ENDPOINT=$MOTO_ENDPOINT
EOF
