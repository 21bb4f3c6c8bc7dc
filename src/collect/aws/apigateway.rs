//! API Gateway: REST APIs (v1) with the authorization of every method, their stages
//! with the WAF web ACL in front, custom domain names (v1 and v2) with their TLS
//! security policy, and HTTP and WebSocket APIs (v2) with the authorization of every
//! route.
//!
//! What decides "TLS 1.2 or newer" for an API reached through its default
//! `execute-api` endpoint is the REST API's own security policy, or, when the answer
//! has none, the default AWS documents per endpoint type (kept as null here; the check
//! applies the table). HTTP and WebSocket endpoints have no setting: AWS enforces
//! TLS_1_2 on all of them.

use aws_sdk_apigateway::types::{EndpointConfiguration, Method, RestApi, Stage};
use serde::Serialize;

use super::error::{observe, reason, required};
use super::list::items;
use super::waf::{self, WafRule};
use super::{AwsContext, Collected, Found, per_region};
use crate::inventory::Observed;

/// Every page of an API Gateway v2 listing (its SDK has no paginators): the request is
/// sent again with each page's next token until a page gives none.
macro_rules! v2_pages {
    ($operation:expr, $request:expr) => {{
        let mut pages = Vec::new();
        let mut token: Option<String> = None;
        loop {
            match $request.set_next_token(token.take()).send().await {
                Err(e) => break Err(reason($operation, &e)),
                Ok(page) => {
                    let next = page.next_token().filter(|t| !t.is_empty());
                    token = next.map(str::to_string);
                    pages.push(page);
                    if token.is_none() {
                        break Ok(pages);
                    }
                }
            }
        }
    }};
}

pub use crate::registry::names::AWS_APIGATEWAY_DOMAIN_NAME as DOMAIN_NAME;
pub use crate::registry::names::AWS_APIGATEWAY_REST_API as REST_API;
pub use crate::registry::names::AWS_APIGATEWAY_STAGE as STAGE;
pub use crate::registry::names::AWS_APIGATEWAYV2_API as V2_API;

const GET_REST_APIS: &str = "apigateway:GetRestApis";
const GET_RESOURCES: &str = "apigateway:GetResources";
const GET_METHOD: &str = "apigateway:GetMethod";
const GET_STAGES: &str = "apigateway:GetStages";
const GET_DOMAIN_NAMES: &str = "apigateway:GetDomainNames";
const GET_APIS: &str = "apigatewayv2:GetApis";
const GET_ROUTES: &str = "apigatewayv2:GetRoutes";
const GET_DOMAIN_NAMES_V2: &str = "apigatewayv2:GetDomainNames";

/// One method of a REST API resource.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct ApiMethod {
    pub path: String,
    pub http_method: String,
    /// `NONE`, `AWS_IAM`, `CUSTOM` (a Lambda authorizer) or `COGNITO_USER_POOLS`.
    pub authorization_type: String,
    pub authorizer_id: Option<String>,
    /// Null when the answer leaves it out; an API key identifies a client for usage
    /// plans and is no authentication, so no verdict rests on it.
    pub api_key_required: Option<bool>,
}

#[derive(Serialize)]
pub struct RestApiAttributes {
    /// `REGIONAL`, `EDGE` or `PRIVATE`.
    pub endpoint_types: Observed<Vec<String>>,
    pub disable_execute_api_endpoint: Observed<bool>,
    /// The API's own security policy for its default endpoint (`TLS_1_0`, `TLS_1_2`,
    /// `SecurityPolicy_...`); null when the answer names none, for which AWS
    /// documents a default per endpoint type.
    pub security_policy: Observed<Option<String>>,
    pub methods: Observed<Vec<ApiMethod>>,
}

#[derive(Serialize)]
pub struct StageAttributes {
    pub api_id: Observed<String>,
    pub stage_name: Observed<String>,
    /// The API's endpoint types: a private API is reached only from VPCs.
    pub endpoint_types: Observed<Vec<String>>,
    pub web_acl_arn: Observed<Option<String>>,
    /// The rules of that web ACL; null when there is none.
    pub web_acl_rules: Observed<Option<Vec<WafRule>>>,
    pub client_certificate_id: Observed<Option<String>>,
    pub access_log_destination: Observed<Option<String>>,
}

