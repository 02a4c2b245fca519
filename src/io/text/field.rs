//! The columns a reader takes, each under its English name and the other names a council's
//! file gives it, so a header matches a column by meaning rather than by one spelling.

use super::fold::fold;
use std::collections::HashMap;

/// One column a reader takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// The English name: what the tool writes and what messages and outputs call it.
    pub name: &'static str,
    /// What the column holds, for messages and the README's table.
    pub what: &'static str,
    /// Other names read as this column (Japanese, mostly); matched after [`fold`], so the
    /// full-width, half-width and spaced forms of each need not be listed.
    pub aliases: &'static [&'static str],
}

impl Field {
    /// The name and every alias.
    pub fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        std::iter::once(self.name).chain(self.aliases.iter().copied())
    }

    /// The names for a message: `` `lat`, 緯度, 北緯, latitude ``.
    pub fn spelled(&self) -> String {
        let mut out = format!("`{}`", self.name);
        for a in self.aliases {
            out.push_str(", ");
            out.push_str(a);
        }
        out
    }
}

/// Folded names of a reader's fields, to find the field a header cell names in one lookup
/// (a header of 200,000 columns is matched in milliseconds).
#[derive(Debug, Clone, Default)]
pub(super) struct Lookup {
    by_key: HashMap<String, &'static Field>,
}

impl Lookup {
    pub(super) fn new(fields: &'static [Field]) -> Lookup {
        let mut by_key = HashMap::new();
        for f in fields {
            for n in f.names() {
                by_key.entry(fold(n)).or_insert(f);
            }
        }
        Lookup { by_key }
    }

    /// The field a folded name means, if any.
    pub(super) fn field(&self, key: &str) -> Option<&'static Field> {
        self.by_key.get(key).copied()
    }

    /// The key a name is compared by: its field's English name, or else the folded name.
    pub(super) fn key(&self, name: &str) -> String {
        let folded = fold(name);
        match self.field(&folded) {
            Some(f) => f.name.to_string(),
            None => folded,
        }
    }
}
