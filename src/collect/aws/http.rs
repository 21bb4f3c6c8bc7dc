//! The HTTP client all AWS calls share.
//!
//! S3 Control puts the account id in the host name (`000000000000.127.0.0.1:4566`
//! against an emulator), which no DNS server resolves. Names under a loopback address
//! or `localhost` can only mean this machine, so the resolver answers them with the
//! loopback address; every other name goes to the system resolver.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use aws_smithy_http_client::Builder;
use aws_smithy_http_client::tls::{Provider, rustls_provider::CryptoMode};
use aws_smithy_runtime_api::client::dns::{DnsFuture, ResolveDns, ResolveDnsError};
use aws_smithy_runtime_api::client::http::SharedHttpClient;

#[derive(Debug, Clone, Default)]
pub struct LoopbackAwareResolver;

/// The loopback address a name stands for, if it is one of ours.
pub fn loopback_for(name: &str) -> Option<IpAddr> {
    let name = name.trim_end_matches('.');
    if name == "localhost" || name.ends_with(".localhost") {
        return Some(IpAddr::V4(Ipv4Addr::LOCALHOST));
    }
    let last_four: Vec<&str> = name.rsplitn(5, '.').take(4).collect();
    if last_four.len() == 4 {
        let dotted = format!(
            "{}.{}.{}.{}",
            last_four[3], last_four[2], last_four[1], last_four[0]
        );
        if let Ok(ip) = dotted.parse::<Ipv4Addr>()
            && ip.is_loopback()
        {
            return Some(IpAddr::V4(ip));
        }
    }
    if name.ends_with(".[::1]") {
        return Some(IpAddr::V6(Ipv6Addr::LOCALHOST));
    }
    None
}

impl ResolveDns for LoopbackAwareResolver {
    fn resolve_dns<'a>(&'a self, name: &'a str) -> DnsFuture<'a> {
        DnsFuture::new(async move {
            if let Some(ip) = loopback_for(name) {
                return Ok(vec![ip]);
            }
            let addrs = tokio::net::lookup_host((name, 0))
                .await
                .map_err(ResolveDnsError::new)?;
            Ok(addrs.map(|a| a.ip()).collect())
        })
    }
}

pub fn http_client() -> SharedHttpClient {
    Builder::new()
        .tls_provider(Provider::Rustls(CryptoMode::Ring))
        .build_with_resolver(LoopbackAwareResolver)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_only_loopback_names() {
        let lo = Some(IpAddr::V4(Ipv4Addr::LOCALHOST));
        assert_eq!(loopback_for("000000000000.127.0.0.1"), lo);
        assert_eq!(loopback_for("bucket.localhost"), lo);
        assert_eq!(
            loopback_for("a.b.127.0.0.9"),
            Some("127.0.0.9".parse().unwrap())
        );
        assert_eq!(loopback_for("s3.amazonaws.com"), None);
        assert_eq!(loopback_for("000000000000.10.0.0.1"), None);
        assert_eq!(loopback_for("127.0.0.1.evil.com"), None);
    }
}