#[derive(Serialize)]
pub struct DomainAttributes {
    /// `v1` (REST) or `v2` (HTTP and WebSocket; regional domains are shared with
    /// REST and listed once, from v1).
    pub listed_by: Observed<String>,
    pub endpoint_types: Observed<Vec<String>>,
    /// One per endpoint configuration (v2 lists one per configuration, v1 has one).
    pub security_policies: Observed<Vec<String>>,
}

/// One route of an HTTP or WebSocket API.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Route {
    /// `GET /items`, `$default`, `$connect`, ...
    pub route_key: String,
    /// `NONE`, `AWS_IAM`, `CUSTOM` or `JWT`.
    pub authorization_type: String,
    pub authorizer_id: Option<String>,
    pub api_key_required: Option<bool>,
}

#[derive(Serialize)]
pub struct V2ApiAttributes {
    /// `HTTP` or `WEBSOCKET`.
    pub protocol_type: Observed<String>,
    pub disable_execute_api_endpoint: Observed<bool>,
    pub routes: Observed<Vec<Route>>,
}

pub async fn collect(ctx: &AwsContext) -> Collected {
    per_region(ctx, "apigateway", |region| async move {
        let config = ctx.regional(&region);
        let v1 = aws_sdk_apigateway::Client::new(&config);
        let v2 = aws_sdk_apigatewayv2::Client::new(&config);
        let wafv2 = aws_sdk_wafv2::Client::new(&config);
        let mut out = Collected::default();
        let apis = rest_apis(&v1).await;
        let (apis_found, stages_found) = match apis {
            Ok(apis) => {
                let a = rest_api_resources(ctx, &v1, &region, &apis).await;
                let s = stage_resources(ctx, &v1, &wafv2, &region, &apis).await;
                (Ok(a), Ok(s))
            }
            Err(e) => (Err(e.clone()), Err(e)),
        };
        out.found(ctx, REST_API, &region, apis_found);
        out.found(ctx, STAGE, &region, stages_found);
        out.found(
            ctx,
            DOMAIN_NAME,
            &region,
            domain_names(ctx, &v1, &v2, &region).await,
        );
        out.found(ctx, V2_API, &region, v2_apis(ctx, &v2, &region).await);
        out
    })
    .await
}

/// `arn:PARTITION:apigateway:REGION::PATH`: API Gateway ARNs name no account.
fn apigw_arn(ctx: &AwsContext, region: &str, path: &str) -> String {
    format!(
        "arn:{}:apigateway:{region}::{path}",
        super::s3::partition_of(ctx.home_region())
    )
}

async fn rest_apis(v1: &aws_sdk_apigateway::Client) -> Result<Vec<RestApi>, String> {
    items!(GET_REST_APIS, v1.get_rest_apis().limit(500))
}

/// The endpoint types of an API or domain name. AWS gives every one at least one
/// type; an answer without them is unreadable, not "no endpoint".
pub fn endpoint_types_of(
    operation: &str,
    config: Option<&EndpointConfiguration>,
) -> Observed<Vec<String>> {
    match config.map(|c| c.types()) {
        Some(types) if !types.is_empty() => {
            Observed::Value(types.iter().map(|t| t.as_str().to_string()).collect())
        }
        _ => Observed::unreadable(format!(
            "{operation}: the response has no endpointConfiguration.types"
        )),
    }
}

/// A method as judged, or None when the answer leaves out its authorization type
/// (GetResources without the embedded method; GetMethod is asked then).
pub fn method_of(path: &str, verb: &str, m: &Method) -> Option<ApiMethod> {
    Some(ApiMethod {
        path: path.to_string(),
        http_method: m.http_method().unwrap_or(verb).to_string(),
        authorization_type: m.authorization_type()?.to_string(),
        authorizer_id: m.authorizer_id().map(str::to_string),
        api_key_required: m.api_key_required(),
    })
}

