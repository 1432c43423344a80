//! The report as one self-contained HTML page ([`Report::to_html`]): no scripts, no files
//! beside it, styles in the page, printable, sources as links, and a footer that explains
//! the rules and the score. Plain string writing, so it costs the WASM module little.

use std::fmt::Write as _;

use super::summary::{has_trackable, long_date, plural, score_words, status_words};
use super::{Report, ReportDeadline, ReportNode};
use crate::model::NodeKind;
use crate::score::NodeScore;
use crate::status::Rag;

/// The page's styles. Every text colour is at least 4.5:1 against its background (WCAG AA);
/// ratings and statuses are always written out, never shown by colour alone.
const STYLE: &str = "\
:root{color:#0b0c0c;background:#fff;font:16px/1.5 system-ui,-apple-system,\"Segoe UI\",Roboto,Arial,sans-serif}
body{margin:0 auto;max-width:60rem;padding:0 1rem 2rem}
header{border-bottom:4px solid #0b0c0c;padding:1rem 0 .5rem}
h1{font-size:2rem;margin:.2rem 0}h2{font-size:1.5rem;margin:2rem 0 .5rem;border-bottom:2px solid #b1b4b6}
h3{font-size:1.25rem;margin:1.5rem 0 .3rem}h4{font-size:1.1rem;margin:1.2rem 0 .3rem}h5,h6{font-size:1rem;margin:1rem 0 .3rem}
a{color:#1d4f91}a:focus{outline:3px solid #ffdd00;background:#ffdd00;color:#0b0c0c}
.meta,.rating{color:#3d3e3e;margin:.2rem 0}
.summary{background:#f3f2f1;padding:.5rem 1.2rem;border-left:6px solid #1d4f91}
.summary li{margin:.3rem 0}
table{border-collapse:collapse;width:100%;table-layout:fixed;margin:.5rem 0 1rem;font-size:.95rem}
th,td{border:1px solid #b1b4b6;padding:.35rem .5rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
caption{text-align:left}
thead th{background:#f3f2f1}
thead th:nth-child(1){width:20%}thead th:nth-child(2){width:11%}thead th:nth-child(3){width:17%}thead th:nth-child(4){width:28%}
.tag{display:inline-block;font-weight:700;padding:0 .35rem;border:2px solid currentColor;border-radius:3px;white-space:nowrap}
.rag-green{color:#00703c}.rag-amber{color:#8a4600}.rag-red{color:#b0211a}.rag-grey{color:#4b5458}
.reason{display:block;margin-top:.2rem}
footer{margin-top:2rem;border-top:2px solid #b1b4b6;font-size:.95rem;color:#3d3e3e}
@media (max-width:40rem){table,tbody,tr,th,td{display:block;width:auto}thead{position:absolute;left:-9999px}tr{border-top:2px solid #b1b4b6;padding:.3rem 0}th,td{border:0;padding:.15rem 0}td::before{content:attr(data-label) \": \";font-weight:700}.tag{white-space:normal}}
@media print{:root{font-size:11pt}body{max-width:none}a{color:#0b0c0c}a[href^=\"http\"]::after{content:\" (\" attr(href) \")\";font-size:.85em}tr,li{break-inside:avoid}h2,h3,h4{break-after:avoid}.summary{border:1px solid #0b0c0c}}
";

/// Text with the five HTML-special characters escaped.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A link to `url` when it is a web address, else the text alone (a `javascript:` or
/// relative address from the data is never made a link).
fn link(text: &str, url: &str) -> String {
    if url.starts_with("https://") || url.starts_with("http://") {
        format!("<a href=\"{}\">{}</a>", esc(url), esc(text))
    } else {
        esc(text)
    }
}

fn tag(rag: Rag, text: &str) -> String {
    format!(
        "<span class=\"tag rag-{}\">{}</span>",
        rag.as_str(),
        esc(text)
    )
}

fn rating(s: &NodeScore) -> String {
    let counts = super::summary::counts_words(s);
    format!(
        "<p class=\"rating\">Rating: {} ({}), over {}{}</p>\n",
        tag(s.rag, s.rag.as_str()),
        score_words(s.score),
        plural(s.total, "commitment", "commitments"),
        if counts.is_empty() {
            String::new()
        } else {
            format!(": {}", esc(&counts))
        }
    )
}

fn deadline_cell(d: Option<&ReportDeadline>) -> String {
    d.map_or("none given".to_owned(), |d| {
        format!(
            "“{}”<br>written {}<br>window {}",
            esc(&d.phrase),
            long_date(d.written_on),
            esc(&d.window())
        )
    })
}

fn row(out: &mut String, n: &ReportNode) {
    let milestone = if n.kind == NodeKind::Milestone {
        "Milestone: "
    } else {
        ""
    };
    let status = n.status.as_ref().map_or("—".to_owned(), |s| {
        format!(
            "{}<span class=\"reason\">{}</span>",
            tag(s.rag, status_words(s.status)),
            esc(&s.reason())
        )
    });
    let update = n
        .update
        .as_ref()
        .map_or("no progress report yet".to_owned(), |u| {
            let note = if u.note.is_empty() {
                String::new()
            } else {
                format!(": {}", esc(&u.note))
            };
            format!(
                "{}, “{}”{note}<br>Source: {}",
                super::summary::evidence_words(u.date),
                esc(&u.label),
                link(&u.source_title, &u.source_url)
            )
        });
    let _ = writeln!(
        out,
        "<tr id=\"{}\"><th scope=\"row\">{milestone}{}</th><td data-label=\"Owner\">{}</td><td data-label=\"Deadline\">{}</td><td data-label=\"Status\">{status}</td><td data-label=\"Latest update\">{update}</td></tr>",
        esc(&n.id),
        esc(&n.title),
        esc(&n.owners.join(", ")),
        match &n.new_deadline {
            Some(new) => format!(
                "{}<br>re-planned to {}",
                deadline_cell(n.deadline.as_ref()),
                deadline_cell(Some(new))
            ),
            None => deadline_cell(n.deadline.as_ref()),
        },
    );
}

fn group(out: &mut String, node: &ReportNode, level: usize) {
    let items: Vec<&ReportNode> = node
        .children
        .iter()
        .filter(|c| c.kind.is_trackable())
        .collect();
    if !items.is_empty() {
        let _ = writeln!(
            out,
            "<table>\n<caption class=\"meta\">{} in {}</caption>\n<thead><tr><th scope=\"col\">Commitment</th><th scope=\"col\">Owner</th><th scope=\"col\">Deadline</th><th scope=\"col\">Status and reason</th><th scope=\"col\">Latest update</th></tr></thead>\n<tbody>",
            plural(items.len(), "item", "items"),
            esc(&node.title)
        );
        for c in items {
            row(out, c);
            for m in c.children.iter().filter(|m| m.kind.is_trackable()) {
                row(out, m);
            }
        }
        let _ = writeln!(out, "</tbody>\n</table>");
    }
    for child in node
        .children
        .iter()
        .filter(|c| !c.kind.is_trackable() && has_trackable(c))
    {
        let h = level.min(6);
        let _ = writeln!(
            out,
            "<h{h} id=\"{}\">{}</h{h}>",
            esc(&child.id),
            esc(&child.title)
        );
        if let Some(s) = &child.score {
            out.push_str(&rating(s));
        }
        group(out, child, level + 1);
    }
}

impl Report {
    /// The report as one self-contained, printable HTML page: the summary, every section,
    /// sub-category and area with commitments (a table per area: owner, deadline as
    /// written and its window, status and reason, latest update and its source as a link),
    /// and a footer with the rules, the score and the sources. No scripts; styles inline.
    ///
    /// ```
    /// # use roadmap_tracker::{status::{Evaluator, Rules}, Roadmap};
    /// # use chrono::NaiveDate;
    /// let as_of = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    /// let html = Evaluator::new(Roadmap::uk_digital_2026(), Rules::default())?.report(as_of, None).to_html();
    /// assert!(html.starts_with("<!doctype html>"));
    /// assert!(!html.contains("<script"));
    /// assert!(html.contains("<h2 id=\"summary\">Summary</h2>"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_html(&self) -> String {
        let mut out = String::with_capacity(64 * 1024);
        let r = &self.roadmap;
        let as_of = long_date(self.as_of);
        let _ = write!(
            out,
            "<!doctype html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}: progress as of {as_of}</title>\n<meta name=\"description\" content=\"{}\">\n<style>\n{STYLE}</style>\n</head>\n<body>\n<header>\n<p class=\"meta\">Progress report</p>\n<h1>{}</h1>\n<p class=\"meta\">{}, published {}. {}</p>\n<p class=\"meta\">Progress as of <strong>{as_of}</strong>.</p>\n</header>\n<main>\n",
            esc(&r.title),
            esc(self.summary.lines.first().map_or("", String::as_str)),
            esc(&r.title),
            esc(&r.publisher),
            long_date(r.published),
            link("Read the roadmap", &r.url),
        );
        let _ = writeln!(
            out,
            "<section class=\"summary\" aria-labelledby=\"summary\">\n<h2 id=\"summary\">Summary</h2>\n<ul>"
        );
        for line in &self.summary.lines {
            let _ = writeln!(out, "<li>{}</li>", esc(line));
        }
        let _ = writeln!(out, "</ul>\n</section>");
        if let Some(since) = self.since {
            let _ = writeln!(
                out,
                "<section aria-labelledby=\"changes\">\n<h2 id=\"changes\">Changes since {}</h2>",
                long_date(since)
            );
            if self.summary.changes.is_empty() {
                let _ = writeln!(out, "<p>None.</p>");
            } else {
                let _ = writeln!(out, "<ul>");
                for c in &self.summary.changes {
                    let _ = writeln!(
                        out,
                        "<li><a href=\"#{}\">{}</a>: {}. {}</li>",
                        esc(&c.node),
                        esc(&c.title),
                        c.words(),
                        esc(&c.reason)
                    );
                }
                let _ = writeln!(out, "</ul>");
            }
            let _ = writeln!(out, "</section>");
        }
        for section in self.sections.iter().filter(|s| has_trackable(s)) {
            let _ = writeln!(
                out,
                "<section aria-labelledby=\"{0}\">\n<h2 id=\"{0}\">{1}</h2>",
                esc(&section.id),
                esc(&section.title)
            );
            if let Some(s) = &section.score {
                out.push_str(&rating(s));
            }
            group(&mut out, section, 3);
            let _ = writeln!(out, "</section>");
        }
        if !self.metrics.is_empty() {
            let _ = writeln!(
                out,
                "<section aria-labelledby=\"metrics\">\n<h2 id=\"metrics\">Metrics</h2>\n<ul>"
            );
            for m in &self.metrics {
                let _ = writeln!(out, "<li>{}</li>", esc(&super::metric_line(m)));
            }
            let _ = writeln!(out, "</ul>\n</section>");
        }
        let _ = writeln!(
            out,
            "</main>\n<footer>\n<h2 id=\"how-to-read\">How to read this report</h2>"
        );
        for note in &self.summary.notes {
            let _ = writeln!(out, "<p>{}</p>", esc(note));
        }
        if let Some(note) = self.empty_note() {
            let _ = writeln!(out, "<p>{}</p>", esc(&note));
        }
        let _ = writeln!(out, "<h2 id=\"sources\">Sources</h2>\n<ul>");
        let _ = writeln!(
            out,
            "<li>{} ({}, {}): the roadmap, its commitments and their deadlines.</li>",
            link(&r.title, &r.url),
            esc(&r.publisher),
            long_date(r.published)
        );
        for s in &self.summary.sources {
            if s.url == r.url && !s.url.is_empty() {
                continue;
            }
            let when = s.date.map(long_date).unwrap_or_default();
            let _ = writeln!(
                out,
                "<li>{}{}: progress reports behind {}.</li>",
                link(&s.title, &s.url),
                match (s.publisher.is_empty(), when.is_empty()) {
                    (true, true) => String::new(),
                    (false, true) => format!(" ({})", esc(&s.publisher)),
                    (true, false) => format!(" ({when})"),
                    (false, false) => format!(" ({}, {when})", esc(&s.publisher)),
                },
                plural(s.statuses, "status", "statuses")
            );
        }
        let _ = writeln!(
            out,
            "</ul>\n<p>Made with roadmap-tracker {}.</p>\n</footer>\n</body>\n</html>",
            env!("CARGO_PKG_VERSION")
        );
        out
    }
}
