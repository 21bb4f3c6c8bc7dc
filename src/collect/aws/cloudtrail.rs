//! CloudTrail: every trail that applies to a scanned region (shadow and organization
//! trails included), read in its home region, with its status and selectors, plus an
//! account-wide summary so "a multi-region trail exists" has a resource to pass or
//! fail. The exposure and tamper protection of each trail's log bucket are joined from
//! the S3 collector's reading of it (join.rs).

use std::collections::BTreeMap;

use aws_sdk_cloudtrail::Client;
use aws_sdk_cloudtrail::operation::get_event_selectors::GetEventSelectorsOutput;
use aws_sdk_cloudtrail::types::{AdvancedEventSelector, EventSelector, Trail};
use serde::Serialize;
use serde_json::Value;

use super::error::{observe, reason, required};
use super::{AwsContext, Collected, Found, rfc3339};
use crate::inventory::{GLOBAL_REGION, Observed};

pub use crate::registry::names::AWS_CLOUDTRAIL_ACCOUNT as ACCOUNT;
pub use crate::registry::names::AWS_CLOUDTRAIL_TRAIL as TRAIL;

#[derive(Serialize)]
struct TrailAttributes {
    is_multi_region: Observed<bool>,
    home_region: Observed<Option<String>>,
    log_file_validation: Observed<bool>,
    kms_key_id: Observed<Option<String>>,
    is_logging: Observed<bool>,
    cloudwatch_logs_log_group_arn: Observed<Option<String>>,
    latest_cloudwatch_logs_delivery: Observed<Option<String>>,
    management_events: Observed<bool>,
    s3_data_events: Observed<S3DataEvents>,
    s3_bucket_name: Observed<Option<String>>,
    /// The error of the trail's latest delivery to its bucket (`NoSuchBucket` once the
    /// bucket is gone), null when the latest delivery succeeded: how join.rs tells a
    /// deleted log bucket from another account's.
    latest_delivery_error: Observed<Option<String>>,
}

/// Which S3 object-level (data) events a trail's selectors record, writes and reads
/// apart, as CIS AWS Foundations 4.8 and 4.9 judge them separately.
#[derive(Serialize, Clone, Default, Debug, PartialEq)]
pub struct S3DataEvents {
    pub write: S3Coverage,
    pub read: S3Coverage,
}

#[derive(Serialize, Clone, Default, Debug, PartialEq)]
pub struct S3Coverage {
    /// Recorded for every bucket, current and future, with no other filter.
    pub all_buckets: bool,
    /// Selectors that record these events for some buckets or some events only, each
    /// described, so a failure can say the trail is close but narrower.
    pub only: Vec<String>,
}

#[derive(Serialize, Clone)]
pub struct TrailSummary {
    pub name: String,
    pub arn: String,
    pub is_multi_region: bool,
    pub is_logging: Option<bool>,
    pub management_events: Option<bool>,
    pub cloudwatch_logs_log_group_arn: Option<String>,
    pub latest_cloudwatch_logs_delivery: Option<String>,
    pub s3_data_events: Option<Value>,
}

#[derive(Serialize)]
struct AccountAttributes {
    trails: Observed<Vec<TrailSummary>>,
}

/// What DescribeTrails answered in each scanned region, shadow trails included.
pub type Listed = Vec<(String, Result<Vec<Trail>, String>)>;

/// Trails by ARN, each with the region to read it in.
pub type ToRead = BTreeMap<String, (Trail, String)>;

/// Each scanned region's listing outcome.
pub type Listings = Vec<(String, Result<Found, String>)>;

