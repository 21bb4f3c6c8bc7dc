//! EC2 launch templates: the instance metadata and network settings the instances an
//! Auto Scaling group or a user launches from them will get. Only the default and the
//! latest version of each template are read: those are the versions `$Default` and
//! `$Latest` launch, and the ones a template's users mean.

use std::collections::BTreeMap;

use aws_sdk_ec2::Client;
use aws_sdk_ec2::types::{LaunchTemplate, LaunchTemplateVersion};
use serde::Serialize;

use super::list::items;
use super::{AwsContext, Found};
use crate::inventory::Observed;

pub use crate::registry::names::AWS_EC2_LAUNCH_TEMPLATE as LAUNCH_TEMPLATE;

const LIST: &str = "ec2:DescribeLaunchTemplates";
const VERSIONS: &str = "ec2:DescribeLaunchTemplateVersions";

#[derive(Serialize, Debug, PartialEq)]
struct TemplateAttributes {
    versions: Observed<Vec<Version>>,
}

/// One version's settings. A launch template sets only what it names: an unset field
/// is null, and the instance then gets the AMI's or the account's default.
#[derive(Serialize, Debug, Clone, PartialEq)]
struct Version {
    version: i64,
    is_default: bool,
    is_latest: bool,
    /// `required` or `optional`; null when the template leaves it unset.
    http_tokens: Option<String>,
    /// `enabled` or `disabled`; null when unset.
    http_endpoint: Option<String>,
    /// Whether any network interface of the template asks for a public IPv4 address;
    /// null when none says (the subnet's setting decides).
    associate_public_ip: Option<bool>,
}

/// The region's launch templates, each with its default and latest versions. The
/// versions of every template come from one account-wide call; when it fails, every
/// template is still listed, with unreadable versions.
pub async fn list(ctx: &AwsContext, ec2: &Client, region: &str) -> Result<Found, String> {
    let templates: Vec<LaunchTemplate> = items!(LIST, ec2.describe_launch_templates())?;
    if templates.is_empty() {
        return Ok(Found::default());
    }
    let versions: Result<Vec<LaunchTemplateVersion>, String> = items!(
        VERSIONS,
        ec2.describe_launch_template_versions()
            .versions("$Default")
            .versions("$Latest")
    );
    let by_template = versions.map(|v| versions_by_template(&v));
    Ok(Found::each(templates, LIST, "LaunchTemplateId", |t| {
        let id = t.launch_template_id()?.to_string();
        let name = t.launch_template_name().unwrap_or(&id).to_string();
        let versions = match &by_template {
            Err(why) => Observed::unreadable(why.clone()),
            Ok(map) => match map.get(&id) {
                Some(v) => v.clone(),
                None => {
                    Observed::unreadable(format!("{VERSIONS}: the response has no version of {id}"))
                }
            },
        };
        let arn = ctx.arn("ec2", region, &format!("launch-template/{id}"));
        Some(ctx.resource(
            LAUNCH_TEMPLATE,
            arn,
            name,
            region,
            &TemplateAttributes { versions },
        ))
    }))
}

/// The versions of each template, by template id, in version order. A version without
/// its template id cannot be placed and is skipped (its template then reports its
/// versions missing); one without its number makes its template's versions
/// unreadable. `$Default` and `$Latest` name the same version when a template has one.
fn versions_by_template(
    versions: &[LaunchTemplateVersion],
) -> BTreeMap<String, Observed<Vec<Version>>> {
    let mut out: BTreeMap<String, Observed<Vec<Version>>> = BTreeMap::new();
    let mut latest: BTreeMap<String, i64> = BTreeMap::new();
    for v in versions {
        let Some(id) = v.launch_template_id() else {
            continue;
        };
        let entry = out
            .entry(id.to_string())
            .or_insert_with(|| Observed::Value(Vec::new()));
        let Some(number) = v.version_number() else {
            *entry = Observed::unreadable(format!(
                "{VERSIONS}: a version of {id} has no VersionNumber"
            ));
            continue;
        };
        if let Observed::Value(list) = entry
            && !list.iter().any(|x| x.version == number)
        {
            list.push(version_of(v, number));
        }
        let top = latest.entry(id.to_string()).or_insert(number);
        *top = (*top).max(number);
    }
    for (id, entry) in &mut out {
        if let Observed::Value(list) = entry {
            list.sort_by_key(|v| v.version);
            for v in list.iter_mut() {
                v.is_latest = latest.get(id) == Some(&v.version);
            }
        }
    }
    out
}

