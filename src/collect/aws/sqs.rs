//! SQS queues: whether messages are encrypted at rest (SQS-managed SSE or a KMS key) and
//! who the queue policy lets in. Messages themselves are never read.

use std::collections::HashMap;

use aws_sdk_sqs::Client;
use aws_sdk_sqs::types::QueueAttributeName;
use serde::Serialize;
use serde_json::Value;

use super::error::observe;
use super::list::{describe_each, found_per_region, items, policy_document};
use super::{AwsContext, Collected, Found};
use crate::inventory::Observed;

pub use crate::registry::names::AWS_SQS_QUEUE as QUEUE;

const GET_ATTRIBUTES: &str = "sqs:GetQueueAttributes";

#[derive(Serialize, Debug, PartialEq)]
struct QueueAttributes {
    sqs_managed_sse: Observed<bool>,
    kms_master_key_id: Observed<String>,
    policy: Observed<Value>,
}

pub async fn collect(ctx: &AwsContext) -> Collected {
    found_per_region(ctx, "sqs", QUEUE, |region| async move {
        queues(ctx, &Client::new(&ctx.regional(&region)), &region).await
    })
    .await
}

async fn queues(ctx: &AwsContext, sqs: &Client, region: &str) -> Result<Found, String> {
    let urls: Vec<String> = items!("sqs:ListQueues", sqs.list_queues())?;
    let found = describe_each(
        ctx,
        urls,
        ("sqs:ListQueues", "QueueUrl", |u: &String| Some(u.as_str())),
        |(url, _)| async move {
            let answer = observe(
                GET_ATTRIBUTES,
                sqs.get_queue_attributes()
                    .queue_url(&url)
                    .attribute_names(QueueAttributeName::All)
                    .send()
                    .await,
                &[],
            )
            // A queue always has attributes (QueueArn at least): an answer without the
            // map is malformed, not a queue without a policy or key.
            .map(|a| a.attributes)
            .and_then_required::<HashMap<QueueAttributeName, String>>(GET_ATTRIBUTES, "Attributes");
            // A queue whose attributes cannot be read is still a queue, named by the
            // ARN its URL spells (https://sqs.REGION.../ACCOUNT/NAME).
            let name = url.rsplit('/').next().unwrap_or(&url).to_string();
            let arn = match answer
                .value()
                .and_then(|a| a.get(&QueueAttributeName::QueueArn))
            {
                Some(arn) => arn.clone(),
                None => ctx.arn("sqs", region, &name),
            };
            Some(ctx.resource(QUEUE, arn, name, region, &attributes_of(answer)))
        },
    )
    .await;
    Ok(found)
}