/// The trails to read, once each, by ARN, with the region to read them in (their home
/// region), and what each region's listing held that could not be named.
///
/// DescribeTrails lists, in each region, every trail that applies there: the region's
/// own, multi-region trails homed elsewhere and organization trails of the management
/// account (shadow trails). Leaving those out gives a member account, or a scan that
/// skips a trail's home region, a false "no multi-region trail".
pub fn trails_to_read(listed: &Listed) -> (ToRead, Listings) {
    let mut trails = ToRead::new();
    let mut listings = Vec::new();
    for (region, outcome) in listed {
        let outcome = match outcome {
            Err(e) => Err(e.clone()),
            Ok(list) => {
                let mut found = Found::default();
                for t in list {
                    let (Some(_), Some(arn)) = (t.name(), t.trail_arn()) else {
                        found.without_id("cloudtrail:DescribeTrails", "Name or TrailARN");
                        continue;
                    };
                    let home = t.home_region().unwrap_or(region).to_string();
                    trails
                        .entry(arn.to_string())
                        .or_insert_with(|| (t.clone(), home));
                }
                Ok(found)
            }
        };
        listings.push((region.clone(), outcome));
    }
    (trails, listings)
}

pub async fn collect(ctx: &AwsContext) -> Collected {
    use futures::StreamExt;
    ctx.progress.stage(&format!(
        "cloudtrail: listing trails in {} regions",
        ctx.regions.len()
    ));
    let listed: Listed = futures::stream::iter(ctx.regions.clone())
        .map(|region| async move {
            let ct = Client::new(&ctx.regional(&region));
            let listed = ct
                .describe_trails()
                .include_shadow_trails(true)
                .send()
                .await
                .map(|out| out.trail_list().to_vec())
                .map_err(|e| reason("cloudtrail:DescribeTrails", &e));
            (region, listed)
        })
        .buffer_unordered(super::REGIONS_AT_ONCE)
        .collect()
        .await;
    let (trails, listings) = trails_to_read(&listed);
    let mut out = Collected::default();
    for (region, outcome) in listings {
        out.found(ctx, TRAIL, &region, outcome);
    }
    ctx.progress
        .stage(&format!("cloudtrail: reading {} trails", trails.len()));
    let read: Vec<crate::inventory::Resource> = futures::stream::iter(trails)
        .map(|(arn, (t, home))| async move { read_trail(ctx, &arn, &t, &home).await })
        .buffer_unordered(ctx.concurrency)
        .collect()
        .await;
    out.resources.extend(read);
    out.listed(ctx, ACCOUNT, GLOBAL_REGION, Ok(vec![account(ctx, &out)]));
    out
}

/// Reads one trail's status and selectors in its home region: the one region where
/// every emulator and AWS itself serve both for a shadow trail. Its log bucket is
/// read by the S3 collector and joined onto it (join.rs).
async fn read_trail(
    ctx: &AwsContext,
    arn: &str,
    t: &Trail,
    home: &str,
) -> crate::inventory::Resource {
    let ct = Client::new(&ctx.regional(home));
    let status = ct.get_trail_status().name(arn).send().await;
    let status = observe("cloudtrail:GetTrailStatus", status, &[]);
    let selectors = observe(
        "cloudtrail:GetEventSelectors",
        ct.get_event_selectors().trail_name(arn).send().await,
        &[],
    );
    let s3_data_events = selectors.clone().and_then(|s| s3_data_events_of(&s));
    let selectors = selectors.and_then(|s| management_events_of(&s));
    let bucket = t.s3_bucket_name().map(str::to_string);
    let attrs = TrailAttributes {
        is_multi_region: required(
            "cloudtrail:DescribeTrails",
            "IsMultiRegionTrail",
            t.is_multi_region_trail(),
        ),
        home_region: Observed::Value(t.home_region().map(str::to_string)),
        log_file_validation: required(
            "cloudtrail:DescribeTrails",
            "LogFileValidationEnabled",
            t.log_file_validation_enabled(),
        ),
        kms_key_id: Observed::Value(t.kms_key_id().map(str::to_string)),
        is_logging: status
            .clone()
            .map(|s| s.is_logging())
            .and_then_required("cloudtrail:GetTrailStatus", "IsLogging"),
        cloudwatch_logs_log_group_arn: Observed::Value(
            t.cloud_watch_logs_log_group_arn().map(str::to_string),
        ),
        latest_cloudwatch_logs_delivery: status
            .clone()
            .map(|s| s.latest_cloud_watch_logs_delivery_time().and_then(rfc3339)),
        latest_delivery_error: status.map(|s| {
            s.latest_delivery_error()
                .filter(|e| !e.is_empty())
                .map(str::to_string)
        }),
        management_events: selectors,
        s3_data_events,
        s3_bucket_name: Observed::Value(bucket),
    };
    let name = t.name().unwrap_or(arn).to_string();
    ctx.resource(TRAIL, arn.to_string(), name, home, &attrs)
}

