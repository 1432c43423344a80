//! UK government departments under the names and abbreviations publishers use.
//!
//! A department is spelled many ways across a decade of releases ("Department of Health",
//! "DH", "DHSC", "Department of Health & Social Care"), and some were renamed along the
//! way. [`Departments::uk`] folds the spellings of one department, and the names it had
//! before a rename, into one canonical name; departments that were merged or split (BIS
//! and DECC into BEIS, BEIS into DESNZ, DSIT and DBT) stay apart, because their
//! portfolios differ. A caller adds its own names with [`Departments::add`].
//!
//! Names are compared after normalising case, `&` (as "and"), punctuation and spacing, a
//! leading "The", and "His/Her Majesty's" (as "HM").

use std::collections::HashMap;

use crate::error::{Error, ErrorCode, Location, Problem};

/// The built-in registry: canonical name, then the other names and abbreviations it goes
/// by. Renamed departments list their former names.
const UK: &[(&str, &[&str])] = &[
    ("Cabinet Office", &["CO"]),
    ("HM Treasury", &["HMT", "Treasury"]),
    ("HM Revenue and Customs", &["HMRC"]),
    ("Home Office", &["HO"]),
    ("Ministry of Defence", &["MoD", "Defence"]),
    ("Ministry of Justice", &["MoJ"]),
    (
        "Department of Health and Social Care",
        &["DHSC", "Department of Health", "DH", "DoH"],
    ),
    ("Department for Education", &["DfE"]),
    ("Department for Transport", &["DfT"]),
    ("Department for Work and Pensions", &["DWP"]),
    (
        "Department for Environment, Food and Rural Affairs",
        &["Defra"],
    ),
    (
        "Department for Culture, Media and Sport",
        &["DCMS", "Department for Digital, Culture, Media and Sport"],
    ),
    (
        "Ministry of Housing, Communities and Local Government",
        &[
            "MHCLG",
            "Department for Levelling Up, Housing and Communities",
            "DLUHC",
            "Department for Communities and Local Government",
            "DCLG",
        ],
    ),
    (
        "Department for Business, Energy and Industrial Strategy",
        &["BEIS"],
    ),
    ("Department for Business, Innovation and Skills", &["BIS"]),
    ("Department of Energy and Climate Change", &["DECC"]),
    ("Department for Energy Security and Net Zero", &["DESNZ"]),
    (
        "Department for Science, Innovation and Technology",
        &["DSIT"],
    ),
    ("Department for Business and Trade", &["DBT"]),
    ("Department for International Trade", &["DIT"]),
    ("Department for International Development", &["DfID"]),
    ("Foreign and Commonwealth Office", &["FCO"]),
    ("Foreign, Commonwealth and Development Office", &["FCDO"]),
    ("Department for Exiting the European Union", &["DExEU"]),
    ("National Crime Agency", &["NCA"]),
    ("Crown Prosecution Service", &["CPS"]),
    ("Office for National Statistics", &["ONS"]),
    ("HM Land Registry", &["HMLR", "Land Registry"]),
    ("National Savings and Investments", &["NS&I", "NSI"]),
    ("Valuation Office Agency", &["VOA"]),
    ("Food Standards Agency", &["FSA"]),
];

/// A name as the registry compares it.
fn key(name: &str) -> String {
    let lower = name.to_lowercase().replace('&', " and ");
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut out: Vec<&str> = Vec::with_capacity(words.len());
    let mut i = 0;
    while let Some(&w) = words.get(i) {
        let next = words.get(i + 1).copied();
        if matches!(w, "his" | "her") && next == Some("majesty") {
            // "His Majesty's" splits into "his", "majesty", "s".
            out.push("hm");
            i += if words.get(i + 2) == Some(&"s") { 3 } else { 2 };
            continue;
        }
        if !(w == "the" && out.is_empty()) {
            out.push(w);
        }
        i += 1;
    }
    out.join(" ")
}

