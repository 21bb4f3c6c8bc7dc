//! ECS services: how many tasks each is asked to keep running and how many run, which
//! says whether a failed container is replaced to keep the service's replicas. ECS task
//! definitions (ACTIVE revisions): the environment variables of each container by name
//! and kind of value (env_values.rs), never the values, and the names it takes from
//! Secrets Manager or SSM (`secrets`).
//!
//! The zones the tasks run in (ecs:DescribeTasks, per task) are not read: they change
//! with every replacement, so a scan would judge a moment, not the setting that keeps
//! the service spread. The service's subnets (awsvpc networking) are recorded instead,
//! and the zones they lie in are drawn from the EC2 VPCs (join.rs).

use aws_sdk_ecs::Client;
use aws_sdk_ecs::operation::describe_services::DescribeServicesOutput;
use aws_sdk_ecs::types::Service;
use serde::Serialize;

use super::error::{reason, required};
use super::list::{items, listings_per_region};
use super::{AwsContext, Collected, Found};
use crate::inventory::{Observed, Resource};

pub use crate::registry::names::AWS_ECS_SERVICE as SERVICE;
pub use crate::registry::names::AWS_ECS_TASK_DEFINITION as TASK_DEFINITION;

const DESCRIBE_TASK: &str = "ecs:DescribeTaskDefinition";

#[derive(Serialize)]
struct TaskDefinitionAttributes {
    containers: Observed<Vec<Container>>,
}

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Container {
    pub name: String,
    pub environment: Vec<super::env_values::EnvVar>,
    /// Variables set from Secrets Manager or SSM Parameter Store at start (`secrets`).
    pub secrets: Vec<String>,
    /// S3 objects the container reads variables from (not read by vouch).
    pub environment_files: usize,
}

/// The containers of a task definition. A container or variable without its name
/// (always given) leaves the definition unreadable: what it sets is unknown.
pub fn containers_of(td: &aws_sdk_ecs::types::TaskDefinition) -> Observed<Vec<Container>> {
    let mut out = Vec::new();
    for c in td.container_definitions() {
        let Some(name) = c.name() else {
            return Observed::unreadable(format!("{DESCRIBE_TASK}: a container has no name"));
        };
        let mut pairs = Vec::new();
        for kv in c.environment() {
            let Some(n) = kv.name() else {
                return Observed::unreadable(format!(
                    "{DESCRIBE_TASK}: container {name} has an environment variable without a name"
                ));
            };
            pairs.push((n, kv.value().unwrap_or_default()));
        }
        let mut secrets: Vec<String> = c.secrets().iter().map(|s| s.name().to_string()).collect();
        secrets.sort();
        out.push(Container {
            name: name.to_string(),
            environment: super::env_values::vars(pairs),
            secrets,
            environment_files: c.environment_files().len(),
        });
    }
    Observed::Value(out)
}

async fn task_definitions(
    ctx: &AwsContext,
    client: &Client,
    region: &str,
) -> Result<Found, String> {
    let arns: Vec<String> = items!(
        "ecs:ListTaskDefinitions",
        client
            .list_task_definitions()
            .status(aws_sdk_ecs::types::TaskDefinitionStatus::Active)
    )?;
    let mut found = Found::default();
    for arn in &arns {
        let containers = super::error::observe(
            DESCRIBE_TASK,
            client
                .describe_task_definition()
                .task_definition(arn)
                .send()
                .await,
            &[],
        )
        .and_then(|out| match out.task_definition() {
            Some(td) => containers_of(td),
            None => Observed::unreadable(format!(
                "{DESCRIBE_TASK}: the response has no taskDefinition"
            )),
        });
        // arn:aws:ecs:REGION:ACCOUNT:task-definition/FAMILY:REVISION
        let name = arn.rsplit('/').next().unwrap_or(arn).to_string();
        found.push(ctx.resource(
            TASK_DEFINITION,
            arn.clone(),
            name,
            region,
            &TaskDefinitionAttributes { containers },
        ));
    }
    Ok(found)
}

const DESCRIBE: &str = "ecs:DescribeServices";

/// DescribeServices takes at most this many services per call.
const BATCH: usize = 10;

