//! Which Azure cloud a scan talks to. The authority (sign-in) host, the Resource Manager
//! endpoint and the Microsoft Graph endpoint always change together, so they are one
//! setting; `custom` serves Azure Stack Hub and private endpoints.

use std::fmt;

use serde::Deserialize;
use url::Url;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum CloudName {
    /// Azure (global).
    #[default]
    Public,
    /// Azure Government (US).
    Usgov,
    /// Azure operated by 21Vianet (China).
    China,
    /// Endpoints given with --authority-host, --arm-endpoint and --graph-endpoint.
    Custom,
}

impl fmt::Display for CloudName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CloudName::Public => "public",
            CloudName::Usgov => "usgov",
            CloudName::China => "china",
            CloudName::Custom => "custom",
        })
    }
}

/// Endpoints a `custom` cloud needs; each may also override a named cloud's.
#[derive(Debug, Clone, Default)]
pub struct EndpointOverrides {
    pub authority_host: Option<String>,
    pub arm_endpoint: Option<String>,
    pub graph_endpoint: Option<String>,
}

/// The resolved endpoints of one cloud.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cloud {
    pub name: CloudName,
    pub authority_host: Url,
    pub arm_endpoint: Url,
    pub graph_endpoint: Url,
}

#[derive(Debug, thiserror::Error)]
pub enum CloudError {
    #[error("--cloud custom needs {0} (or `azure.{1}` in the config)")]
    Missing(&'static str, &'static str),
    #[error("{flag} {value:?} is not a URL: {reason}")]
    NotUrl {
        flag: &'static str,
        value: String,
        reason: String,
    },
    #[error(
        "{flag} {value:?} must use https: Azure sends bearer tokens, which must never travel in clear text"
    )]
    NotHttps { flag: &'static str, value: String },
}

fn known(name: CloudName) -> Option<[&'static str; 3]> {
    match name {
        CloudName::Public => Some([
            "https://login.microsoftonline.com",
            "https://management.azure.com",
            "https://graph.microsoft.com",
        ]),
        CloudName::Usgov => Some([
            "https://login.microsoftonline.us",
            "https://management.usgovcloudapi.net",
            "https://graph.microsoft.us",
        ]),
        CloudName::China => Some([
            "https://login.chinacloudapi.cn",
            "https://management.chinacloudapi.cn",
            "https://microsoftgraph.chinacloudapi.cn",
        ]),
        CloudName::Custom => None,
    }
}

fn parse(flag: &'static str, value: &str) -> Result<Url, CloudError> {
    let url = Url::parse(value).map_err(|e| CloudError::NotUrl {
        flag,
        value: value.to_string(),
        reason: e.to_string(),
    })?;
    if url.scheme() != "https" {
        return Err(CloudError::NotHttps {
            flag,
            value: value.to_string(),
        });
    }
    Ok(url)
}

impl Cloud {
    pub fn resolve(name: CloudName, overrides: &EndpointOverrides) -> Result<Cloud, CloudError> {
        let defaults = known(name);
        let pick = |given: &Option<String>,
                    index: usize,
                    flag: &'static str,
                    key: &'static str|
         -> Result<Url, CloudError> {
            match (given, defaults) {
                (Some(v), _) => parse(flag, v),
                (None, Some(d)) => parse(flag, d[index]),
                (None, None) => Err(CloudError::Missing(flag, key)),
            }
        };
        Ok(Cloud {
            name,
            authority_host: pick(
                &overrides.authority_host,
                0,
                "--authority-host",
                "authority_host",
            )?,
            arm_endpoint: pick(&overrides.arm_endpoint, 1, "--arm-endpoint", "arm_endpoint")?,
            graph_endpoint: pick(
                &overrides.graph_endpoint,
                2,
                "--graph-endpoint",
                "graph_endpoint",
            )?,
        })
    }

    /// The token scope for an endpoint: its origin with `/.default`.
    pub fn scope_of(endpoint: &Url) -> String {
        format!(
            "{}/.default",
            endpoint
                .origin()
                .ascii_serialization()
                .trim_end_matches('/')
        )
    }

    pub fn arm_scope(&self) -> String {
        Cloud::scope_of(&self.arm_endpoint)
    }

    pub fn graph_scope(&self) -> String {
        Cloud::scope_of(&self.graph_endpoint)
    }

    /// What `azure_identity` needs to sign in against this cloud's authority.
    pub fn configuration(&self) -> azure_core::cloud::CloudConfiguration {
        use azure_core::cloud::{CloudConfiguration, CustomConfiguration};
        match self.name {
            CloudName::Public if known(self.name).is_some_and(|d| self.is_default(d)) => {
                CloudConfiguration::AzurePublic
            }
            CloudName::Usgov if known(self.name).is_some_and(|d| self.is_default(d)) => {
                CloudConfiguration::AzureGovernment
            }
            CloudName::China if known(self.name).is_some_and(|d| self.is_default(d)) => {
                CloudConfiguration::AzureChina
            }
            _ => {
                let mut custom = CustomConfiguration::default();
                custom.authority_host = self
                    .authority_host
                    .as_str()
                    .trim_end_matches('/')
                    .to_string();
                custom.into()
            }
        }
    }

    fn is_default(&self, d: [&str; 3]) -> bool {
        self.authority_host.as_str().trim_end_matches('/') == d[0]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_clouds_pick_all_three_hosts_together() {
        let gov = Cloud::resolve(CloudName::Usgov, &EndpointOverrides::default()).unwrap();
        assert_eq!(
            gov.authority_host.as_str(),
            "https://login.microsoftonline.us/"
        );
        assert_eq!(
            gov.arm_scope(),
            "https://management.usgovcloudapi.net/.default"
        );
        assert_eq!(gov.graph_scope(), "https://graph.microsoft.us/.default");
        let china = Cloud::resolve(CloudName::China, &EndpointOverrides::default()).unwrap();
        assert_eq!(
            china.arm_endpoint.as_str(),
            "https://management.chinacloudapi.cn/"
        );
    }

    #[test]
    fn custom_cloud_needs_every_endpoint_over_https() {
        let err = Cloud::resolve(CloudName::Custom, &EndpointOverrides::default()).unwrap_err();
        assert!(err.to_string().contains("--authority-host"), "{err}");
        let plain = EndpointOverrides {
            authority_host: Some("https://login.local".into()),
            arm_endpoint: Some("http://arm.local".into()),
            graph_endpoint: Some("https://graph.local".into()),
        };
        let err = Cloud::resolve(CloudName::Custom, &plain).unwrap_err();
        assert!(err.to_string().contains("--arm-endpoint"), "{err}");
        assert!(err.to_string().contains("https"), "{err}");
    }
}