/// The account-wide view: every trail seen in any scanned region. If any region's
/// listing failed, the view is incomplete and so unreadable.
fn account(ctx: &AwsContext, trails: &Collected) -> crate::inventory::Resource {
    // A value that could not be read on any trail (a flag, the delivery time, the S3
    // data events) could decide "is there a multi-region trail that ...", so it makes
    // the whole view unreadable.
    let mut failed = trails.listing_errors(TRAIL);
    let mut seen: BTreeMap<String, TrailSummary> = BTreeMap::new();
    for r in trails.resources.iter().filter(|r| r.resource_type == TRAIL) {
        let mut value = |name: &str| match r.attributes.get(name) {
            Some(Observed::Value(v)) if !v.is_null() => Some(v.clone()),
            Some(Observed::Unreadable(reason)) => {
                failed.push(format!("{}: {reason}", r.name));
                None
            }
            _ => None,
        };
        let text = |v: Option<Value>| v.and_then(|v| v.as_str().map(str::to_string));
        let summary = TrailSummary {
            name: r.name.clone(),
            arn: r.id.clone(),
            is_multi_region: value("is_multi_region")
                .and_then(|v| v.as_bool())
                .unwrap_or(false),
            is_logging: value("is_logging").and_then(|v| v.as_bool()),
            management_events: value("management_events").and_then(|v| v.as_bool()),
            cloudwatch_logs_log_group_arn: text(value("cloudwatch_logs_log_group_arn")),
            latest_cloudwatch_logs_delivery: text(value("latest_cloudwatch_logs_delivery")),
            s3_data_events: value("s3_data_events"),
        };
        seen.insert(r.id.clone(), summary);
    }
    let summary = Observed::whole_unless(seen.into_values().collect(), "trail", &failed);
    ctx.resource(
        ACCOUNT,
        ctx.arn("cloudtrail", GLOBAL_REGION, "trails"),
        format!("CloudTrail of account {}", ctx.account),
        GLOBAL_REGION,
        &AccountAttributes { trails: summary },
    )
}

const SELECTORS: &str = "cloudtrail:GetEventSelectors";

/// Whether the selectors record read and write management events: a basic selector
/// with IncludeManagementEvents true and ReadWriteType All, or an advanced selector on
/// eventCategory Management that does not filter readOnly. GetEventSelectors always
/// names both fields of a basic selector; an answer without them is unreadable, not
/// the defaults PutEventSelectors would have applied.
pub fn management_events_of(out: &GetEventSelectorsOutput) -> Observed<bool> {
    let mut classic = false;
    for e in out.event_selectors() {
        let (Some(include), Some(rw)) = (e.include_management_events(), e.read_write_type()) else {
            return Observed::unreadable(format!(
                "{SELECTORS}: an event selector has no IncludeManagementEvents or ReadWriteType"
            ));
        };
        classic |= include && rw.as_str() == "All";
    }
    let advanced = out.advanced_event_selectors().iter().any(|a| {
        a.field_selectors()
            .iter()
            .any(|f| f.field() == "eventCategory" && f.equals().iter().any(|v| v == "Management"))
            && !a.field_selectors().iter().any(|f| f.field() == "readOnly")
    });
    Observed::Value(classic || advanced)
}

/// The S3 object-level events a trail records, from its basic or advanced selectors. A
/// field GetEventSelectors documents (a basic selector's ReadWriteType, a data
/// resource's Type) missing from the answer makes the whole reading unreadable: which
/// events it would have recorded is not known.
pub fn s3_data_events_of(out: &GetEventSelectorsOutput) -> Observed<S3DataEvents> {
    let mut events = S3DataEvents::default();
    for e in out.event_selectors() {
        if let Err(r) = basic_selector(e, &mut events) {
            return Observed::Unreadable(r);
        }
    }
    for (i, a) in out.advanced_event_selectors().iter().enumerate() {
        advanced_selector(i, a, &mut events);
    }
    Observed::Value(events)
}