async fn methods(v1: &aws_sdk_apigateway::Client, api_id: &str) -> Observed<Vec<ApiMethod>> {
    let listed = items!(
        GET_RESOURCES,
        v1.get_resources()
            .rest_api_id(api_id)
            .embed("methods")
            .limit(500)
    );
    let resources = match Observed::of(listed) {
        Observed::Value(r) => r,
        other => return other.map(|_| Vec::new()),
    };
    let mut out = Vec::new();
    for r in &resources {
        let Some(path) = r.path() else {
            return Observed::unreadable(format!("{GET_RESOURCES}: a resource has no path"));
        };
        let mut verbs: Vec<(&String, &Method)> =
            r.resource_methods().into_iter().flatten().collect();
        verbs.sort_by(|a, b| a.0.cmp(b.0));
        for (verb, m) in verbs {
            if let Some(m) = method_of(path, verb, m) {
                out.push(m);
                continue;
            }
            let Some(resource_id) = r.id() else {
                return Observed::unreadable(format!("{GET_RESOURCES}: resource {path} has no id"));
            };
            let got = observe(
                GET_METHOD,
                v1.get_method()
                    .rest_api_id(api_id)
                    .resource_id(resource_id)
                    .http_method(verb)
                    .send()
                    .await,
                &[],
            );
            let got = match got {
                Observed::Value(g) => g,
                other => return other.map(|_| Vec::new()),
            };
            let Some(authorization_type) = got.authorization_type() else {
                return Observed::unreadable(format!(
                    "{GET_METHOD}: {verb} {path} has no authorizationType"
                ));
            };
            out.push(ApiMethod {
                path: path.to_string(),
                http_method: verb.clone(),
                authorization_type: authorization_type.to_string(),
                authorizer_id: got.authorizer_id().map(str::to_string),
                api_key_required: got.api_key_required(),
            });
        }
    }
    Observed::Value(out)
}

/// A REST API's attributes from its GetRestApis item. `disableExecuteApiEndpoint`
/// is a plain boolean in the SDK, false unless the answer says true: the documented
/// default ("by default, clients can invoke your API with the default endpoint").
pub fn rest_api_attributes(api: &RestApi, methods: Observed<Vec<ApiMethod>>) -> RestApiAttributes {
    RestApiAttributes {
        endpoint_types: endpoint_types_of(GET_REST_APIS, api.endpoint_configuration()),
        disable_execute_api_endpoint: Observed::Value(api.disable_execute_api_endpoint()),
        security_policy: Observed::Value(api.security_policy().map(|p| p.as_str().to_string())),
        methods,
    }
}

async fn rest_api_resources(
    ctx: &AwsContext,
    v1: &aws_sdk_apigateway::Client,
    region: &str,
    apis: &[RestApi],
) -> Found {
    let mut found = Found::default();
    for api in apis {
        let Some(id) = api.id() else {
            found.without_id(GET_REST_APIS, "id");
            continue;
        };
        let attrs = rest_api_attributes(api, methods(v1, id).await);
        let arn = apigw_arn(ctx, region, &format!("/restapis/{id}"));
        let name = api.name().unwrap_or(id).to_string();
        found.push(ctx.resource(REST_API, arn, name, region, &attrs));
    }
    found
}

/// A stage's attributes. `clientCertificateId`, `accessLogSettings` and `webAclArn`
/// are left out of the answer when not set, so their absence is "none"; the web ACL
/// itself is read from WAF, which also gives its rules.
pub fn stage_attributes(
    api_id: &str,
    stage: &Stage,
    endpoint_types: Observed<Vec<String>>,
    web_acl: (Observed<Option<String>>, Observed<Option<Vec<WafRule>>>),
) -> StageAttributes {
    StageAttributes {
        api_id: Observed::Value(api_id.to_string()),
        stage_name: required(
            GET_STAGES,
            "stageName",
            stage.stage_name().map(str::to_string),
        ),
        endpoint_types,
        web_acl_arn: web_acl.0,
        web_acl_rules: web_acl.1,
        client_certificate_id: Observed::Value(stage.client_certificate_id().map(str::to_string)),
        access_log_destination: Observed::Value(
            stage
                .access_log_settings()
                .and_then(|s| s.destination_arn())
                .map(str::to_string),
        ),
    }
}

