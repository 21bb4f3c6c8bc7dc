//! Environment variables as vouch keeps them: each name with the kind of its value,
//! never the value. Lambda functions and ECS task definitions put configuration in
//! environment variables, and a secret there is readable by anyone who may read the
//! function's or task's configuration, with no key of its own protecting it.

use serde::Serialize;

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct EnvVar {
    pub name: String,
    /// `empty`, `reference` (an ARN or a `{{resolve:...}}` dynamic reference: the
    /// value names where the secret is kept), `kms-ciphertext` (a value encrypted with
    /// KMS before it was set, as Lambda's encryption helpers do) or `literal`.
    pub value: &'static str,
}

/// The kind of a value, read once here so the value itself goes no further.
pub fn value_kind(value: &str) -> &'static str {
    let v = value.trim();
    if v.is_empty() {
        "empty"
    } else if v.starts_with("arn:") || v.starts_with("{{resolve:") {
        "reference"
    } else if is_kms_ciphertext(v) {
        "kms-ciphertext"
    } else {
        "literal"
    }
}

/// A KMS ciphertext blob, base64: it starts with version byte 1, then 1 or 2, then
/// 0x02 0x00 0x78 (the key ARN's length prefix), which base64 spells `AQICAH`/`AQECAH`.
fn is_kms_ciphertext(v: &str) -> bool {
    (v.starts_with("AQICAH") || v.starts_with("AQECAH"))
        && v.len() >= 100
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '/' || c == '=')
}

/// Variables by name, sorted, each with its value's kind.
pub fn vars<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Vec<EnvVar> {
    let mut out: Vec<EnvVar> = pairs
        .into_iter()
        .map(|(n, v)| EnvVar {
            name: n.to_string(),
            value: value_kind(v),
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_kept_only_as_their_kind() {
        assert_eq!(value_kind(""), "empty");
        assert_eq!(
            value_kind("arn:aws:secretsmanager:us-east-1:1:secret:db-AbCdEf"),
            "reference"
        );
        assert_eq!(
            value_kind("{{resolve:secretsmanager:db:SecretString:password}}"),
            "reference"
        );
        let blob = format!("AQICAHh{}", "A".repeat(120));
        assert_eq!(value_kind(&blob), "kms-ciphertext");
        assert_eq!(value_kind("hunter2"), "literal");
        assert_eq!(value_kind("AQICAHshort"), "literal");
        let got = vars([("B", "x"), ("A", "")]);
        assert_eq!(got[0].name, "A");
        assert!(!format!("{got:?}").contains("\"x\""));
    }
}
