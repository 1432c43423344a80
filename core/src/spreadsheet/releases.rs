//! Yearly releases of a portfolio as one dated history.
//!
//! Each release is a [`Sheet`] with its own rating scale and the date its data describe;
//! [`Releases::history`] turns them into [`Snapshots`], with every project under one key
//! across years and every department under its canonical name, so per-year ratings,
//! slippage and schedule health come from the snapshots' API.
//!
//! **Identity.** A project's key is its project number (the `project_id` field) where a
//! release has one. Otherwise it is its normalised name ([`project_key`]): case,
//! punctuation and spacing ignored, `&` read as "and", "program" as "programme", a
//! leading "the" dropped. A release without numbers takes a project's number from any
//! release that gives both number and name. Every match made through a normalised name
//! between differently written names is listed as a `name_match` warning, so a caller
//! can split a wrong match with [`Releases::same_project`].
//!
//! **Dates.** [`gmpp_as_of`] gives the date the UK major projects data of a publication
//! year describe: from 2021 the position at 31 March of that year; before, at 30
//! September of the year before (the publication of year Y carries the second quarter of
//! financial year Y−1/Y).

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::Serialize;

use super::{
    ColumnMapping, Departments, LoadOptions, RoadmapSpec, Severity, Sheet, SheetProblem, SheetRow,
};
use crate::error::{Error, ErrorCode, Location, Problem};
use crate::snapshots::Snapshots;
use crate::status::Vocabulary;
use crate::validate::slugify;

/// The date the UK major projects data published in `year` describe: 31 March of the
/// year from 2021, 30 September of the year before until 2020.
///
/// ```
/// # use roadmap_tracker::spreadsheet::gmpp_as_of;
/// assert_eq!(gmpp_as_of(2019).map(|d| d.to_string()).as_deref(), Some("2018-09-30"));
/// assert_eq!(gmpp_as_of(2021).map(|d| d.to_string()).as_deref(), Some("2021-03-31"));
/// ```
pub fn gmpp_as_of(year: i32) -> Option<NaiveDate> {
    if year >= 2021 {
        NaiveDate::from_ymd_opt(year, 3, 31)
    } else {
        NaiveDate::from_ymd_opt(year - 1, 9, 30)
    }
}

/// The rating scale of the UK major projects data published in `year`: the five-point
/// `gmpp-5` up to the 2021 release, the three-point `gmpp-3` from 2022.
///
/// ```
/// # use roadmap_tracker::spreadsheet::gmpp_scale;
/// assert_eq!((gmpp_scale(2021), gmpp_scale(2022)), ("gmpp-5", "gmpp-3"));
/// ```
pub fn gmpp_scale(year: i32) -> &'static str {
    if year >= 2022 {
        "gmpp-3"
    } else {
        "gmpp-5"
    }
}

/// A project's name as a key: words of letters and digits, lower case, `&` as "and",
/// "program" and "prog" as "programme", a leading "the" dropped, joined by `-`.
///
/// ```
/// # use roadmap_tracker::spreadsheet::project_key;
/// assert_eq!(project_key("CROWSNEST programme"), project_key("Crowsnest Programme"));
/// assert_eq!(project_key("The Rail & Signalling Program "), "rail-and-signalling-programme");
/// ```
pub fn project_key(name: &str) -> String {
    let lower = name.to_lowercase().replace('&', " and ");
    let mut words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| match w {
            "program" | "prog" | "programmes" => "programme",
            other => other,
        })
        .collect();
    if words.first() == Some(&"the") && words.len() > 1 {
        words.remove(0);
    }
    slugify(&words.join(" "))
}

/// One release: its label (the publication year), the date its data describe, and the
/// sheet.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Release {
    /// The label, e.g. `2019`.
    pub label: String,
    /// The date the data describe.
    #[serde(with = "crate::dates::serde_date")]
    pub as_of: NaiveDate,
    /// The sheet as loaded.
    pub sheet: Sheet,
}

/// The releases as one history: the snapshots and the identity problems.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ReleaseHistory {
    /// One snapshot per release, in date order.
    pub snapshots: Snapshots,
    /// The matches made by normalised name between differently written names
    /// (`name_match` warnings), each at the later row.
    pub problems: Vec<SheetProblem>,
}

