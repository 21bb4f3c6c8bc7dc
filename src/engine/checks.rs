//! What the loaded checks are, read-only: their metadata, where they came from and
//! their Rego tests. Planning, scoring and every report format read only this.

use super::metadata::CheckMeta;

#[derive(Debug, Clone)]
pub struct Check {
    pub meta: CheckMeta,
    pub path: String,
    /// Rego package path, e.g. `data.vouch.aws.s3.bucket_versioning`.
    pub package: String,
    /// Names of the `test_` rules in the check's `_test.rego`, in file order.
    pub tests: Vec<String>,
    pub test_package: Option<String>,
}

impl Check {
    pub fn id(&self) -> &str {
        &self.meta.custom.id
    }
}

/// The loaded checks' metadata, read-only: what planning, scoring and every report
/// format read. Sorted by id.
#[derive(Debug, Clone, Default)]
pub struct Checks {
    list: Vec<Check>,
}

impl Checks {
    pub(crate) fn new(list: Vec<Check>) -> Self {
        Checks { list }
    }

    pub fn get(&self, id: &str) -> Option<&Check> {
        self.list.iter().find(|c| c.id() == id)
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Check> {
        self.list.iter()
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

impl<'a> IntoIterator for &'a Checks {
    type Item = &'a Check;
    type IntoIter = std::slice::Iter<'a, Check>;
    fn into_iter(self) -> Self::IntoIter {
        self.list.iter()
    }
}
