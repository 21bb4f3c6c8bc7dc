//! The three states a collected value can be in.
//!
//! Scanners that fold "could not read" into a default (false, empty, disabled) report
//! compliance they never saw. Every collected fact is therefore one of: seen with a
//! value, seen to be absent (the API said "there is none"), or unreadable, with the
//! reason kept so a check can report `error` instead of guessing.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Debug, Clone, PartialEq)]
pub enum Observed<T> {
    /// The API answered with this value.
    Value(T),
    /// The API answered that the thing does not exist (e.g. no bucket policy).
    Absent,
    /// The API did not answer usefully; the reason says why (denied, throttled, timed out...).
    Unreadable(String),
}

impl<T> Observed<T> {
    pub fn unreadable(reason: impl Into<String>) -> Self {
        Observed::Unreadable(reason.into())
    }

    /// A view put together from several reads (every trail, every region): any read
    /// that failed could have decided it, so the view is whole or unreadable, and then
    /// names each failure ("not every trail could be read (...)").
    pub fn whole_unless(value: T, what: &str, failed: &[String]) -> Self {
        if failed.is_empty() {
            Observed::Value(value)
        } else {
            Observed::Unreadable(format!(
                "not every {what} could be read ({})",
                failed.join("; ")
            ))
        }
    }

    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Observed<U> {
        match self {
            Observed::Value(v) => Observed::Value(f(v)),
            Observed::Absent => Observed::Absent,
            Observed::Unreadable(r) => Observed::Unreadable(r),
        }
    }

    /// Reads a value out of an answer that was read, where that reading can itself find
    /// nothing or fail; "absent" and "unreadable" pass through as they are.
    pub fn and_then<U>(self, f: impl FnOnce(T) -> Observed<U>) -> Observed<U> {
        match self {
            Observed::Value(v) => f(v),
            Observed::Absent => Observed::Absent,
            Observed::Unreadable(r) => Observed::Unreadable(r),
        }
    }

    /// A field the API documents as always present: its absence makes the value
    /// unreadable, with the reason "{operation}: the {answer} has no {field}", where
    /// `answer` is the provider's word for what an API sends back (AWS: "response",
    /// Azure: "answer"). Every provider's `required` is this one.
    pub fn required_in(answer: &str, operation: &str, field: &str, v: Option<T>) -> Self {
        match v {
            Some(v) => Observed::Value(v),
            None => Observed::Unreadable(format!("{operation}: the {answer} has no {field}")),
        }
    }

    /// For an observed optional field the API documents as always present: its absence
    /// makes the value unreadable, with the reason (in AWS's words).
    pub fn and_then_required<U>(self, operation: &str, field: &str) -> Observed<U>
    where
        T: Into<Option<U>>,
    {
        self.and_then(|v| Observed::required_in("response", operation, field, v.into()))
    }

    /// For a list or map where the API's "there is none" means "none of them": absent
    /// becomes the empty value; unreadable stays unreadable.
    pub fn or_empty(self) -> Self
    where
        T: Default,
    {
        match self {
            Observed::Absent => Observed::Value(T::default()),
            other => other,
        }
    }

    /// A value the API may say there is none of, as `Result`: absent is `Ok(None)`,
    /// unreadable the error with its reason.
    pub fn optional(self) -> Result<Option<T>, String> {
        match self {
            Observed::Value(v) => Ok(Some(v)),
            Observed::Absent => Ok(None),
            Observed::Unreadable(r) => Err(r),
        }
    }

    /// The outcome of a read whose failure is already a reason.
    pub fn of(result: Result<T, String>) -> Self {
        match result {
            Ok(v) => Observed::Value(v),
            Err(r) => Observed::Unreadable(r),
        }
    }

    pub fn value(&self) -> Option<&T> {
        match self {
            Observed::Value(v) => Some(v),
            _ => None,
        }
    }

    pub fn unreadable_reason(&self) -> Option<&str> {
        match self {
            Observed::Unreadable(r) => Some(r),
            _ => None,
        }
    }
}

