//! AWS Security Hub: ASFF findings imported with BatchImportFindings, 100 per call (the
//! API's limit), into the region each finding names. The scan's retry settings handle
//! throttling; findings Security Hub rejects one by one are reported by id.

use std::collections::BTreeMap;

use aws_config::Region;
use aws_sdk_securityhub::types::AwsSecurityFinding;
use serde_json::Value;

use super::DeliverError;
use crate::collect::aws::{self, AwsOptions};

const PER_CALL: usize = 100;

fn failed(reason: String) -> DeliverError {
    DeliverError::Failed {
        target: "AWS Security Hub".into(),
        reason,
    }
}

/// The ASFF JSON as the SDK's typed finding (the SDK has no JSON deserializer for it).
fn to_finding(v: &Value) -> Result<AwsSecurityFinding, String> {
    use aws_sdk_securityhub::types::{
        Compliance, ComplianceStatus, Recommendation, Remediation, Resource, Severity,
        SeverityLabel, Workflow, WorkflowStatus,
    };
    let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
    let resources = v["Resources"]
        .as_array()
        .map(|rs| {
            rs.iter()
                .map(|r| {
                    Resource::builder()
                        .r#type(r["Type"].as_str().unwrap_or("Other"))
                        .id(r["Id"].as_str().unwrap_or_default())
                        .set_partition(r["Partition"].as_str().map(Into::into))
                        .set_region(r["Region"].as_str().map(str::to_string))
                        .build()
                })
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    let product_fields = v["ProductFields"]
        .as_object()
        .map(|m| {
            m.iter()
                .map(|(k, val)| (k.clone(), val.as_str().unwrap_or_default().to_string()))
                .collect()
        })
        .unwrap_or_default();
    let remediation = Remediation::builder()
        .recommendation(
            Recommendation::builder()
                .text(
                    v["Remediation"]["Recommendation"]["Text"]
                        .as_str()
                        .unwrap_or_default(),
                )
                .set_url(
                    v["Remediation"]["Recommendation"]["Url"]
                        .as_str()
                        .map(str::to_string),
                )
                .build(),
        )
        .build();
    let finding = AwsSecurityFinding::builder()
        .schema_version(s("SchemaVersion"))
        .id(s("Id"))
        .product_arn(s("ProductArn"))
        .product_name(s("ProductName"))
        .company_name(s("CompanyName"))
        .generator_id(s("GeneratorId"))
        .aws_account_id(s("AwsAccountId"))
        .set_types(v["Types"].as_array().map(|t| {
            t.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        }))
        .created_at(s("CreatedAt"))
        .updated_at(s("UpdatedAt"))
        .severity(
            Severity::builder()
                .label(SeverityLabel::from(
                    v["Severity"]["Label"].as_str().unwrap_or("INFORMATIONAL"),
                ))
                .set_original(v["Severity"]["Original"].as_str().map(str::to_string))
                .build(),
        )
        .title(s("Title"))
        .description(s("Description"))
        .remediation(remediation)
        .set_product_fields(Some(product_fields))
        .set_resources(Some(resources))
        .compliance(
            Compliance::builder()
                .status(ComplianceStatus::from(
                    v["Compliance"]["Status"]
                        .as_str()
                        .unwrap_or("NOT_AVAILABLE"),
                ))
                .build(),
        )
        .workflow(
            Workflow::builder()
                .status(WorkflowStatus::from(
                    v["Workflow"]["Status"].as_str().unwrap_or("NEW"),
                ))
                .build(),
        )
        .record_state(aws_sdk_securityhub::types::RecordState::from(
            v["RecordState"].as_str().unwrap_or("ACTIVE"),
        ))
        .build();
    if v["Id"].as_str().is_none_or(str::is_empty) {
        return Err(format!(
            "a finding has no Id: {}",
            v.to_string().chars().take(120).collect::<String>()
        ));
    }
    Ok(finding)
}

/// The SDK configuration for the import: the scan's own profile, endpoint, region and
/// retry bounds (`aws` is `None` for `vouch check`, which has only the standard chain),
/// so a stalled endpoint cannot hold the run after its outputs are written.
async fn sdk_config(aws: Option<&AwsOptions>) -> Result<aws_config::SdkConfig, DeliverError> {
    aws::sdk_config(&aws.cloned().unwrap_or_default())
        .await
        .map_err(|e| failed(e.to_string()))
}

/// Refuses to import unless the credentials belong to the account every finding is
/// about. With the default product ARN Security Hub requires exactly that; checking it
/// first says so plainly, and stops findings of one account (a saved inventory, a
/// profile that points elsewhere) from being sent with another account's credentials.
async fn same_account(
    config: &aws_config::SdkConfig,
    findings: &[Value],
) -> Result<(), DeliverError> {
    let caller = aws_sdk_sts::Client::new(config)
        .get_caller_identity()
        .send()
        .await
        .map_err(|e| {
            failed(crate::collect::aws::error::reason(
                "sts:GetCallerIdentity",
                &e,
            ))
        })?;
    let caller = caller
        .account()
        .ok_or_else(|| failed("sts:GetCallerIdentity returned no account id".into()))?;
    let others: std::collections::BTreeSet<&str> = findings
        .iter()
        .map(|f| f["AwsAccountId"].as_str().unwrap_or_default())
        .filter(|a| *a != caller)
        .collect();
    if others.is_empty() {
        return Ok(());
    }
    Err(failed(format!(
        "the credentials are for account {caller}, but findings are about account {}: nothing imported (import with that account's credentials)",
        others.into_iter().collect::<Vec<_>>().join(", ")
    )))
}

/// Imports the findings; returns how many Security Hub accepted.
pub async fn send(findings: &[Value], aws: Option<&AwsOptions>) -> Result<usize, DeliverError> {
    let config = sdk_config(aws).await?;
    same_account(&config, findings).await?;
    let home = config
        .region()
        .map(|r| r.as_ref().to_string())
        .unwrap_or_else(|| "us-east-1".into());
    let mut by_region: BTreeMap<String, Vec<&Value>> = BTreeMap::new();
    for f in findings {
        let region = f["Resources"][0]["Region"]
            .as_str()
            .map(str::to_string)
            .unwrap_or_else(|| home.clone());
        by_region.entry(region).or_default().push(f);
    }
    let mut accepted = 0;
    let mut rejected: Vec<String> = Vec::new();
    for (region, list) in by_region {
        let client = aws_sdk_securityhub::Client::new(
            &config
                .clone()
                .into_builder()
                .region(Region::new(region.clone()))
                .build(),
        );
        for chunk in list.chunks(PER_CALL) {
            let typed = chunk
                .iter()
                .map(|f| to_finding(f))
                .collect::<Result<Vec<_>, _>>()
                .map_err(failed)?;
            let out = client
                .batch_import_findings()
                .set_findings(Some(typed))
                .send()
                .await
                .map_err(|e| {
                    failed(crate::collect::aws::error::reason(
                        "securityhub:BatchImportFindings",
                        &e,
                    ))
                })?;
            accepted += out.success_count().unwrap_or(0) as usize;
            for f in out.failed_findings() {
                rejected.push(format!(
                    "{}: {} {}",
                    f.id().unwrap_or_default(),
                    f.error_code().unwrap_or_default(),
                    f.error_message().unwrap_or_default()
                ));
            }
        }
    }
    if !rejected.is_empty() {
        return Err(failed(format!(
            "{accepted} findings imported, {} rejected ({})",
            rejected.len(),
            rejected
                .iter()
                .take(5)
                .cloned()
                .collect::<Vec<_>>()
                .join("; ")
        )));
    }
    Ok(accepted)
}