/// Yearly releases of a portfolio, as one dated history ([`Releases::history`]).
///
/// **Identity.** A project's key is its project number (the `project_id` field of the
/// GMPP preset) where a release has one, else its normalised name ([`project_key`]). A
/// release without numbers takes a project's number from any release that gives both
/// number and name. Every match between differently written names is listed as a
/// `name_match` warning, so a caller can split a wrong one with
/// [`Releases::same_project`]. Departments are named through a [`Departments`] registry.
///
/// **Dates.** [`gmpp_as_of`] dates a publication year; [`gmpp_scale`] gives its scale.
/// See `docs/gmpp.md`.
///
/// ```
/// use roadmap_tracker::spreadsheet::{LoadOptions, Releases};
/// let mut releases = Releases::gmpp();
/// releases.load_gmpp(2019, b"Project Name,Department,DCA,End Date\nCrowsnest Programme,Dept of Health,Amber,31/03/2022\n", &LoadOptions::for_file("2019.csv"))?;
/// releases.load_gmpp(2022, b"Project Name,Department,DCA,End Date\nCROWSNEST programme,DHSC,Red,31/03/2023\n", &LoadOptions::for_file("2022.csv"))?;
/// let history = releases.history()?;
/// let slip = &history.snapshots.slippage()[0];
/// assert_eq!((slip.title.as_str(), slip.slippage.as_ref().map(|s| s.days)), ("CROWSNEST programme", Some(365)));
/// assert_eq!(history.problems[0].code.as_str(), "name_match");
/// let counts = history.snapshots.rating_counts("assessor_rating");
/// assert_eq!((counts[0].counts.get("Amber"), counts[1].counts.get("Red")), (Some(&1), Some(&1)));
/// # Ok::<(), roadmap_tracker::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Releases {
    spec: RoadmapSpec,
    /// The text field holding a project number, if any.
    number: Option<String>,
    departments: Departments,
    keys: HashMap<String, String>,
    releases: Vec<Release>,
}

impl Releases {
    /// No releases yet, converted by `spec`; `number` names the project-number field.
    pub fn new(spec: RoadmapSpec, number: Option<&str>, departments: Departments) -> Self {
        Releases {
            spec,
            number: number.map(str::to_owned),
            departments,
            keys: HashMap::new(),
            releases: Vec::new(),
        }
    }

    /// For the UK major projects data: [`RoadmapSpec::gmpp`], the `project_id` field as
    /// the project number, and [`Departments::uk`].
    pub fn gmpp() -> Self {
        Releases::new(RoadmapSpec::gmpp(), Some("project_id"), Departments::uk())
    }

    /// Take every project written `name` (exactly, after trimming) to be the project
    /// `key`, whatever its number or normalised name: to split a wrong match, or join
    /// two spellings the normalising misses.
    pub fn same_project(&mut self, name: &str, key: &str) {
        self.keys.insert(name.trim().to_owned(), key.to_owned());
    }

    /// The department registry, to add names to.
    pub fn departments_mut(&mut self) -> &mut Departments {
        &mut self.departments
    }

    /// The releases, in the order added.
    pub fn releases(&self) -> &[Release] {
        &self.releases
    }

    /// Add a loaded release. The sheet must have a column for the spec's item and its
    /// status field: a missing one is a `missing_field` error that names the headers
    /// looked for, since a release without them has nothing to add to the history.
    pub fn push(&mut self, label: &str, as_of: NaiveDate, sheet: Sheet) -> Result<(), Error> {
        let needed: Vec<&str> = std::iter::once(self.spec.item.as_str())
            .chain(self.spec.status.as_deref())
            .collect();
        let missing: Vec<Problem> = sheet
            .problems
            .iter()
            .filter(|p| {
                p.code == ErrorCode::MissingField
                    && p.field.as_deref().is_some_and(|f| needed.contains(&f))
            })
            .map(SheetProblem::to_problem)
            .collect();
        Error::check(missing)?;
        self.releases.push(Release {
            label: label.to_owned(),
            as_of,
            sheet,
        });
        Ok(())
    }

    /// Load one year of the UK major projects data from its bytes, as published: the
    /// [`ColumnMapping::gmpp`] preset on the year's scale ([`gmpp_scale`]), dated
    /// [`gmpp_as_of`], the encoding and layout detected unless `options` say otherwise.
    /// See [`Releases::load`] for the errors.
    pub fn load_gmpp(
        &mut self,
        year: i32,
        bytes: &[u8],
        options: &LoadOptions,
    ) -> Result<&Release, Error> {
        let vocabulary = Vocabulary::builtin(gmpp_scale(year))?;
        self.load(year, bytes, &ColumnMapping::gmpp(vocabulary), options)
    }