fn version_of(v: &LaunchTemplateVersion, number: i64) -> Version {
    let data = v.launch_template_data();
    let metadata = data.and_then(|d| d.metadata_options());
    Version {
        version: number,
        is_default: v.default_version().unwrap_or(false),
        is_latest: false,
        http_tokens: metadata
            .and_then(|m| m.http_tokens())
            .map(|t| t.as_str().to_string()),
        http_endpoint: metadata
            .and_then(|m| m.http_endpoint())
            .map(|e| e.as_str().to_string()),
        associate_public_ip: data.and_then(|d| {
            let asks: Vec<bool> = d
                .network_interfaces()
                .iter()
                .filter_map(|n| n.associate_public_ip_address())
                .collect();
            (!asks.is_empty()).then(|| asks.contains(&true))
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole listing against recorded answers: a template whose default version
    /// requires IMDSv2 and whose newer latest version does not, one whose versions did
    /// not come back (unreadable, not "nothing set"), one listed without its id, and the
    /// versions call failing (every template still listed, versions unreadable).
    #[tokio::test]
    async fn recorded_answers_become_templates_with_their_default_and_latest_versions() {
        let answer = |versions_ok: bool| {
            super::super::replay::context(move |op, body| {
                match op {
                "DescribeLaunchTemplates" => (
                    200,
                    r#"<DescribeLaunchTemplatesResponse><launchTemplates>
                        <item><launchTemplateId>lt-1</launchTemplateId><launchTemplateName>web</launchTemplateName></item>
                        <item><launchTemplateId>lt-2</launchTemplateId><launchTemplateName>lost</launchTemplateName></item>
                        <item><launchTemplateName>nameless</launchTemplateName></item>
                    </launchTemplates></DescribeLaunchTemplatesResponse>"#
                        .into(),
                ),
                "DescribeLaunchTemplateVersions" if versions_ok => {
                    assert!(body.contains("%24Default") && body.contains("%24Latest"), "{body}");
                    (
                        200,
                        r#"<DescribeLaunchTemplateVersionsResponse><launchTemplateVersionSet>
                        <item><launchTemplateId>lt-1</launchTemplateId><versionNumber>2</versionNumber><defaultVersion>false</defaultVersion>
                          <launchTemplateData><networkInterfaceSet><item><associatePublicIpAddress>true</associatePublicIpAddress></item></networkInterfaceSet></launchTemplateData></item>
                        <item><launchTemplateId>lt-1</launchTemplateId><versionNumber>1</versionNumber><defaultVersion>true</defaultVersion>
                          <launchTemplateData><metadataOptions><httpTokens>required</httpTokens><httpEndpoint>enabled</httpEndpoint></metadataOptions></launchTemplateData></item>
                    </launchTemplateVersionSet></DescribeLaunchTemplateVersionsResponse>"#
                            .into(),
                    )
                }
                "DescribeLaunchTemplateVersions" => (
                    403,
                    r#"<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>denied</Message></Error></Errors></Response>"#
                        .into(),
                ),
                other => panic!("unexpected call {other}"),
            }
            })
        };
        let ctx = answer(true);
        let ec2 = Client::new(&ctx.regional("us-east-1"));
        let found = list(&ctx, &ec2, "us-east-1").await.unwrap();
        assert!(
            found
                .error()
                .is_some_and(|e| e.contains("LaunchTemplateId")),
            "{:?}",
            found.error()
        );
        let by_name =
            |f: &Found, n: &str| f.resources.iter().find(|r| r.name == n).cloned().unwrap();
        let web = by_name(&found, "web");
        assert_eq!(
            web.id,
            "arn:aws:ec2:us-east-1:111122223333:launch-template/lt-1"
        );
        assert_eq!(
            web.attributes["versions"],
            Observed::Value(serde_json::json!([
                {"version": 1, "is_default": true, "is_latest": false, "http_tokens": "required",
                 "http_endpoint": "enabled", "associate_public_ip": null},
                {"version": 2, "is_default": false, "is_latest": true, "http_tokens": null,
                 "http_endpoint": null, "associate_public_ip": true},
            ]))
        );
        assert!(
            by_name(&found, "lost").attributes["versions"]
                .unreadable_reason()
                .is_some_and(|r| r.contains("lt-2")),
        );

        let ctx = answer(false);
        let ec2 = Client::new(&ctx.regional("us-east-1"));
        let found = list(&ctx, &ec2, "us-east-1").await.unwrap();
        assert!(
            by_name(&found, "web").attributes["versions"]
                .unreadable_reason()
                .is_some_and(|r| r.starts_with(VERSIONS)),
        );
    }
}
