//! Direct Connect connections: the dedicated links between a data centre and AWS, and
//! whether each encrypts what crosses it (MACsec). A Direct Connect link carries
//! traffic in the clear unless MACsec or a VPN over it encrypts it; the API shows the
//! former, not the latter.

use aws_sdk_directconnect::Client;
use aws_sdk_directconnect::types::Connection;
use serde::Serialize;

use super::error::{reason, required};
use super::list::found_per_region;
use super::{AwsContext, Collected, Found};
use crate::inventory::Observed;

pub use crate::registry::names::AWS_DIRECTCONNECT_CONNECTION as CONNECTION;

const DESCRIBE: &str = "directconnect:DescribeConnections";

#[derive(Serialize)]
struct ConnectionAttributes {
    state: Observed<String>,
    /// `no_encrypt`, `should_encrypt` or `must_encrypt`; null on a connection that has
    /// no MACsec setting at all (AWS returns the field only for MACsec-capable ports).
    encryption_mode: Observed<Option<String>>,
    /// `Encryption Up` while MACsec protects the link, `Encryption Down` otherwise;
    /// null where MACsec is not set up.
    port_encryption_status: Observed<Option<String>>,
    mac_sec_capable: Observed<Option<bool>>,
    /// The connection belongs to a Direct Connect partner's interconnect (hosted).
    partner_name: Observed<Option<String>>,
    tags: Observed<std::collections::BTreeMap<String, String>>,
}

/// A connection's attributes. `connectionState` is documented for every connection and
/// its absence is unreadable; the MACsec fields exist only where MACsec does, so their
/// absence is "no MACsec", which is what decides that the link is not encrypted.
fn connection_attributes(c: &Connection) -> ConnectionAttributes {
    ConnectionAttributes {
        state: required(
            DESCRIBE,
            "connectionState",
            c.connection_state().map(|s| s.as_str().to_string()),
        ),
        encryption_mode: Observed::Value(c.encryption_mode().map(str::to_string)),
        port_encryption_status: Observed::Value(c.port_encryption_status().map(str::to_string)),
        mac_sec_capable: Observed::Value(c.mac_sec_capable()),
        partner_name: Observed::Value(c.partner_name().map(str::to_string)),
        tags: Observed::Value(
            c.tags()
                .iter()
                .map(|t| {
                    (
                        t.key().to_string(),
                        t.value().unwrap_or_default().to_string(),
                    )
                })
                .collect(),
        ),
    }
}

pub async fn collect(ctx: &AwsContext) -> Collected {
    found_per_region(ctx, "directconnect", CONNECTION, |region| async move {
        connections(ctx, &Client::new(&ctx.regional(&region)), &region).await
    })
    .await
}

async fn connections(ctx: &AwsContext, client: &Client, region: &str) -> Result<Found, String> {
    let out = client
        .describe_connections()
        .send()
        .await
        .map_err(|e| reason(DESCRIBE, &e))?;
    Ok(Found::each(
        out.connections(),
        DESCRIBE,
        "connectionId",
        |c| {
            let id = c.connection_id()?;
            let arn = ctx.arn("directconnect", region, &format!("dxcon/{id}"));
            let name = c
                .connection_name()
                .filter(|n| !n.is_empty())
                .unwrap_or(id)
                .to_string();
            Some(ctx.resource(CONNECTION, arn, name, region, &connection_attributes(c)))
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_directconnect::types::ConnectionState;

    #[test]
    fn a_connection_without_macsec_fields_has_none_and_without_state_is_unreadable() {
        let plain = connection_attributes(
            &Connection::builder()
                .connection_id("dxcon-1")
                .connection_state(ConnectionState::Available)
                .build(),
        );
        assert_eq!(plain.state, Observed::Value("available".into()));
        assert_eq!(plain.encryption_mode, Observed::Value(None));
        assert_eq!(plain.port_encryption_status, Observed::Value(None));
        let macsec = connection_attributes(
            &Connection::builder()
                .connection_id("dxcon-2")
                .encryption_mode("must_encrypt")
                .port_encryption_status("Encryption Up")
                .mac_sec_capable(true)
                .build(),
        );
        assert_eq!(
            macsec.state.unreadable_reason(),
            Some("directconnect:DescribeConnections: the response has no connectionState")
        );
        assert_eq!(
            macsec.encryption_mode,
            Observed::Value(Some("must_encrypt".into()))
        );
        assert_eq!(
            macsec.port_encryption_status,
            Observed::Value(Some("Encryption Up".into()))
        );
    }
}
