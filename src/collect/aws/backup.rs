//! AWS Backup: the plans of each region (with rules and selections), the resources it
//! holds recovery points for (which join.rs hands to the RDS databases), and the
//! vaults, with the encryption of the recovery points each vault holds.

use std::collections::BTreeMap;

use aws_sdk_backup::Client;
use aws_sdk_backup::operation::get_backup_plan::GetBackupPlanOutput;
use aws_sdk_backup::types::RecoveryPointByBackupVault;
use serde::Serialize;

use super::error::observe;
use super::list::items;
use super::{AwsContext, Collected, Found, per_region, rfc3339};
use crate::inventory::Observed;

pub use crate::registry::names::AWS_BACKUP_REGION_SETTINGS as REGION_SETTINGS;
pub use crate::registry::names::AWS_BACKUP_VAULT as VAULT;

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
    /// {resource ARN: time of its latest backup, or null} of every resource AWS Backup
    /// holds a recovery point for in the region.
    protected_resources: Observed<BTreeMap<String, Option<String>>>,
}

/// The attribute of [`REGION_SETTINGS`] that join.rs reads.
pub const PROTECTED_RESOURCES: &str = "protected_resources";

#[derive(Serialize)]
struct VaultAttributes {
    encryption_key_arn: Observed<Option<String>>,
    locked: Observed<bool>,
    recovery_points: Observed<Vec<RecoveryPoint>>,
}

/// One recovery point (backup) held in a vault, as ListRecoveryPointsByBackupVault
/// lists it.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct RecoveryPoint {
    pub arn: String,
    pub resource_type: Option<String>,
    pub status: Option<String>,
    /// Whether the backup is encrypted; null only for a point whose encryption could
    /// not be read, kept next to a point read as unencrypted (see `recovery_points_of`).
    pub encrypted: Option<bool>,
    pub encryption_key_arn: Option<String>,
}