/// `arn:aws:s3` (and `arn:aws:s3:::`) in any partition stands for every bucket,
/// including those created later; anything longer names a bucket or a prefix.
fn is_all_buckets(value: &str) -> bool {
    let mut parts = value.splitn(3, ':');
    let (Some("arn"), Some(_partition), Some(rest)) = (parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    rest == "s3" || rest == "s3:::"
}

fn basic_selector(e: &EventSelector, events: &mut S3DataEvents) -> Result<(), String> {
    let mut values: Vec<&str> = Vec::new();
    for d in e.data_resources() {
        let Some(kind) = d.r#type() else {
            return Err(format!(
                "{SELECTORS}: an event selector has a data resource without Type"
            ));
        };
        if kind == "AWS::S3::Object" {
            values.extend(d.values().iter().map(String::as_str));
        }
    }
    if values.is_empty() {
        return Ok(());
    }
    let Some(rw) = e.read_write_type() else {
        return Err(format!(
            "{SELECTORS}: an event selector logging S3 data events has no ReadWriteType"
        ));
    };
    let (write, read) = match rw.as_str() {
        "All" => (true, true),
        "WriteOnly" => (true, false),
        "ReadOnly" => (false, true),
        other => {
            return Err(format!(
                "{SELECTORS}: an event selector has an unknown ReadWriteType {other}"
            ));
        }
    };
    let all = values.iter().any(|v| is_all_buckets(v));
    let only = format!("event selector for {} ({})", values.join(", "), rw.as_str());
    for (wanted, cov) in [(write, &mut events.write), (read, &mut events.read)] {
        if !wanted {
            continue;
        }
        if all {
            cov.all_buckets = true;
        } else {
            cov.only.push(only.clone());
        }
    }
    Ok(())
}

