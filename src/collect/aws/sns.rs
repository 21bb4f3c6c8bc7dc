//! SNS topics, whether anyone is subscribed (where a CloudWatch alarm's notification
//! goes) and whether messages are encrypted at rest. Only each subscription's protocol
//! and whether it is confirmed are kept, never its endpoint (an e-mail address or URL
//! is not vouch's to copy).

use aws_sdk_sns::Client;
use aws_sdk_sns::types::Subscription as SdkSubscription;
use serde::Serialize;

use super::error::observe;
use super::list::found_per_region;
use super::list::items;
use super::{AwsContext, Collected, Found};
use crate::inventory::Observed;

pub use crate::registry::names::AWS_SNS_TOPIC as TOPIC;

const LIST_SUBSCRIPTIONS: &str = "sns:ListSubscriptionsByTopic";

const GET_ATTRIBUTES: &str = "sns:GetTopicAttributes";

/// The KMS key of SSE, from GetTopicAttributes: a topic without `KmsMasterKeyId` is
/// not encrypted (SNS has no default encryption), so its absence is "none", not unknown.
fn key_of(answer: Observed<std::collections::HashMap<String, String>>) -> Observed<String> {
    answer.and_then(|a| match a.get("KmsMasterKeyId") {
        Some(k) if !k.is_empty() => Observed::Value(k.clone()),
        _ => Observed::Absent,
    })
}

#[derive(Serialize)]
struct TopicAttributes {
    subscriptions: Observed<Vec<Subscription>>,
    kms_master_key_id: Observed<String>,
}

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Subscription {
    pub protocol: Option<String>,
    /// Confirmed: ListSubscriptionsByTopic names it by an ARN. A subscription waiting
    /// for its endpoint to confirm is named `PendingConfirmation` and receives nothing.
    pub confirmed: bool,
}

pub async fn collect(ctx: &AwsContext) -> Collected {
    found_per_region(ctx, "sns", TOPIC, |region| async move {
        topics(ctx, &Client::new(&ctx.regional(&region)), &region).await
    })
    .await
}

async fn topics(ctx: &AwsContext, sns: &Client, region: &str) -> Result<Found, String> {
    let listed = items!("sns:ListTopics", sns.list_topics())?;
    let mut found = Found::default();
    for t in &listed {
        let Some(arn) = t.topic_arn() else {
            found.without_id("sns:ListTopics", "TopicArn");
            continue;
        };
        let subs = Observed::of(items!(
            LIST_SUBSCRIPTIONS,
            sns.list_subscriptions_by_topic().topic_arn(arn)
        ))
        .and_then(|s| subscriptions_of(&s));
        // arn:aws:sns:REGION:ACCOUNT:NAME
        let name = arn.rsplit(':').next().unwrap_or(arn).to_string();
        found.push(
            ctx.resource(
                TOPIC,
                arn.to_string(),
                name,
                region,
                &TopicAttributes {
                    subscriptions: subs,
                    kms_master_key_id: key_of(
                        observe(
                            GET_ATTRIBUTES,
                            sns.get_topic_attributes().topic_arn(arn).send().await,
                            &[],
                        )
                        // A topic always has attributes (TopicArn at least): an answer
                        // without the map is malformed, not a topic without a key.
                        .map(|a| a.attributes)
                        .and_then_required::<std::collections::HashMap<String, String>>(
                            GET_ATTRIBUTES,
                            "Attributes",
                        ),
                    ),
                },
            ),
        );
    }
    Ok(found)
}

/// The subscriptions as kept. One without a SubscriptionArn (always given, confirmed
/// or not) is unreadable: whether it would receive the alarm is unknown.
pub fn subscriptions_of(listed: &[SdkSubscription]) -> Observed<Vec<Subscription>> {
    let mut out = Vec::new();
    for s in listed {
        let Some(arn) = s.subscription_arn() else {
            return Observed::unreadable(format!(
                "{LIST_SUBSCRIPTIONS}: a subscription has no SubscriptionArn"
            ));
        };
        out.push(Subscription {
            protocol: s.protocol().map(str::to_string),
            confirmed: arn.starts_with("arn:"),
        });
    }
    Observed::Value(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pending_subscriptions_are_kept_unconfirmed_and_no_endpoint_is_kept() {
        let listed = vec![
            SdkSubscription::builder()
                .subscription_arn("arn:aws:sns:us-east-1:1:alerts:5e")
                .protocol("email")
                .endpoint("secops@example.com")
                .build(),
            SdkSubscription::builder()
                .subscription_arn("PendingConfirmation")
                .protocol("email")
                .build(),
        ];
        let got = subscriptions_of(&listed);
        assert_eq!(
            got,
            Observed::Value(vec![
                Subscription {
                    protocol: Some("email".into()),
                    confirmed: true
                },
                Subscription {
                    protocol: Some("email".into()),
                    confirmed: false
                },
            ])
        );
        assert!(!serde_json::to_string(&got).unwrap().contains("example.com"));
        let unnamed = subscriptions_of(&[SdkSubscription::builder().protocol("sqs").build()]);
        assert!(unnamed.unreadable_reason().is_some());
    }

    #[test]
    fn a_topic_without_a_kms_key_is_unencrypted_and_a_failed_read_unreadable() {
        let attrs = |pairs: &[(&str, &str)]| {
            Observed::Value(
                pairs
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
            )
        };
        assert_eq!(
            key_of(attrs(&[("KmsMasterKeyId", "alias/aws/sns")])),
            Observed::Value("alias/aws/sns".into())
        );
        assert_eq!(key_of(attrs(&[("TopicArn", "arn:x")])), Observed::Absent);
        assert_eq!(key_of(attrs(&[("KmsMasterKeyId", "")])), Observed::Absent);
        assert!(
            key_of(Observed::unreadable("sns:GetTopicAttributes: AccessDenied"))
                .unreadable_reason()
                .is_some()
        );
    }
}