async fn stage_resources(
    ctx: &AwsContext,
    v1: &aws_sdk_apigateway::Client,
    wafv2: &aws_sdk_wafv2::Client,
    region: &str,
    apis: &[RestApi],
) -> Found {
    let mut found = Found::default();
    for api in apis {
        let Some(id) = api.id() else {
            found.without_id(GET_REST_APIS, "id");
            continue;
        };
        let stages = match observe(
            GET_STAGES,
            v1.get_stages().rest_api_id(id).send().await,
            &[],
        ) {
            Observed::Value(s) => s,
            Observed::Unreadable(e) => {
                // The API's stages are unknown: one resource stands for them, so
                // the WAF verdict is an error rather than silence.
                let arn = apigw_arn(ctx, region, &format!("/restapis/{id}/stages/*"));
                let unknown = StageAttributes {
                    api_id: Observed::Value(id.to_string()),
                    stage_name: Observed::Unreadable(e.clone()),
                    endpoint_types: Observed::Unreadable(e.clone()),
                    web_acl_arn: Observed::Unreadable(e.clone()),
                    web_acl_rules: Observed::Unreadable(e.clone()),
                    client_certificate_id: Observed::Unreadable(e.clone()),
                    access_log_destination: Observed::Unreadable(e),
                };
                let name = format!("{}/*", api.name().unwrap_or(id));
                found.push(ctx.resource(STAGE, arn, name, region, &unknown));
                continue;
            }
            Observed::Absent => continue,
        };
        for stage in stages.item() {
            let Some(stage_name) = stage.stage_name() else {
                found.without_id(GET_STAGES, "stageName");
                continue;
            };
            let arn = apigw_arn(ctx, region, &format!("/restapis/{id}/stages/{stage_name}"));
            let web_acl = waf::for_resource(wafv2, &arn).await;
            let attrs = stage_attributes(
                id,
                stage,
                endpoint_types_of(GET_REST_APIS, api.endpoint_configuration()),
                web_acl,
            );
            let name = format!("{}/{stage_name}", api.name().unwrap_or(id));
            found.push(ctx.resource(STAGE, arn, name, region, &attrs));
        }
    }
    found
}

/// A v1 domain name's attributes. AWS returns `securityPolicy` for every custom
/// domain; one left out is unreadable, not the TLS_1_2 a new domain gets.
pub fn domain_v1_attributes(d: &aws_sdk_apigateway::types::DomainName) -> DomainAttributes {
    DomainAttributes {
        listed_by: Observed::Value("v1".into()),
        endpoint_types: endpoint_types_of(GET_DOMAIN_NAMES, d.endpoint_configuration()),
        security_policies: required(
            GET_DOMAIN_NAMES,
            "securityPolicy",
            d.security_policy().map(|p| vec![p.as_str().to_string()]),
        ),
    }
}

/// A v2 domain name's attributes: one security policy per endpoint configuration; a
/// configuration without one, or a domain with no configuration, is unreadable.
pub fn domain_v2_attributes(d: &aws_sdk_apigatewayv2::types::DomainName) -> DomainAttributes {
    let configs = d.domain_name_configurations();
    let field = |what: &str| {
        Observed::unreadable(format!(
            "{GET_DOMAIN_NAMES_V2}: a domain name configuration has no {what}"
        ))
    };
    let (types, policies) = if configs.is_empty() {
        let none = Observed::unreadable(format!(
            "{GET_DOMAIN_NAMES_V2}: the domain name has no DomainNameConfigurations"
        ));
        (none.clone(), none)
    } else {
        (
            configs
                .iter()
                .map(|c| c.endpoint_type().map(|t| t.as_str().to_string()))
                .collect::<Option<Vec<_>>>()
                .map_or_else(|| field("EndpointType"), Observed::Value),
            configs
                .iter()
                .map(|c| c.security_policy().map(|p| p.as_str().to_string()))
                .collect::<Option<Vec<_>>>()
                .map_or_else(|| field("SecurityPolicy"), Observed::Value),
        )
    };
    DomainAttributes {
        listed_by: Observed::Value("v2".into()),
        endpoint_types: types,
        security_policies: policies,
    }
}