/// An advanced selector records the events that match all of its field selectors. It
/// covers S3 object events for every bucket when it selects eventCategory Data and
/// resources.type AWS::S3::Object and filters nothing else but readOnly; any other
/// filter (resources.ARN, eventName, ...) narrows it, and it is then described.
fn advanced_selector(i: usize, a: &AdvancedEventSelector, events: &mut S3DataEvents) {
    let fields = a.field_selectors();
    let equals = |field: &str, value: &str| {
        fields
            .iter()
            .any(|f| f.field() == field && f.equals().iter().any(|v| v == value))
    };
    if !equals("eventCategory", "Data") || !equals("resources.type", "AWS::S3::Object") {
        return;
    }
    let (mut write, mut read) = (true, true);
    let mut narrowed: Vec<String> = Vec::new();
    for f in fields {
        match f.field() {
            "eventCategory" | "resources.type" => {}
            "readOnly" => {
                let plain = f.starts_with().is_empty()
                    && f.ends_with().is_empty()
                    && f.not_starts_with().is_empty()
                    && f.not_ends_with().is_empty();
                let has = |l: &[String], v: &str| l.iter().any(|x| x == v);
                if !plain {
                    narrowed.push("readOnly".into());
                }
                if !f.equals().is_empty() {
                    write &= has(f.equals(), "false");
                    read &= has(f.equals(), "true");
                }
                write &= !has(f.not_equals(), "false");
                read &= !has(f.not_equals(), "true");
            }
            other => narrowed.push(other.to_string()),
        }
    }
    let label = match a.name() {
        Some(n) if !n.is_empty() => format!("advanced selector {n}"),
        _ => format!("advanced selector {}", i + 1),
    };
    for (wanted, cov) in [(write, &mut events.write), (read, &mut events.read)] {
        if !wanted {
            continue;
        }
        if narrowed.is_empty() {
            cov.all_buckets = true;
        } else {
            cov.only
                .push(format!("{label} filtered on {}", narrowed.join(", ")));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trail(name: &str, home: &str, multi: bool) -> Trail {
        Trail::builder()
            .name(name)
            .trail_arn(format!(
                "arn:aws:cloudtrail:{home}:999988887777:trail/{name}"
            ))
            .home_region(home)
            .is_multi_region_trail(multi)
            .build()
    }

    #[test]
    fn shadow_trails_are_read_once_in_their_home_region() {
        let org = trail("org", "us-west-2", true);
        let listed: Listed = vec![
            (
                "us-east-1".into(),
                Ok(vec![org.clone(), trail("local", "us-east-1", false)]),
            ),
            ("eu-west-1".into(), Ok(vec![org.clone()])),
        ];
        let (trails, listings) = trails_to_read(&listed);
        assert_eq!(trails.len(), 2);
        let (_, home) = &trails["arn:aws:cloudtrail:us-west-2:999988887777:trail/org"];
        assert_eq!(
            home, "us-west-2",
            "read where it lives, though that region is not scanned"
        );
        assert!(
            listings
                .iter()
                .all(|(_, o)| o.as_ref().is_ok_and(|f| f.error().is_none()))
        );
    }

    #[test]
    fn a_trail_without_a_name_or_arn_makes_its_listing_an_error() {
        let nameless = Trail::builder().home_region("us-east-1").build();
        let listed: Listed = vec![
            ("us-east-1".into(), Ok(vec![nameless])),
            (
                "eu-west-1".into(),
                Err("cloudtrail:DescribeTrails: AccessDenied".into()),
            ),
        ];
        let (trails, listings) = trails_to_read(&listed);
        assert!(trails.is_empty());
        let errors: Vec<Option<String>> = listings
            .iter()
            .map(|(_, o)| match o {
                Ok(f) => f.error(),
                Err(e) => Some(e.clone()),
            })
            .collect();
        assert_eq!(
            errors,
            vec![
                Some("cloudtrail:DescribeTrails: 1 item has no Name or TrailARN; such items cannot be judged".into()),
                Some("cloudtrail:DescribeTrails: AccessDenied".into()),
            ]
        );
    }

    use aws_sdk_cloudtrail::types::{AdvancedFieldSelector, DataResource, ReadWriteType};

    fn basic(rw: Option<ReadWriteType>, kind: Option<&str>, values: &[&str]) -> EventSelector {
        let mut d = DataResource::builder().set_type(kind.map(str::to_string));
        for v in values {
            d = d.values(*v);
        }
        EventSelector::builder()
            .set_read_write_type(rw)
            .include_management_events(false)
            .data_resources(d.build())
            .build()
    }

    fn field(name: &str, equals: &[&str]) -> AdvancedFieldSelector {
        let mut f = AdvancedFieldSelector::builder().field(name);
        for v in equals {
            f = f.equals(*v);
        }
        f.build().unwrap()
    }

    fn advanced(name: &str, fields: Vec<AdvancedFieldSelector>) -> AdvancedEventSelector {
        AdvancedEventSelector::builder()
            .name(name)
            .set_field_selectors(Some(fields))
            .build()
            .unwrap()
    }

    fn of_basic(selectors: Vec<EventSelector>) -> Observed<S3DataEvents> {
        s3_data_events_of(
            &GetEventSelectorsOutput::builder()
                .set_event_selectors(Some(selectors))
                .build(),
        )
    }

    fn of_advanced(selectors: Vec<AdvancedEventSelector>) -> Observed<S3DataEvents> {
        s3_data_events_of(
            &GetEventSelectorsOutput::builder()
                .set_advanced_event_selectors(Some(selectors))
                .build(),
        )
    }

    fn all() -> S3Coverage {
        S3Coverage {
            all_buckets: true,
            only: vec![],
        }
    }

    #[test]
    fn management_events_need_both_fields_of_a_basic_selector() {
        let sel = |include: Option<bool>, rw: Option<ReadWriteType>| {
            EventSelector::builder()
                .set_include_management_events(include)
                .set_read_write_type(rw)
                .build()
        };
        let of = |e: EventSelector| {
            management_events_of(
                &GetEventSelectorsOutput::builder()
                    .event_selectors(e)
                    .build(),
            )
        };
        assert_eq!(
            of(sel(Some(true), Some(ReadWriteType::All))),
            Observed::Value(true)
        );
        assert_eq!(
            of(sel(Some(true), Some(ReadWriteType::WriteOnly))),
            Observed::Value(false)
        );
        assert_eq!(
            of(sel(Some(false), Some(ReadWriteType::All))),
            Observed::Value(false)
        );
        assert_eq!(
            of(sel(None, Some(ReadWriteType::All))).unreadable_reason(),
            Some(
                "cloudtrail:GetEventSelectors: an event selector has no IncludeManagementEvents or ReadWriteType"
            )
        );
        assert!(of(sel(Some(true), None)).unreadable_reason().is_some());
    }

    #[test]
    fn a_write_only_selector_on_every_bucket_records_writes_not_reads() {
        let events = of_basic(vec![basic(
            Some(ReadWriteType::WriteOnly),
            Some("AWS::S3::Object"),
            &["arn:aws:s3"],
        )]);
        assert_eq!(
            events,
            Observed::Value(S3DataEvents {
                write: all(),
                read: S3Coverage::default(),
            })
        );
        let gov = of_basic(vec![basic(
            Some(ReadWriteType::All),
            Some("AWS::S3::Object"),
            &["arn:aws-us-gov:s3:::"],
        )]);
        assert_eq!(
            gov,
            Observed::Value(S3DataEvents {
                write: all(),
                read: all(),
            })
        );
    }

    #[test]
    fn a_selector_naming_buckets_covers_only_those() {
        let events = of_basic(vec![
            basic(
                Some(ReadWriteType::ReadOnly),
                Some("AWS::S3::Object"),
                &["arn:aws:s3:::a/", "arn:aws:s3:::b/logs"],
            ),
            basic(
                Some(ReadWriteType::All),
                Some("AWS::Lambda::Function"),
                &["arn:aws:lambda"],
            ),
        ]);
        assert_eq!(
            events,
            Observed::Value(S3DataEvents {
                write: S3Coverage::default(),
                read: S3Coverage {
                    all_buckets: false,
                    only: vec![
                        "event selector for arn:aws:s3:::a/, arn:aws:s3:::b/logs (ReadOnly)".into()
                    ],
                },
            })
        );
    }

    #[test]
    fn a_selector_without_its_read_write_type_or_resource_type_is_unreadable() {
        assert_eq!(
            of_basic(vec![basic(None, Some("AWS::S3::Object"), &["arn:aws:s3"])])
                .unreadable_reason(),
            Some(
                "cloudtrail:GetEventSelectors: an event selector logging S3 data events has no ReadWriteType"
            )
        );
        assert_eq!(
            of_basic(vec![basic(Some(ReadWriteType::All), None, &["arn:aws:s3"])])
                .unreadable_reason(),
            Some(
                "cloudtrail:GetEventSelectors: an event selector has a data resource without Type"
            )
        );
        // A management-only selector without ReadWriteType says nothing about S3.
        let mgmt = EventSelector::builder()
            .include_management_events(true)
            .build();
        assert_eq!(
            of_basic(vec![mgmt]),
            Observed::Value(S3DataEvents::default())
        );
    }

    #[test]
    fn advanced_selectors_are_read_by_category_type_and_read_only() {
        let s3 = || {
            vec![
                field("eventCategory", &["Data"]),
                field("resources.type", &["AWS::S3::Object"]),
            ]
        };
        let mut writes = s3();
        writes.push(field("readOnly", &["false"]));
        let mut narrowed = s3();
        narrowed.push(
            AdvancedFieldSelector::builder()
                .field("resources.ARN")
                .starts_with("arn:aws:s3:::app/")
                .build()
                .unwrap(),
        );
        let events = of_advanced(vec![
            advanced("writes", writes),
            advanced("app", narrowed),
            advanced("mgmt", vec![field("eventCategory", &["Management"])]),
        ]);
        assert_eq!(
            events,
            Observed::Value(S3DataEvents {
                write: S3Coverage {
                    all_buckets: true,
                    only: vec!["advanced selector app filtered on resources.ARN".into()],
                },
                read: S3Coverage {
                    all_buckets: false,
                    only: vec!["advanced selector app filtered on resources.ARN".into()],
                },
            })
        );
        assert_eq!(
            of_advanced(vec![advanced("everything", s3())]),
            Observed::Value(S3DataEvents {
                write: all(),
                read: all(),
            })
        );
    }
}