#[derive(Serialize)]
struct ServiceAttributes {
    cluster_arn: Observed<String>,
    status: Observed<String>,
    scheduling_strategy: Observed<Option<String>>,
    launch_type: Observed<Option<String>>,
    desired_count: Observed<i32>,
    running_count: Observed<i32>,
    subnets: Observed<Vec<String>>,
}

/// A service's attributes. The SDK reads an absent desiredCount or runningCount as 0
/// (they are not optional in its model), so a gap there fails "at least 2" rather than
/// passing it; Status is required and its absence unreadable. Services on the EC2 or
/// external launch type with bridge networking have no subnets.
fn service_attributes(cluster: &str, s: &Service) -> ServiceAttributes {
    ServiceAttributes {
        cluster_arn: Observed::Value(s.cluster_arn().unwrap_or(cluster).to_string()),
        status: required(DESCRIBE, "status", s.status().map(str::to_string)),
        scheduling_strategy: Observed::Value(
            s.scheduling_strategy().map(|x| x.as_str().to_string()),
        ),
        launch_type: Observed::Value(s.launch_type().map(|x| x.as_str().to_string())),
        desired_count: Observed::Value(s.desired_count()),
        running_count: Observed::Value(s.running_count()),
        subnets: Observed::Value(
            s.network_configuration()
                .and_then(|n| n.awsvpc_configuration())
                .map(|c| c.subnets().to_vec())
                .unwrap_or_default(),
        ),
    }
}

pub async fn collect(ctx: &AwsContext) -> Collected {
    listings_per_region(ctx, "ecs", |region| async move {
        let client = Client::new(&ctx.regional(&region));
        vec![
            (SERVICE, services(ctx, &client, &region).await),
            (
                TASK_DEFINITION,
                task_definitions(ctx, &client, &region).await,
            ),
        ]
    })
    .await
}

async fn services(ctx: &AwsContext, client: &Client, region: &str) -> Result<Found, String> {
    let clusters: Vec<String> = items!("ecs:ListClusters", client.list_clusters())?;
    let mut found = Found::default();
    for cluster in &clusters {
        let arns: Vec<String> =
            items!("ecs:ListServices", client.list_services().cluster(cluster))?;
        for batch in arns.chunks(BATCH) {
            let out = client
                .describe_services()
                .cluster(cluster)
                .set_services(Some(batch.to_vec()))
                .send()
                .await
                .map_err(|e| reason(DESCRIBE, &e))?;
            for r in services_of(ctx, region, cluster, batch, &out) {
                match r {
                    Some(r) => found.push(r),
                    None => found.without_id(DESCRIBE, "serviceArn"),
                }
            }
        }
    }
    Ok(found)
}