async fn domain_names(
    ctx: &AwsContext,
    v1: &aws_sdk_apigateway::Client,
    v2: &aws_sdk_apigatewayv2::Client,
    region: &str,
) -> Result<Found, String> {
    let listed: Vec<aws_sdk_apigateway::types::DomainName> =
        items!(GET_DOMAIN_NAMES, v1.get_domain_names().limit(500))?;
    let mut found = Found::default();
    let mut seen = std::collections::BTreeSet::new();
    for d in &listed {
        let Some(name) = d.domain_name() else {
            found.without_id(GET_DOMAIN_NAMES, "domainName");
            continue;
        };
        // A private custom domain is named with its id (`name+id`).
        let key = match d.domain_name_id() {
            Some(id) => format!("{name}+{id}"),
            None => name.to_string(),
        };
        seen.insert(name.to_string());
        let arn = apigw_arn(ctx, region, &format!("/domainnames/{key}"));
        found.push(ctx.resource(
            DOMAIN_NAME,
            arn,
            name.to_string(),
            region,
            &domain_v1_attributes(d),
        ));
    }
    let pages = v2_pages!(GET_DOMAIN_NAMES_V2, v2.get_domain_names())?;
    for d in pages.iter().flat_map(|p| p.items()) {
        let Some(name) = d.domain_name() else {
            found.without_id(GET_DOMAIN_NAMES_V2, "DomainName");
            continue;
        };
        if !seen.insert(name.to_string()) {
            continue;
        }
        let arn = apigw_arn(ctx, region, &format!("/domainnames/{name}"));
        found.push(ctx.resource(
            DOMAIN_NAME,
            arn,
            name.to_string(),
            region,
            &domain_v2_attributes(d),
        ));
    }
    Ok(found)
}

/// A route as judged. AWS names the authorization type of every route; one left out
/// is unreadable, not the `NONE` that CreateRoute assumes.
pub fn route_of(r: &aws_sdk_apigatewayv2::types::Route) -> Result<Route, String> {
    let key = r.route_key().unwrap_or("?");
    let Some(t) = r.authorization_type() else {
        return Err(format!(
            "{GET_ROUTES}: route {key} has no AuthorizationType"
        ));
    };
    let Some(route_key) = r.route_key() else {
        return Err(format!("{GET_ROUTES}: a route has no RouteKey"));
    };
    Ok(Route {
        route_key: route_key.to_string(),
        authorization_type: t.as_str().to_string(),
        authorizer_id: r.authorizer_id().map(str::to_string),
        api_key_required: r.api_key_required(),
    })
}

async fn routes(v2: &aws_sdk_apigatewayv2::Client, api_id: &str) -> Observed<Vec<Route>> {
    let pages = v2_pages!(GET_ROUTES, v2.get_routes().api_id(api_id));
    Observed::of(pages)
        .and_then(|pages| {
            pages
                .iter()
                .flat_map(|p| p.items())
                .map(|r| Observed::of(route_of(r)))
                .collect()
        })
        .map(|mut out: Vec<Route>| {
            out.sort_by(|a, b| a.route_key.cmp(&b.route_key));
            out
        })
}

/// An HTTP or WebSocket API's attributes. `DisableExecuteApiEndpoint` left out is
/// the documented default, false.
pub fn v2_api_attributes(
    api: &aws_sdk_apigatewayv2::types::Api,
    routes: Observed<Vec<Route>>,
) -> V2ApiAttributes {
    V2ApiAttributes {
        protocol_type: required(
            GET_APIS,
            "ProtocolType",
            api.protocol_type().map(|p| p.as_str().to_string()),
        ),
        disable_execute_api_endpoint: Observed::Value(
            api.disable_execute_api_endpoint().unwrap_or(false),
        ),
        routes,
    }
}