/// A registry of departments: each has a canonical name and the names it answers to.
///
/// ```
/// use roadmap_tracker::spreadsheet::Departments;
/// let mut d = Departments::uk();
/// assert_eq!(d.canonical("Department of Health"), Some("Department of Health and Social Care"));
/// assert_eq!(d.canonical("DHSC"), Some("Department of Health and Social Care"));
/// assert_eq!(d.canonical("Department of Health & Social Care"), Some("Department of Health and Social Care"));
/// assert_eq!(d.canonical("MOJ"), Some("Ministry of Justice"));
/// assert_eq!(d.canonical("His Majesty's Revenue and Customs"), Some("HM Revenue and Customs"));
/// assert_eq!(d.canonical("Ministry of Silly Walks"), None);
/// d.add("Ministry of Silly Walks", &["MSW"])?;
/// assert_eq!(d.canonical("msw"), Some("Ministry of Silly Walks"));
/// # Ok::<(), roadmap_tracker::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Departments {
    names: Vec<String>,
    index: HashMap<String, usize>,
}

impl Departments {
    /// An empty registry.
    pub fn new() -> Self {
        Departments::default()
    }

    /// The built-in registry of UK government departments and the agencies that run
    /// major projects, with their common names and abbreviations.
    pub fn uk() -> Self {
        let mut d = Departments::new();
        for (name, aliases) in UK {
            // The built-in table has no clashes (a unit test checks it).
            let _ = d.add(name, aliases);
        }
        d
    }

    /// Add a department, or more names for one already known (by its name or any
    /// alias): the names then lead to that department's canonical name. A name already
    /// leading to another department is an [`ErrorCode::DuplicateLabel`] error, and
    /// nothing is added.
    ///
    /// ```
    /// # use roadmap_tracker::{spreadsheet::Departments, ErrorCode};
    /// let mut d = Departments::uk();
    /// d.add("Ministry of Justice", &["Justice"])?;
    /// assert_eq!(d.canonical("justice"), Some("Ministry of Justice"));
    /// let err = d.add("Home Office", &["MoJ"]).unwrap_err();
    /// assert_eq!(err.code(), ErrorCode::DuplicateLabel);
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn add(&mut self, name: &str, aliases: &[&str]) -> Result<(), Error> {
        let at = self.index.get(&key(name)).copied();
        let id = at.unwrap_or(self.names.len());
        for alias in std::iter::once(&name).chain(aliases) {
            if let Some(other) = self.index.get(&key(alias)).filter(|i| **i != id) {
                let other = self.names.get(*other).cloned().unwrap_or_default();
                return Err(Error::format(Problem::new(
                    ErrorCode::DuplicateLabel,
                    Location::default().with_field("departments"),
                    format!("{alias:?} already names {other:?}, not {name:?}"),
                )));
            }
        }
        if at.is_none() {
            self.names.push(name.trim().to_owned());
        }
        for alias in std::iter::once(&name).chain(aliases) {
            self.index.insert(key(alias), id);
        }
        Ok(())
    }

    /// The canonical name of a department written `name`, if the registry knows it.
    pub fn canonical(&self, name: &str) -> Option<&str> {
        self.index
            .get(&key(name))
            .and_then(|i| self.names.get(*i))
            .map(String::as_str)
    }

    /// Every canonical name, in the order added.
    pub fn names(&self) -> &[String] {
        &self.names
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_table_has_no_clashes() {
        let mut d = Departments::new();
        for (name, aliases) in UK {
            assert!(d.add(name, aliases).is_ok(), "{name}");
        }
        assert_eq!(d.names().len(), UK.len());
    }

    #[test]
    fn spellings_fold() {
        assert_eq!(key("The Home Office"), "home office");
        assert_eq!(key("Her Majesty's Treasury"), "hm treasury");
        assert_eq!(
            key("Department for Environment Food & Rural Affairs"),
            key("Department for Environment, Food and Rural Affairs")
        );
        let d = Departments::uk();
        assert_eq!(d.canonical("DCLG"), d.canonical("DLUHC"));
        assert_ne!(d.canonical("BEIS"), d.canonical("DESNZ"));
    }
}