pub async fn collect(ctx: &AwsContext) -> Collected {
    per_region(ctx, "backup", |region| async move {
        let backup = Client::new(&ctx.regional(&region));
        let settings = RegionAttributes {
            plans: plans(&backup).await,
            protected_resources: protected_resources(&backup).await,
        };
        let mut out = Collected::settings(
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

/// Resources AWS Backup holds recovery points for in the region, by ARN.
async fn protected_resources(backup: &Client) -> Observed<BTreeMap<String, Option<String>>> {
    let listed = items!(
        "backup:ListProtectedResources",
        backup.list_protected_resources()
    );
    Observed::of(listed).and_then(|items| protected_of(&items))
}

/// An item without its ARN could be any resource: none can then be called unprotected.
fn protected_of(
    items: &[aws_sdk_backup::types::ProtectedResource],
) -> Observed<BTreeMap<String, Option<String>>> {
    items
        .iter()
        .map(|r| match r.resource_arn() {
            Some(arn) => Observed::Value((arn.to_string(), r.last_backup_time().and_then(rfc3339))),
            None => {
                Observed::unreadable("backup:ListProtectedResources: an item has no ResourceArn")
            }
        })
        .collect::<Observed<Vec<_>>>()
        .map(|pairs| pairs.into_iter().collect())
}

async fn plans(backup: &Client) -> Observed<Vec<Plan>> {
    let listed = items!("backup:ListBackupPlans", backup.list_backup_plans());
    let listed = match Observed::of(listed) {
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
        let sels = items!(
            "backup:ListBackupSelections",
            backup.list_backup_selections().backup_plan_id(id)
        );
        let sels = match Observed::of(sels) {
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
    let listed = items!("backup:ListBackupVaults", backup.list_backup_vaults())?;
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
        let points = items!(
            "backup:ListRecoveryPointsByBackupVault",
            backup
                .list_recovery_points_by_backup_vault()
                .backup_vault_name(name)
        );
        let recovery_points = Observed::of(points).and_then(|points| recovery_points_of(&points));
        let attrs = VaultAttributes {
            encryption_key_arn: Observed::Value(key),
            locked: Observed::Value(v.locked().unwrap_or(false)),
            recovery_points,
        };
        resources.push(ctx.resource(VAULT, arn.to_string(), name.to_string(), region, &attrs));
    }
    Ok(resources)
}

const POINTS_OPERATION: &str = "backup:ListRecoveryPointsByBackupVault";

/// Whether one recovery point is encrypted, or why that cannot be said.
///
/// The SDK models `IsEncrypted` as a plain bool that reads `false` when the field is
/// left out, so `false` alone does not show that AWS said "not encrypted". Reading:
/// - `IsEncrypted` true, or a key named (`EncryptionKeyArn`, `EncryptionKeyType`):
///   encrypted. A backup that names the KMS key protecting it is encrypted.
/// - `IsEncrypted` false with no key, in an answer that is otherwise complete (ARN,
///   ResourceType, Status and CreationDate, which AWS returns with every point):
///   not encrypted. AWS Backup documents this case ("Encryption for backups in AWS
///   Backup", docs.aws.amazon.com/aws-backup/latest/devguide/encryption.html): backups
///   of resource types without full AWS Backup management (EBS, RDS, Aurora, ...) keep
///   their source's encryption, so an unencrypted source gives an unencrypted backup;
///   types with full management are encrypted with the vault's key.
/// - `IsEncrypted` false with no key in an answer that lacks any of those fields: the
///   answer is incomplete, so its `false` may be a field left out: unreadable.
pub fn point_encrypted(p: &RecoveryPointByBackupVault) -> Result<bool, String> {
    let arn = p.recovery_point_arn().unwrap_or("a recovery point");
    if p.is_encrypted() || p.encryption_key_arn().is_some() || p.encryption_key_type().is_some() {
        return Ok(true);
    }
    let missing: Vec<&str> = [
        ("ResourceType", p.resource_type().is_none()),
        ("Status", p.status().is_none()),
        ("CreationDate", p.creation_date().is_none()),
    ]
    .into_iter()
    .filter_map(|(field, gone)| gone.then_some(field))
    .collect();
    if missing.is_empty() {
        Ok(false)
    } else {
        Err(format!(
            "{POINTS_OPERATION}: {arn} reads as not encrypted in an answer without its {}, so IsEncrypted may have been left out",
            missing.join(", ")
        ))
    }
}

/// The vault's recovery points. A point whose encryption cannot be read makes the
/// list unreadable, unless another point is read as unencrypted: that one already
/// breaks the promise, so the list is kept (the unread point with `encrypted` null)
/// and the vault fails on what was read.
pub fn recovery_points_of(points: &[RecoveryPointByBackupVault]) -> Observed<Vec<RecoveryPoint>> {
    let mut out = Vec::new();
    let mut unread = None;
    for p in points {
        let Some(arn) = p.recovery_point_arn() else {
            return Observed::unreadable(format!(
                "{POINTS_OPERATION}: a recovery point has no RecoveryPointArn"
            ));
        };
        let encrypted = match point_encrypted(p) {
            Ok(e) => Some(e),
            Err(r) => {
                unread.get_or_insert(r);
                None
            }
        };
        out.push(RecoveryPoint {
            arn: arn.to_string(),
            resource_type: p.resource_type().map(str::to_string),
            status: p.status().map(|s| s.as_str().to_string()),
            encrypted,
            encryption_key_arn: p.encryption_key_arn().map(str::to_string),
        });
    }
    match unread {
        Some(r) if !out.iter().any(|p| p.encrypted == Some(false)) => Observed::Unreadable(r),
        _ => Observed::Value(out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn protected_resources_are_keyed_by_arn_and_an_anonymous_one_is_unreadable() {
        use aws_sdk_backup::types::ProtectedResource;
        let db = ProtectedResource::builder()
            .resource_arn("arn:aws:rds:us-east-1:1:db:orders")
            .build();
        assert_eq!(
            protected_of(std::slice::from_ref(&db)),
            Observed::Value(BTreeMap::from([(
                "arn:aws:rds:us-east-1:1:db:orders".to_string(),
                None
            )]))
        );
        let anonymous = ProtectedResource::builder().resource_type("RDS").build();
        assert_eq!(
            protected_of(&[db, anonymous]).unreadable_reason(),
            Some("backup:ListProtectedResources: an item has no ResourceArn")
        );
    }

    #[test]
    fn a_plan_answer_without_its_plan_is_unreadable_not_ruleless() {
        let none = GetBackupPlanOutput::builder().build();
        assert_eq!(
            plan_rules_of(&none).unreadable_reason(),
            Some("backup:GetBackupPlan: the response has no BackupPlan")
        );
    }

    use aws_sdk_backup::primitives::DateTime;
    use aws_sdk_backup::types::RecoveryPointStatus;

    fn point(arn: &str) -> aws_sdk_backup::types::builders::RecoveryPointByBackupVaultBuilder {
        RecoveryPointByBackupVault::builder()
            .recovery_point_arn(arn)
            .resource_type("EBS")
            .status(RecoveryPointStatus::Completed)
            .creation_date(DateTime::from_secs(1_700_000_000))
    }

    #[test]
    fn a_point_is_encrypted_when_it_says_so_or_names_its_key() {
        assert_eq!(
            point_encrypted(&point("rp").is_encrypted(true).build()),
            Ok(true)
        );
        let keyed = point("rp")
            .encryption_key_arn("arn:aws:kms:us-east-1:1:key/k")
            .build();
        assert_eq!(point_encrypted(&keyed), Ok(true));
        // IsEncrypted left out, the key named: still encrypted.
        let keyed_only = RecoveryPointByBackupVault::builder()
            .recovery_point_arn("rp")
            .encryption_key_type(aws_sdk_backup::types::EncryptionKeyType::AwsOwnedKmsKey)
            .build();
        assert_eq!(point_encrypted(&keyed_only), Ok(true));
    }

    #[test]
    fn a_complete_answer_without_encryption_is_unencrypted_and_an_incomplete_one_unreadable() {
        assert_eq!(
            point_encrypted(&point("rp").is_encrypted(false).build()),
            Ok(false)
        );
        // IsEncrypted left out of an otherwise complete answer reads false: AWS
        // returns the field with every point, so this is the documented "not encrypted".
        assert_eq!(point_encrypted(&point("rp").build()), Ok(false));
        let bare = RecoveryPointByBackupVault::builder()
            .recovery_point_arn("rp")
            .build();
        assert_eq!(
            point_encrypted(&bare),
            Err("backup:ListRecoveryPointsByBackupVault: rp reads as not encrypted in an answer without its ResourceType, Status, CreationDate, so IsEncrypted may have been left out".into())
        );
    }

    #[test]
    fn an_unread_point_makes_the_list_unreadable_unless_another_point_is_unencrypted() {
        let good = point("good").is_encrypted(true).build();
        let bad = point("bad").build();
        let bare = RecoveryPointByBackupVault::builder()
            .recovery_point_arn("bare")
            .build();
        assert_eq!(recovery_points_of(&[]), Observed::Value(vec![]));
        assert!(
            recovery_points_of(&[good.clone(), bare.clone()])
                .unreadable_reason()
                .is_some()
        );
        let Observed::Value(points) = recovery_points_of(&[good.clone(), bare, bad]) else {
            panic!("a point read as unencrypted keeps the list");
        };
        assert_eq!(
            points.iter().map(|p| p.encrypted).collect::<Vec<_>>(),
            vec![Some(true), None, Some(false)]
        );
        assert_eq!(points[0].status.as_deref(), Some("COMPLETED"));
        let no_arn = RecoveryPointByBackupVault::builder()
            .is_encrypted(true)
            .build();
        assert_eq!(
            recovery_points_of(&[good, no_arn]).unreadable_reason(),
            Some(
                "backup:ListRecoveryPointsByBackupVault: a recovery point has no RecoveryPointArn"
            )
        );
    }
}
