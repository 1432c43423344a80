//! The words publishers put in a rating column instead of a rating.
//!
//! The UK major projects data, for one, writes out why a project has no delivery
//! confidence rating: an exemption under the Freedom of Information Act in several
//! spellings, a project being reset, a department not in a position to give one, a
//! project too early in planning to be assessed. [`recognise_non_rating`] reads these as
//! the [`NonRating`] they are, after the vocabulary and [`NonRating::recognise`] have had
//! their turn; the cell's text is always kept.

use crate::status::{normalize_label, NonRating};

/// A published non-rating wording as its kind: [`NonRating::recognise`]'s, then
///
/// - **withheld**: any mention of an exemption ("Data exempt under Section 43 and
///   Section 35 of the Freedom of Information Act (2000)", "Exempt - Section 43(2) of
///   …") or of the Freedom of Information Act; "… not in a position to provide this
///   information" (the value exists but is not given);
/// - **not assessed**: "Reset" (a project being reset carries no current assessment),
///   "Early planning …" and "… still at the planning stage …" (too early to assess,
///   even when the cell goes on to say it is not in a position to provide one), "not
///   yet assessed", "not yet rated", "not rated".
///
/// ```
/// use roadmap_tracker::spreadsheet::recognise_non_rating;
/// use roadmap_tracker::status::NonRating;
/// assert_eq!(recognise_non_rating("Date exempt under section 43 of the FOI Act"), Some(NonRating::Withheld));
/// assert_eq!(recognise_non_rating("Exempt - Section 43(2)"), Some(NonRating::Withheld));
/// assert_eq!(recognise_non_rating("The project is not in a position to provide this information"), Some(NonRating::Withheld));
/// assert_eq!(recognise_non_rating("Still at the planning stage and not yet in a position to provide this"), Some(NonRating::NotAssessed));
/// assert_eq!(recognise_non_rating(" RESET "), Some(NonRating::NotAssessed));
/// assert_eq!(recognise_non_rating("Early planning project (has not yet passed SOC)"), Some(NonRating::NotAssessed));
/// assert_eq!(recognise_non_rating("No DCA"), Some(NonRating::NotAssessed));
/// assert_eq!(recognise_non_rating("Amber-ish"), None);
/// assert_eq!(recognise_non_rating("Presets"), None);
/// ```
pub fn recognise_non_rating(text: &str) -> Option<NonRating> {
    if let Some(kind) = NonRating::recognise(text) {
        return Some(kind);
    }
    let key = normalize_label(text);
    let words: Vec<&str> = key
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let has = |w: &str| words.contains(&w);
    if has("exempt") || has("exemption") || key.contains("freedom of information") {
        return Some(NonRating::Withheld);
    }
    let planning = key.contains("early planning") || key.contains("planning stage");
    if key.contains("in a position to provide") && !planning {
        return Some(NonRating::Withheld);
    }
    let not_assessed = words.first() == Some(&"reset") && words.len() <= 3
        || planning
        || key.contains("not yet assessed")
        || key.contains("not yet rated")
        || key == "not rated";
    not_assessed.then_some(NonRating::NotAssessed)
}

/// A label with the spaces around each `/` removed ("Amber/ Red", "Amber / Red" →
/// "Amber/Red").
///
/// ```
/// # use roadmap_tracker::spreadsheet::fold_slashes;
/// assert_eq!(fold_slashes(" Amber /  Red"), "Amber/Red");
/// ```
pub fn fold_slashes(text: &str) -> String {
    text.split('/').map(str::trim).collect::<Vec<_>>().join("/")
}