/// The values of several reads, like `Result`: the first unreadable one makes the
/// whole unreadable with its reason; an absent one adds nothing.
impl<T> FromIterator<Observed<T>> for Observed<Vec<T>> {
    fn from_iter<I: IntoIterator<Item = Observed<T>>>(iter: I) -> Self {
        let mut all = Vec::new();
        for o in iter {
            match o {
                Observed::Value(v) => all.push(v),
                Observed::Absent => {}
                Observed::Unreadable(r) => return Observed::Unreadable(r),
            }
        }
        Observed::Value(all)
    }
}

/// On disk an observation is a small tagged object, so a saved inventory states the
/// difference between "absent" and "unreadable" instead of collapsing both to null.
#[derive(Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case", deny_unknown_fields)]
enum Repr<T> {
    Observed { value: T },
    Absent,
    Unreadable { reason: String },
}

impl<T: Serialize + Clone> Serialize for Observed<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let repr = match self {
            Observed::Value(value) => Repr::Observed {
                value: value.clone(),
            },
            Observed::Absent => Repr::Absent,
            Observed::Unreadable(reason) => Repr::Unreadable {
                reason: reason.clone(),
            },
        };
        repr.serialize(serializer)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Observed<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match Repr::<T>::deserialize(deserializer)? {
            Repr::Observed { value } => Observed::Value(value),
            Repr::Absent => Observed::Absent,
            Repr::Unreadable { reason } => Observed::Unreadable(reason),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_each_state() {
        for obs in [
            Observed::Value(serde_json::json!({"a": 1})),
            Observed::Absent,
            Observed::unreadable("AccessDenied: no"),
        ] {
            let text = serde_json::to_string(&obs).unwrap();
            let back: Observed<serde_json::Value> = serde_json::from_str(&text).unwrap();
            assert_eq!(back, obs);
        }
        assert_eq!(
            serde_json::to_string(&Observed::<u8>::Absent).unwrap(),
            r#"{"state":"absent"}"#
        );
    }

    #[test]
    fn a_documented_field_left_out_is_unreadable_not_false() {
        let missing: Observed<Option<bool>> = Observed::Value(None);
        let got: Observed<bool> = missing.and_then_required("ec2:X", "Encrypted");
        assert_eq!(
            got,
            Observed::unreadable("ec2:X: the response has no Encrypted")
        );
        let present: Observed<Option<bool>> = Observed::Value(Some(false));
        assert_eq!(
            present.and_then_required::<bool>("ec2:X", "Encrypted"),
            Observed::Value(false)
        );
        let denied: Observed<Option<bool>> = Observed::unreadable("AccessDenied");
        assert_eq!(
            denied.and_then_required::<bool>("ec2:X", "Encrypted"),
            Observed::unreadable("AccessDenied")
        );
    }

    #[test]
    fn a_list_of_reads_is_whole_or_the_first_failure() {
        let all: Observed<Vec<u8>> = [Observed::Value(1), Observed::Absent, Observed::Value(2)]
            .into_iter()
            .collect();
        assert_eq!(all, Observed::Value(vec![1, 2]));
        let failed: Observed<Vec<u8>> = [
            Observed::Value(1),
            Observed::unreadable("first"),
            Observed::unreadable("second"),
        ]
        .into_iter()
        .collect();
        assert_eq!(failed, Observed::unreadable("first"));
        assert_eq!(
            Observed::<Vec<u8>>::Absent.or_empty(),
            Observed::Value(vec![])
        );
        assert_eq!(
            Observed::<Vec<u8>>::unreadable("x").or_empty(),
            Observed::unreadable("x")
        );
    }

    #[test]
    fn rejects_unknown_state() {
        let err = serde_json::from_str::<Observed<u8>>(r#"{"state":"maybe"}"#).unwrap_err();
        assert!(err.to_string().contains("maybe"), "{err}");
    }
}
