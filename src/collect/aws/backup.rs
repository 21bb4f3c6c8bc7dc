//! AWS Backup: the plans of each region (with rules and selections) and the vaults.

use aws_sdk_backup::Client;
use aws_sdk_backup::operation::get_backup_plan::GetBackupPlanOutput;
use serde::Serialize;

use super::error::{observe, reason};
use super::{AwsContext, Collected, Found, per_region};
use crate::inventory::Observed;

pub const REGION_SETTINGS: &str = "aws_backup_region_settings";
pub const VAULT: &str = "aws_backup_vault";

#[derive(Serialize, Clone)]
pub struct Plan {
    pub name: String,
    pub id: String,
    pub rules: Vec<PlanRule>,
    pub selections: Vec<Selection>,
}

#[derive(Serialize, Clone)]
pub struct PlanRule {
    pub name: String,
    pub schedule: Option<String>,
    pub lifecycle_delete_after_days: Option<i64>,
}

#[derive(Serialize, Clone)]
pub struct Selection {
    pub name: String,
    pub resources: Vec<String>,
    pub iam_role: Option<String>,
}

#[derive(Serialize)]
struct RegionAttributes {
    plans: Observed<Vec<Plan>>,
}

#[derive(Serialize)]
struct VaultAttributes {
    encryption_key_arn: Observed<Option<String>>,
    /// `CUSTOMER` or `AWS` (KMS DescribeKey): the ARN alone does not say whose key it is.
    encryption_key_manager: Observed<Option<String>>,
    locked: Observed<bool>,
}

pub async fn collect(ctx: &AwsContext) -> Collected {
    per_region(ctx, "backup", |region| async move {
        let backup = Client::new(&ctx.regional(&region));
        let mut out = Collected::default();
        let settings = RegionAttributes {
            plans: plans(&backup).await,
        };
        out.settings(
            ctx,
            REGION_SETTINGS,
            "backup",
            &region,
            "AWS Backup",
            &settings,
        );
        out.found(ctx, VAULT, &region, vaults(ctx, &backup, &region).await);
        out
    })
    .await
}

async fn plans(backup: &Client) -> Observed<Vec<Plan>> {
    let listed = backup
        .list_backup_plans()
        .into_paginator()
        .items()
        .send()
        .try_collect()
        .await;
    let listed = match observe("backup:ListBackupPlans", listed, &[]) {
        Observed::Value(l) => l,
        Observed::Absent => return Observed::Absent,
        Observed::Unreadable(r) => return Observed::Unreadable(r),
    };
    let mut plans = Vec::new();
    for p in listed {
        let Some(id) = p.backup_plan_id() else {
            return Observed::unreadable("backup:ListBackupPlans: a plan has no BackupPlanId");
        };
        let rules = match observe(
            "backup:GetBackupPlan",
            backup.get_backup_plan().backup_plan_id(id).send().await,
            &[],
        ) {
            Observed::Value(out) => match plan_rules_of(&out) {
                Observed::Value(rules) => rules,
                Observed::Absent => Vec::new(),
                Observed::Unreadable(r) => return Observed::Unreadable(r),
            },
            Observed::Absent => Vec::new(),
            Observed::Unreadable(r) => return Observed::Unreadable(r),
        };
        let sels = backup
            .list_backup_selections()
            .backup_plan_id(id)
            .into_paginator()
            .items()
            .send()
            .try_collect()
            .await;
        let sels = match observe("backup:ListBackupSelections", sels, &[]) {
            Observed::Value(s) => s,
            Observed::Absent => Vec::new(),
            Observed::Unreadable(r) => return Observed::Unreadable(r),
        };
        let mut selections = Vec::new();
        for s in sels {
            let Some(sid) = s.selection_id() else {
                return Observed::unreadable(
                    "backup:ListBackupSelections: a selection has no SelectionId",
                );
            };
            match observe(
                "backup:GetBackupSelection",
                backup
                    .get_backup_selection()
                    .backup_plan_id(id)
                    .selection_id(sid)
                    .send()
                    .await,
                &[],
            ) {
                Observed::Value(out) => match out.backup_selection() {
                    Some(sel) => selections.push(Selection {
                        name: sel.selection_name().to_string(),
                        resources: sel.resources().to_vec(),
                        iam_role: Some(sel.iam_role_arn().to_string()),
                    }),
                    None => {
                        return Observed::unreadable(
                            "backup:GetBackupSelection: the response has no BackupSelection",
                        );
                    }
                },
                Observed::Absent => {}
                Observed::Unreadable(r) => return Observed::Unreadable(r),
            }
        }
        plans.push(Plan {
            name: p.backup_plan_name().unwrap_or_default().to_string(),
            id: id.to_string(),
            rules,
            selections,
        });
    }
    Observed::Value(plans)
}

/// The rules of a GetBackupPlan answer; a plan left out of it is unreadable, not a
/// plan without rules.
pub fn plan_rules_of(out: &GetBackupPlanOutput) -> Observed<Vec<PlanRule>> {
    let Some(plan) = out.backup_plan() else {
        return Observed::unreadable("backup:GetBackupPlan: the response has no BackupPlan");
    };
    Observed::Value(
        plan.rules()
            .iter()
            .map(|r| PlanRule {
                name: r.rule_name().to_string(),
                schedule: r.schedule_expression().map(str::to_string),
                lifecycle_delete_after_days: r.lifecycle().and_then(|l| l.delete_after_days()),
            })
            .collect(),
    )
}

async fn vaults(ctx: &AwsContext, backup: &Client, region: &str) -> Result<Found, String> {
    let listed = backup
        .list_backup_vaults()
        .into_paginator()
        .items()
        .send()
        .try_collect()
        .await
        .map_err(|e| reason("backup:ListBackupVaults", &e))?;
    let kms = aws_sdk_kms::Client::new(&ctx.regional(region));
    let mut resources = Found::default();
    for v in listed {
        let (Some(name), Some(arn)) = (v.backup_vault_name(), v.backup_vault_arn()) else {
            resources.without_id(
                "backup:ListBackupVaults",
                "BackupVaultName or BackupVaultArn",
            );
            continue;
        };
        let key = v.encryption_key_arn().map(str::to_string);
        let encryption_key_manager = match &key {
            Some(k) => observe(
                "kms:DescribeKey",
                kms.describe_key().key_id(k).send().await,
                &[],
            )
            .map(|d| {
                d.key_metadata()
                    .and_then(|m| m.key_manager())
                    .map(|m| m.as_str().to_string())
            }),
            None => Observed::Value(None),
        };
        let attrs = VaultAttributes {
            encryption_key_arn: Observed::Value(key),
            encryption_key_manager,
            locked: Observed::Value(v.locked().unwrap_or(false)),
        };
        resources.push(ctx.resource(VAULT, arn.to_string(), name.to_string(), region, &attrs));
    }
    Ok(resources)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plan_answer_without_its_plan_is_unreadable_not_ruleless() {
        let none = GetBackupPlanOutput::builder().build();
        assert_eq!(
            plan_rules_of(&none).unreadable_reason(),
            Some("backup:GetBackupPlan: the response has no BackupPlan")
        );
    }
}
