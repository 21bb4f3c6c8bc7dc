//! Lambda functions: the names of their environment variables and the kind of each
//! value (env_values.rs), never the values, so "no API secret sits in plain text in a
//! function's configuration" can be judged.

use aws_sdk_lambda::Client;
use aws_sdk_lambda::types::FunctionConfiguration;
use serde::Serialize;

use super::env_values::{EnvVar, vars};
use super::list::found_per_region;
use super::list::items;
use super::{AwsContext, Collected, Found};
use crate::inventory::Observed;

pub use crate::registry::names::AWS_LAMBDA_FUNCTION as FUNCTION;

#[derive(Serialize)]
struct FunctionAttributes {
    environment: Observed<Vec<EnvVar>>,
    kms_key_arn: Observed<Option<String>>,
}

pub async fn collect(ctx: &AwsContext) -> Collected {
    found_per_region(ctx, "lambda", FUNCTION, |region| async move {
        functions(ctx, &Client::new(&ctx.regional(&region)), &region).await
    })
    .await
}

async fn functions(ctx: &AwsContext, lambda: &Client, region: &str) -> Result<Found, String> {
    let listed = items!("lambda:ListFunctions", lambda.list_functions())?;
    Ok(Found::each(
        &listed,
        "lambda:ListFunctions",
        "FunctionName",
        |f| {
            let name = f.function_name()?;
            let arn = f
                .function_arn()
                .map(str::to_string)
                .unwrap_or_else(|| ctx.arn("lambda", region, &format!("function:{name}")));
            Some(ctx.resource(FUNCTION, arn, name.to_string(), region, &attributes_of(f)))
        },
    ))
}

/// A function without an `Environment` has no variables. One whose variables Lambda
/// could not decrypt (`Environment.Error`) is unreadable: what they hold is unknown.
fn attributes_of(f: &FunctionConfiguration) -> FunctionAttributes {
    let environment = match f.environment() {
        None => Observed::Value(Vec::new()),
        Some(env) => match env.error() {
            Some(e) => Observed::unreadable(format!(
                "lambda:ListFunctions: the environment could not be read ({}: {})",
                e.error_code().unwrap_or("error"),
                e.message().unwrap_or_default()
            )),
            None => Observed::Value(vars(
                env.variables()
                    .into_iter()
                    .flatten()
                    .map(|(k, v)| (k.as_str(), v.as_str())),
            )),
        },
    };
    FunctionAttributes {
        environment,
        kms_key_arn: Observed::Value(f.kms_key_arn().map(str::to_string)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_lambda::types::{EnvironmentError, EnvironmentResponse};

    #[test]
    fn variables_are_kept_by_name_and_kind_and_an_undecryptable_one_is_unreadable() {
        let f = FunctionConfiguration::builder()
            .function_name("fn")
            .environment(
                EnvironmentResponse::builder()
                    .variables("API_TOKEN", "tok-123")
                    .variables(
                        "DB_SECRET_ARN",
                        "arn:aws:secretsmanager:us-east-1:1:secret:db",
                    )
                    .build(),
            )
            .build();
        let got = attributes_of(&f).environment;
        let v = got.value().unwrap();
        assert_eq!(
            v.iter()
                .map(|e| (e.name.as_str(), e.value))
                .collect::<Vec<_>>(),
            vec![("API_TOKEN", "literal"), ("DB_SECRET_ARN", "reference")]
        );
        assert!(!serde_json::to_string(&got).unwrap().contains("tok-123"));
        let none = attributes_of(&FunctionConfiguration::builder().function_name("x").build());
        assert_eq!(none.environment, Observed::Value(vec![]));
        let broken = FunctionConfiguration::builder()
            .environment(
                EnvironmentResponse::builder()
                    .error(
                        EnvironmentError::builder()
                            .error_code("KMSAccessDenied")
                            .build(),
                    )
                    .build(),
            )
            .build();
        assert!(
            attributes_of(&broken)
                .environment
                .unreadable_reason()
                .is_some_and(|r| r.contains("KMSAccessDenied"))
        );
    }
}