    /// Load one year's release from its bytes with a mapping ([`Sheet::load_bytes`]),
    /// dated [`gmpp_as_of`]. A year out of range is an `invalid_argument` error; a
    /// missing item or status column is a `missing_field` error ([`Releases::push`]).
    pub fn load(
        &mut self,
        year: i32,
        bytes: &[u8],
        mapping: &ColumnMapping,
        options: &LoadOptions,
    ) -> Result<&Release, Error> {
        let as_of = gmpp_as_of(year).ok_or_else(|| {
            Error::format(Problem::new(
                ErrorCode::InvalidArgument,
                Location::default().with_field("year"),
                format!("{year} is not a year a release can have"),
            ))
        })?;
        let sheet = Sheet::load_bytes(bytes, mapping, options)?;
        self.push(&year.to_string(), as_of, sheet)?;
        self.releases.last().ok_or_else(|| {
            Error::format(Problem::new(
                ErrorCode::Empty,
                Location::default(),
                "no release was added",
            ))
        })
    }

    /// The releases as one dated history. Each becomes a roadmap
    /// ([`Sheet::to_roadmap`]; the spec's owner, end and note are left out for a sheet
    /// whose mapping has no such field) whose items are keyed across releases (see
    /// [`Releases`]) and whose owners are canonical department names; a release
    /// that cannot become a roadmap (two rows of one project) is its error.
    pub fn history(&self) -> Result<ReleaseHistory, Error> {
        // Numbers learnt from releases that give both a number and a name.
        let mut number_of: HashMap<String, String> = HashMap::new();
        for release in &self.releases {
            for row in &release.sheet.rows {
                if let (Some(number), Some(name)) = (self.number_of(row), self.name_of(row)) {
                    number_of.entry(project_key(name)).or_insert(number);
                }
            }
        }
        let key_of = |row: &SheetRow, title: &str| -> String {
            if let Some(key) = self.keys.get(title.trim()) {
                return slugify(key);
            }
            self.number_of(row)
                .or_else(|| number_of.get(&project_key(title)).cloned())
                .unwrap_or_else(|| project_key(title))
        };
        let owner_of = |written: &str| -> String {
            self.departments
                .canonical(written)
                .map_or_else(|| written.trim().to_owned(), str::to_owned)
        };
        let mut snapshots = Snapshots::new();
        let mut problems = Vec::new();
        // key → (name as first written, release label)
        let mut first: BTreeMap<String, (String, String)> = BTreeMap::new();
        let mut order: Vec<&Release> = self.releases.iter().collect();
        crate::sort::sort_by_key(&mut order, |r| {
            (i64::from(chrono::Datelike::num_days_from_ce(&r.as_of)), 0)
        });
        for release in order {
            let roadmap = release.sheet.to_roadmap_keyed(
                &self.spec_for(&release.sheet),
                release.as_of,
                &key_of,
                &owner_of,
            )?;
            for row in &release.sheet.rows {
                let Some(name) = self.name_of(row) else {
                    continue;
                };
                let key = key_of(row, name);
                match first.get(&key) {
                    None => {
                        first.insert(key, (name.trim().to_owned(), release.label.clone()));
                    }
                    Some((earlier, label)) if earlier != name.trim() => {
                        let by = if self.number_of(row).is_some() {
                            "project number"
                        } else if self.keys.contains_key(name.trim()) {
                            "the key given for it"
                        } else {
                            "normalised name"
                        };
                        problems.push(SheetProblem {
                            severity: Severity::Warning,
                            code: ErrorCode::NameMatch,
                            file: release.sheet.file.clone(),
                            line: row.line,
                            column: row.column,
                            header: None,
                            field: Some(self.spec.item.clone()),
                            value: name.to_owned(),
                            message: format!(
                                "{:?} is taken to be {earlier:?} of the {label} release (the same {by}, {key:?}); if they differ, give this name a key of its own",
                                name.trim()
                            ),
                        });
                    }
                    Some(_) => {}
                }
            }
            snapshots.push(&release.label, release.as_of, roadmap);
        }
        Ok(ReleaseHistory {
            snapshots,
            problems,
        })
    }

    /// The spec without the optional parts (owner, end, note) a sheet's mapping lacks,
    /// so a mapping of one's own need not name them all.
    fn spec_for(&self, sheet: &Sheet) -> RoadmapSpec {
        let mut spec = self.spec.clone();
        let Some(first) = sheet.rows.first() else {
            return spec;
        };
        let has = |f: &Option<String>| {
            f.as_ref()
                .is_some_and(|f| first.values.iter().any(|(n, _)| n == f))
        };
        for part in [&mut spec.owner, &mut spec.end, &mut spec.note] {
            if !has(part) {
                *part = None;
            }
        }
        spec
    }

    fn name_of<'a>(&self, row: &'a SheetRow) -> Option<&'a str> {
        row.text(&self.spec.item).filter(|t| !t.trim().is_empty())
    }

    fn number_of(&self, row: &SheetRow) -> Option<String> {
        let field = self.number.as_deref()?;
        let number = row.text(field)?.trim();
        (!number.is_empty()).then(|| format!("gmpp-{}", slugify(number)))
    }
}