/// The services of one DescribeServices answer. A listed service the answer neither
/// describes nor names as a failure is kept, with its attributes unreadable: it exists
/// (ListServices named it) and dropping it would let the listing pass as complete.
fn services_of(
    ctx: &AwsContext,
    region: &str,
    cluster: &str,
    asked: &[String],
    out: &DescribeServicesOutput,
) -> Vec<Option<Resource>> {
    let mut got: Vec<Option<Resource>> = Vec::new();
    for s in out.services() {
        let Some(arn) = s.service_arn() else {
            got.push(None);
            continue;
        };
        let name = s.service_name().unwrap_or(arn).to_string();
        let attrs = service_attributes(cluster, s);
        got.push(Some(ctx.resource(
            SERVICE,
            arn.to_string(),
            name,
            region,
            &attrs,
        )));
    }
    for arn in asked {
        if out.services().iter().any(|s| s.service_arn() == Some(arn)) {
            continue;
        }
        let why = out
            .failures()
            .iter()
            .find(|f| f.arn() == Some(arn))
            .and_then(|f| f.reason())
            .unwrap_or("the answer does not describe it");
        let r: Observed<i32> = Observed::unreadable(format!("{DESCRIBE}: {arn}: {why}"));
        let attrs = ServiceAttributes {
            cluster_arn: Observed::Value(cluster.to_string()),
            status: r.clone().map(|_| String::new()),
            scheduling_strategy: r.clone().map(|_| None),
            launch_type: r.clone().map(|_| None),
            desired_count: r.clone(),
            running_count: r.clone(),
            subnets: r.map(|_| Vec::new()),
        };
        let name = arn.rsplit('/').next().unwrap_or(arn).to_string();
        got.push(Some(ctx.resource(
            SERVICE,
            arn.clone(),
            name,
            region,
            &attrs,
        )));
    }
    got
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_ecs::types::{AwsVpcConfiguration, LaunchType, NetworkConfiguration};

    #[test]
    fn counts_status_and_subnets_are_read_and_a_missing_status_is_unreadable() {
        let s = Service::builder()
            .service_arn("arn:aws:ecs:us-east-1:1:service/c/web")
            .status("ACTIVE")
            .desired_count(2)
            .running_count(1)
            .launch_type(LaunchType::Fargate)
            .network_configuration(
                NetworkConfiguration::builder()
                    .awsvpc_configuration(
                        AwsVpcConfiguration::builder()
                            .subnets("subnet-a")
                            .subnets("subnet-b")
                            .build()
                            .unwrap(),
                    )
                    .build(),
            )
            .build();
        let a = service_attributes("c", &s);
        assert_eq!(a.desired_count, Observed::Value(2));
        assert_eq!(a.running_count, Observed::Value(1));
        assert_eq!(a.launch_type, Observed::Value(Some("FARGATE".to_string())));
        assert_eq!(
            a.subnets,
            Observed::Value(vec!["subnet-a".to_string(), "subnet-b".to_string()])
        );
        assert_eq!(a.cluster_arn, Observed::Value("c".to_string()));
        let bare = service_attributes("c", &Service::builder().build());
        assert_eq!(
            bare.status.unreadable_reason(),
            Some("ecs:DescribeServices: the response has no status")
        );
        // The SDK's model has no "absent" count: it reads as 0, which fails >= 2.
        assert_eq!(bare.desired_count, Observed::Value(0));
    }

    #[test]
    fn a_listed_service_the_answer_leaves_out_is_kept_unreadable() {
        use aws_sdk_ecs::types::Failure;
        let ctx = super::super::tests::context(&["us-east-1"]);
        let asked = ["arn:aws:ecs:us-east-1:1:service/c/gone".to_string()];
        let out = DescribeServicesOutput::builder()
            .failures(Failure::builder().arn(&asked[0]).reason("MISSING").build())
            .build();
        let got = services_of(&ctx, "us-east-1", "c", &asked, &out);
        let r = got[0].as_ref().unwrap();
        assert_eq!(r.name, "gone");
        assert_eq!(
            r.attributes["desired_count"].unreadable_reason(),
            Some("ecs:DescribeServices: arn:aws:ecs:us-east-1:1:service/c/gone: MISSING")
        );
    }

    #[test]
    fn task_definition_variables_keep_names_and_kinds_and_secrets_by_name() {
        use aws_sdk_ecs::types::{ContainerDefinition, KeyValuePair, Secret, TaskDefinition};
        let td = TaskDefinition::builder()
            .container_definitions(
                ContainerDefinition::builder()
                    .name("web")
                    .environment(KeyValuePair::builder().name("API_KEY").value("k-1").build())
                    .environment(
                        KeyValuePair::builder()
                            .name("LOG_LEVEL")
                            .value("info")
                            .build(),
                    )
                    .secrets(
                        Secret::builder()
                            .name("DB_PASSWORD")
                            .value_from("arn:aws:secretsmanager:us-east-1:1:secret:db")
                            .build()
                            .unwrap(),
                    )
                    .build(),
            )
            .build();
        let got = containers_of(&td);
        let c = &got.value().unwrap()[0];
        assert_eq!(c.environment[0].name, "API_KEY");
        assert_eq!(c.environment[0].value, "literal");
        assert_eq!(c.secrets, vec!["DB_PASSWORD".to_string()]);
        assert!(!serde_json::to_string(&got).unwrap().contains("k-1"));
        let nameless = TaskDefinition::builder()
            .container_definitions(ContainerDefinition::builder().build())
            .build();
        assert!(containers_of(&nameless).unreadable_reason().is_some());
    }
}
