//! How the library's choices read on the command line: the library owns the types,
//! the CLI owns how clap shows them (so clap stays out of the library).

use clap::ValueEnum;
use clap::builder::PossibleValue;

use crate::collect::azure::cloud::CloudName;
use crate::collect::azure::credential::AuthMethod;
use crate::report::Format;

impl ValueEnum for Format {
    fn value_variants<'a>() -> &'a [Self] {
        &Format::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.name()).help(self.help()))
    }
}

impl ValueEnum for AuthMethod {
    fn value_variants<'a>() -> &'a [Self] {
        use AuthMethod::*;
        &[
            Auto,
            ServicePrincipal,
            WorkloadIdentity,
            ManagedIdentity,
            AzureCli,
        ]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        let (name, help) = match self {
            AuthMethod::Auto => (
                "auto",
                "Try each below in turn and use the first that signs in",
            ),
            AuthMethod::ServicePrincipal => (
                "service-principal",
                "AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET",
            ),
            AuthMethod::WorkloadIdentity => (
                "workload-identity",
                "AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_FEDERATED_TOKEN_FILE (AKS workload identity)",
            ),
            AuthMethod::ManagedIdentity => (
                "managed-identity",
                "The host's managed identity (AZURE_CLIENT_ID picks a user-assigned one)",
            ),
            AuthMethod::AzureCli => ("azure-cli", "The account logged in with `az login`"),
        };
        Some(PossibleValue::new(name).help(help))
    }
}

impl ValueEnum for CloudName {
    fn value_variants<'a>() -> &'a [Self] {
        &[
            CloudName::Public,
            CloudName::Usgov,
            CloudName::China,
            CloudName::Custom,
        ]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        let (name, help) = match self {
            CloudName::Public => ("public", "Azure (global)"),
            CloudName::Usgov => ("usgov", "Azure Government (US)"),
            CloudName::China => ("china", "Azure operated by 21Vianet (China)"),
            CloudName::Custom => (
                "custom",
                "Endpoints given with --authority-host, --arm-endpoint and --graph-endpoint",
            ),
        };
        Some(PossibleValue::new(name).help(help))
    }
}