async fn v2_apis(
    ctx: &AwsContext,
    v2: &aws_sdk_apigatewayv2::Client,
    region: &str,
) -> Result<Found, String> {
    let pages = v2_pages!(GET_APIS, v2.get_apis())?;
    let listed: Vec<_> = pages.iter().flat_map(|p| p.items()).collect();
    let mut found = Found::default();
    for api in listed {
        let Some(id) = api.api_id() else {
            found.without_id(GET_APIS, "ApiId");
            continue;
        };
        let attrs = v2_api_attributes(api, routes(v2, id).await);
        let arn = apigw_arn(ctx, region, &format!("/apis/{id}"));
        let name = api.name().unwrap_or(id).to_string();
        found.push(ctx.resource(V2_API, arn, name, region, &attrs));
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_apigateway::types::{AccessLogSettings, EndpointType, SecurityPolicy as V1Policy};

    #[test]
    fn a_rest_api_keeps_its_endpoint_policy_and_a_missing_endpoint_type_is_unreadable() {
        let api = RestApi::builder()
            .id("a1")
            .endpoint_configuration(
                EndpointConfiguration::builder()
                    .types(EndpointType::Regional)
                    .build(),
            )
            .security_policy(V1Policy::SecurityPolicyTls1312202106)
            .disable_execute_api_endpoint(true)
            .build();
        let a = rest_api_attributes(&api, Observed::Value(vec![]));
        assert_eq!(a.endpoint_types, Observed::Value(vec!["REGIONAL".into()]));
        assert_eq!(
            a.security_policy,
            Observed::Value(Some("SecurityPolicy_TLS13_1_2_2021_06".into()))
        );
        assert_eq!(a.disable_execute_api_endpoint, Observed::Value(true));
        let bare = rest_api_attributes(
            &RestApi::builder().id("a2").build(),
            Observed::Value(vec![]),
        );
        assert_eq!(
            bare.endpoint_types.unreadable_reason(),
            Some("apigateway:GetRestApis: the response has no endpointConfiguration.types")
        );
        // No policy named: null, for the check's documented per-type default.
        assert_eq!(bare.security_policy, Observed::Value(None));
        assert_eq!(bare.disable_execute_api_endpoint, Observed::Value(false));
    }

    #[test]
    fn a_method_without_its_authorization_type_is_asked_again_not_taken_as_none() {
        let full = Method::builder()
            .http_method("GET")
            .authorization_type("COGNITO_USER_POOLS")
            .authorizer_id("au1")
            .api_key_required(true)
            .build();
        assert_eq!(
            method_of("/items", "GET", &full),
            Some(ApiMethod {
                path: "/items".into(),
                http_method: "GET".into(),
                authorization_type: "COGNITO_USER_POOLS".into(),
                authorizer_id: Some("au1".into()),
                api_key_required: Some(true),
            })
        );
        assert_eq!(method_of("/items", "GET", &Method::builder().build()), None);
    }

    #[test]
    fn a_stage_without_certificate_logs_or_web_acl_has_none_of_them() {
        let stage = Stage::builder().stage_name("prod").build();
        let a = stage_attributes(
            "a1",
            &stage,
            Observed::Value(vec!["EDGE".into()]),
            (Observed::Value(None), Observed::Value(None)),
        );
        assert_eq!(a.client_certificate_id, Observed::Value(None));
        assert_eq!(a.access_log_destination, Observed::Value(None));
        assert_eq!(a.stage_name, Observed::Value("prod".into()));
        let logged = Stage::builder()
            .stage_name("prod")
            .client_certificate_id("cc1")
            .access_log_settings(
                AccessLogSettings::builder()
                    .destination_arn("arn:aws:logs:us-east-1:1:log-group:api")
                    .build(),
            )
            .build();
        let a = stage_attributes(
            "a1",
            &logged,
            Observed::Value(vec!["EDGE".into()]),
            (Observed::Value(None), Observed::Value(None)),
        );
        assert_eq!(a.client_certificate_id, Observed::Value(Some("cc1".into())));
        assert_eq!(
            a.access_log_destination,
            Observed::Value(Some("arn:aws:logs:us-east-1:1:log-group:api".into()))
        );
        let nameless = stage_attributes(
            "a1",
            &Stage::builder().build(),
            Observed::Value(vec![]),
            (Observed::Value(None), Observed::Value(None)),
        );
        assert!(nameless.stage_name.unreadable_reason().is_some());
    }

    #[test]
    fn a_domain_without_its_security_policy_is_unreadable_not_tls_1_2() {
        let d = aws_sdk_apigateway::types::DomainName::builder()
            .domain_name("api.example.com")
            .endpoint_configuration(
                EndpointConfiguration::builder()
                    .types(EndpointType::Edge)
                    .build(),
            )
            .security_policy(V1Policy::Tls10)
            .build();
        let a = domain_v1_attributes(&d);
        assert_eq!(a.security_policies, Observed::Value(vec!["TLS_1_0".into()]));
        assert_eq!(a.endpoint_types, Observed::Value(vec!["EDGE".into()]));
        let bare = aws_sdk_apigateway::types::DomainName::builder()
            .domain_name("api.example.com")
            .build();
        assert_eq!(
            domain_v1_attributes(&bare)
                .security_policies
                .unreadable_reason(),
            Some("apigateway:GetDomainNames: the response has no securityPolicy")
        );
    }

    #[test]
    fn a_v2_domain_has_one_policy_per_configuration_and_none_missing() {
        use aws_sdk_apigatewayv2::types::{
            DomainName, DomainNameConfiguration, EndpointType as V2Type, SecurityPolicy as V2Policy,
        };
        let config = |p: Option<V2Policy>| {
            DomainNameConfiguration::builder()
                .endpoint_type(V2Type::Regional)
                .set_security_policy(p)
                .build()
        };
        let d = DomainName::builder()
            .domain_name("ws.example.com")
            .domain_name_configurations(config(Some(V2Policy::Tls12)))
            .build();
        let a = domain_v2_attributes(&d);
        assert_eq!(a.security_policies, Observed::Value(vec!["TLS_1_2".into()]));
        assert_eq!(a.endpoint_types, Observed::Value(vec!["REGIONAL".into()]));
        let missing = DomainName::builder()
            .domain_name("ws.example.com")
            .domain_name_configurations(config(Some(V2Policy::Tls12)))
            .domain_name_configurations(config(None))
            .build();
        assert_eq!(
            domain_v2_attributes(&missing)
                .security_policies
                .unreadable_reason(),
            Some("apigatewayv2:GetDomainNames: a domain name configuration has no SecurityPolicy")
        );
        let empty = DomainName::builder().domain_name("ws.example.com").build();
        assert!(
            domain_v2_attributes(&empty)
                .security_policies
                .unreadable_reason()
                .is_some_and(|r| r.contains("no DomainNameConfigurations"))
        );
    }

    #[test]
    fn a_route_without_its_authorization_type_is_unreadable_not_open() {
        use aws_sdk_apigatewayv2::types::{AuthorizationType, Route as V2Route};
        let jwt = V2Route::builder()
            .route_key("GET /items")
            .authorization_type(AuthorizationType::Jwt)
            .authorizer_id("j1")
            .build();
        assert_eq!(
            route_of(&jwt),
            Ok(Route {
                route_key: "GET /items".into(),
                authorization_type: "JWT".into(),
                authorizer_id: Some("j1".into()),
                api_key_required: None,
            })
        );
        let bare = V2Route::builder().route_key("GET /open").build();
        assert_eq!(
            route_of(&bare),
            Err("apigatewayv2:GetRoutes: route GET /open has no AuthorizationType".into())
        );
    }

    #[test]
    fn a_v2_api_without_its_protocol_is_unreadable_and_the_default_endpoint_is_on_by_default() {
        use aws_sdk_apigatewayv2::types::{Api, ProtocolType};
        let http = Api::builder()
            .api_id("h1")
            .name("h")
            .protocol_type(ProtocolType::Http)
            .build();
        let a = v2_api_attributes(&http, Observed::Value(vec![]));
        assert_eq!(a.protocol_type, Observed::Value("HTTP".into()));
        assert_eq!(a.disable_execute_api_endpoint, Observed::Value(false));
        let bare = Api::builder().api_id("h2").name("h").build();
        assert_eq!(
            v2_api_attributes(&bare, Observed::Value(vec![]))
                .protocol_type
                .unreadable_reason(),
            Some("apigatewayv2:GetApis: the response has no ProtocolType")
        );
    }
}