/// What a GetQueueAttributes answer says. `SqsManagedSseEnabled` is in every answer for
/// `All` since SQS-managed SSE exists, so its absence is unreadable, not "off"; a
/// queue without `KmsMasterKeyId` or `Policy` has no key or no policy.
fn attributes_of(answer: Observed<HashMap<QueueAttributeName, String>>) -> QueueAttributes {
    let get = |name: QueueAttributeName| {
        answer
            .clone()
            .map(|a| a.get(&name).cloned())
            .and_then(|v| v.map_or(Observed::Absent, Observed::Value))
    };
    QueueAttributes {
        sqs_managed_sse: answer
            .clone()
            .map(|a| a.get(&QueueAttributeName::SqsManagedSseEnabled).cloned())
            .and_then_required(GET_ATTRIBUTES, "SqsManagedSseEnabled")
            .and_then(|v: String| match v.as_str() {
                "true" => Observed::Value(true),
                "false" => Observed::Value(false),
                other => Observed::unreadable(format!(
                    "{GET_ATTRIBUTES}: SqsManagedSseEnabled is {other:?}, not true or false"
                )),
            }),
        kms_master_key_id: get(QueueAttributeName::KmsMasterKeyId),
        policy: answer.and_then(|a| {
            policy_document(
                GET_ATTRIBUTES,
                a.get(&QueueAttributeName::Policy).map(String::as_str),
            )
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(
        pairs: &[(QueueAttributeName, &str)],
    ) -> Observed<HashMap<QueueAttributeName, String>> {
        Observed::Value(
            pairs
                .iter()
                .map(|(k, v)| (k.clone(), v.to_string()))
                .collect(),
        )
    }

    #[test]
    fn encryption_and_policy_are_read_and_a_missing_sse_flag_is_unreadable() {
        let got = attributes_of(answer(&[
            (QueueAttributeName::SqsManagedSseEnabled, "false"),
            (QueueAttributeName::KmsMasterKeyId, "alias/aws/sqs"),
            (QueueAttributeName::Policy, r#"{"Statement": []}"#),
        ]));
        assert_eq!(got.sqs_managed_sse, Observed::Value(false));
        assert_eq!(
            got.kms_master_key_id,
            Observed::Value("alias/aws/sqs".into())
        );
        assert_eq!(
            got.policy,
            Observed::Value(serde_json::json!({"Statement": []}))
        );

        let bare = attributes_of(answer(&[]));
        assert_eq!(
            bare.sqs_managed_sse,
            Observed::unreadable(
                "sqs:GetQueueAttributes: the response has no SqsManagedSseEnabled"
            )
        );
        assert_eq!(bare.kms_master_key_id, Observed::Absent);
        assert_eq!(bare.policy, Observed::Absent);

        let denied = attributes_of(Observed::unreadable("sqs:GetQueueAttributes: AccessDenied"));
        assert!(denied.policy.unreadable_reason().is_some());
        assert!(denied.sqs_managed_sse.unreadable_reason().is_some());
    }

    const URL: &str = "https://sqs.us-east-1.amazonaws.com/111122223333/orders";

    /// The whole collector against recorded answers: a queue read, a queue whose
    /// attributes are denied (still a resource, every attribute unreadable), and a
    /// listing that fails (an error listing, no resource).
    #[tokio::test]
    async fn recorded_answers_become_resources_listings_and_unreadable_attributes() {
        let ctx = super::super::replay::context(|op, body| {
            match op {
            "ListQueues" => (200, format!(r#"{{"QueueUrls": ["{URL}", "{URL}-denied"]}}"#)),
            "GetQueueAttributes" if body.contains("denied") => (
                403,
                r#"{"__type": "com.amazonaws.sqs#AccessDenied", "message": "no"}"#.into(),
            ),
            "GetQueueAttributes" => (
                200,
                r#"{"Attributes": {"QueueArn": "arn:aws:sqs:us-east-1:111122223333:orders", "SqsManagedSseEnabled": "true"}}"#.into(),
            ),
            other => panic!("unexpected call {other}"),
        }
        });
        let out = collect(&ctx).await;
        assert_eq!(out.listings.len(), 1);
        assert_eq!(out.listings[0].error, None);
        let by_name = |n: &str| out.resources.iter().find(|r| r.name == n).unwrap();
        let orders = by_name("orders");
        assert_eq!(orders.id, "arn:aws:sqs:us-east-1:111122223333:orders");
        assert_eq!(
            orders.attributes["sqs_managed_sse"],
            Observed::Value(serde_json::json!(true))
        );
        assert_eq!(orders.attributes["policy"], Observed::Absent);
        let denied = by_name("orders-denied");
        assert_eq!(
            denied.id,
            "arn:aws:sqs:us-east-1:111122223333:orders-denied"
        );
        assert!(
            denied.attributes["policy"]
                .unreadable_reason()
                .is_some_and(|r| r.starts_with("sqs:GetQueueAttributes: AccessDenied")),
            "{:?}",
            denied.attributes["policy"]
        );

        // An answer without its Attributes map is unreadable, not a queue without a
        // policy (which would pass the public-policy check).
        let empty = super::super::replay::context(|op, _| match op {
            "ListQueues" => (200, format!(r#"{{"QueueUrls": ["{URL}"]}}"#)),
            _ => (200, "{}".into()),
        });
        let out = collect(&empty).await;
        assert_eq!(
            out.resources[0].attributes["policy"],
            Observed::unreadable("sqs:GetQueueAttributes: the response has no Attributes")
        );

        let out = collect(&super::super::replay::failing()).await;
        super::super::replay::assert_listing_failed(&out, "sqs:ListQueues");
    }
}
