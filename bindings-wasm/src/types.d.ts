// The classes' `[Symbol.dispose]()` (for `using`) needs `Symbol.dispose`, which TypeScript
// declares only in lib "esnext" (or Node's types): declared here too, the way lib.esnext
// and @types/node declare it, so that a browser project with lib ["dom", "es2022"] compiles.
declare global {
  interface SymbolConstructor { readonly dispose: unique symbol; }
}

/** A calendar date: a `YYYY-MM-DD` string, or a `Date` (its local calendar day). */
export type DateLike = string | Date;

/** A deadline phrase read into a window (`parseDeadline`). */
export interface Deadline {
  phrase: string;
  written_on: string;
  kind: "by" | "during" | "from" | "ongoing" | "past" | "none";
  /** First day of the window, inclusive; `null` when open. */
  earliest: string | null;
  /** Last day of the window, inclusive; `null` when open. */
  latest: string | null;
  granularity: "day" | "month" | "season" | "quarter" | "half" | "year" | "multi_year" | "open" | "unknown";
  named: "date" | "month" | "season" | "quarter" | "half" | "year" | "financial_year" | "tax_year" | "range" | "named_period" | "relative" | "nothing";
  part: "start" | "early" | "mid" | "late" | "end" | "rest_of" | null;
  approximate: boolean;
  uncertain: boolean;
  due_from: string | null;
  edtf: string | null;
  /** Ids of the conventions applied, in order. */
  rules: string[];
}

/** A deadline expression found in running text (`findDeadlines`). */
export interface FoundDeadline {
  /** UTF-16 offsets: `text.slice(start, end)` is the expression. */
  start: number;
  end: number;
  text: string;
  /** The words that decided its kind: context before it ("launched", "due") and its connectives. */
  cues: string[];
  deadline: Deadline;
}

export type DeadlineState = "no_deadline" | "not_yet_due" | "due_now" | "overdue" | "met_early" | "met_on_time" | "met_late" | "not_started_yet" | "should_have_started" | "started";

/** A deadline judged as of a date. */
export interface Judgment {
  state: DeadlineState;
  days: number | null;
  rule: string;
}

export type ParsedDeadline =
  | { ok: true; deadline: Deadline; judgment?: Judgment }
  | { ok: false; error: ErrorData };

export type DerivedStatus = "met_on_time" | "met_early" | "met_late" | "met_differently" | "met" | "on_track" | "in_progress_no_deadline" | "rated_green" | "rated_amber" | "rated_red" | "due_now" | "not_started" | "paused" | "replanned" | "behind" | "delayed" | "overdue_unconfirmed" | "dropped" | "not_yet_due" | "no_evidence" | "unreadable";
export type Rag = "green" | "amber" | "red" | "grey";

export interface RuleInfo { id: string; when: string; status: DerivedStatus; rag: Rag; }

/** Status rules; any subset may be passed as the `rules` argument. */
export interface Rules {
  staleness_days: number | null;
  grace_days: number;
  from_grace_days: number;
  vocabularies: Array<string | object>;
  weights: Record<DerivedStatus, number | null>;
  thresholds: { green: number; amber: number };
}

export interface Location {
  file: string | null;
  line: number | null;
  column: number | null;
  path: string | null;
  field: string | null;
}

/** A span of a deadline phrase in UTF-16 units: `phrase.slice(start, end)`. */
export interface Span {
  start: number;
  end: number;
}

/** Every error code of the core's one code space (`ErrorCode`), each of one `ErrorKind`. */
export type ErrorCode = "json_syntax" | "truncated" | "wrong_type" | "unknown_field" | "missing_field" | "unknown_value" | "invalid_date" | "invalid_number" | "csv_syntax" | "ragged_row" | "duplicate_column" | "duplicate_key" | "encoding" | "empty" | "too_many_rows" | "too_large" | "io" | "date_as_text" | "mangled_cell" | "duplicate_id" | "invalid_id" | "blank_field" | "invalid_list_item" | "unknown_parent" | "wrong_parent_kind" | "cycle" | "unknown_source" | "unknown_node" | "not_trackable" | "before_roadmap" | "invalid_weight" | "no_date" | "unrecognised_word" | "impossible_date" | "out_of_range" | "reversed_range" | "missing_date" | "duration_not_deadline" | "too_long" | "ambiguous" | "invalid_edtf" | "no_deadline_found" | "unknown_label" | "duplicate_label" | "invalid_metric" | "invalid_argument" | "name_match" | "too_many_problems";

export type ErrorKind = "format" | "validation" | "deadline" | "vocabulary" | "metric" | "argument" | "io";

/** One thing wrong with an input, as the core serialises it. */
export interface Problem {
  code: ErrorCode;
  kind: ErrorKind;
  message: string;
  location: Location;
  /** For a refused deadline phrase: the phrase and the offending span. */
  phrase?: string;
  span?: Span;
}

/** The `name` of each error the package throws, one per `ErrorKind`. */
export type ErrorName = "FormatError" | "ValidationError" | "DeadlineError" | "VocabularyError" | "MetricError" | "ArgumentError" | "IoError";

/**
 * The fields of every error the package throws, as the core serialises them (the same as
 * Python's exceptions): `location` and `span` are also flat on the error.
 */
export interface ErrorData {
  name: ErrorName;
  code: ErrorCode;
  kind: ErrorKind;
  /** The core's message, without code or location. */
  message: string;
  location: Location;
  file: string | null;
  line: number | null;
  column: number | null;
  path: string | null;
  field: string | null;
  problems: Problem[];
  /** For a refused deadline phrase (else absent). */
  phrase?: string;
  span?: Span;
  start?: number | null;
  end?: number | null;
}

/** A thrown error: a real `Error` with the fields of `ErrorData`. */
export type RoadmapError = Error & ErrorData;

/**
 * Whether `value` is an error this package threw: an `Error` whose `name` is an
 * `ErrorName` and which has `code`, `kind` and `problems`. Narrows `catch (e)` to
 * `RoadmapError`.
 */
export function isRoadmapError(value: unknown): value is RoadmapError;

export interface DeadlineTextData { phrase: string; written_on: string; source?: string | null; }

export interface NodeData {
  id: string;
  kind: "section" | "subcategory" | "area" | "commitment" | "milestone";
  parent?: string | null;
  title: string;
  summary?: string;
  owners?: string[];
  tags?: string[];
  weight?: number;
  sources?: string[];
  deadline?: DeadlineTextData | null;
  [extra: string]: unknown;
}

/** A roadmap in its JSON form (docs/formats.md). */
export interface RoadmapData {
  id: string;
  title: string;
  publisher: string;
  published: string;
  summary?: string;
  sources?: Array<{ id: string; title: string; publisher?: string; date?: string | null; url?: string; [extra: string]: unknown }>;
  nodes?: NodeData[];
  updates?: Array<{ node: string; date: string; status: string; source?: string; note?: string; delivered_on?: string | null; [extra: string]: unknown }>;
  metrics?: object[];
  [extra: string]: unknown;
}

export interface CommitmentStatus {
  node: string;
  kind: "commitment" | "milestone";
  status: DerivedStatus;
  rag: Rag;
  reported: "planned" | "in_progress" | "delivered" | "delivered_differently" | "paused" | "dropped" | "replanned" | "unknown" | null;
  label: string | null;
  update: number | null;
  /** Evidence dates: `2026-06-04`, `2026-06`, `2026-Q2`, `2026` or `..2026-06-04`. */
  update_date: string | null;
  delivered_on: string | null;
  evidence_date: string | null;
  evidence_age_days: number | null;
  stale: boolean;
  expectation: boolean;
  reported_rag: Rag | null;
  deadline_state: DeadlineState;
  days: number | null;
  due: boolean;
  new_deadline: boolean;
  rule: string;
  /** Why an `unreadable` node cannot be judged (byte offsets in `span`). */
  error: ErrorData | null;
  reason: string;
}

/** The headline counts, defined once in the core. */
export interface Headline {
  commitments: number;
  due: number;
  met_on_time: number;
  met_otherwise: number;
  overdue_confirmed: number;
  overdue_unconfirmed: number;
  replanned: number;
  dropped: number;
  expectations: number;
  unreadable: number;
}

export interface NodeScore {
  node: string | null;
  kind: "roadmap" | "section" | "subcategory" | "area";
  score: number | null;
  rag: Rag;
  counts: Record<DerivedStatus, number>;
  expectations: Record<DerivedStatus, number>;
  total: number;
  counted: number;
  due: number;
  met_on_time: number;
  met_on_time_share: number | null;
  headline: Headline;
}

export interface Evaluation {
  as_of: string;
  commitments: CommitmentStatus[];
  scores: NodeScore[];
  metrics: Array<{ metric: string; node: string; evaluation: object | null; error: Problem | null }>;
}

export interface History {
  from: string;
  to: string;
  step: "daily" | "weekly" | "monthly";
  dates: string[];
  commitments: Array<{ node: string; kind: "commitment" | "milestone"; runs: Array<{ start: string; end: string; status: DerivedStatus; rag: Rag; rule: string; due: boolean }> }>;
  scores: Array<{ node: string | null; kind: NodeScore["kind"]; points: Array<Omit<NodeScore, "node" | "kind"> & { date: string }> }>;
}

export interface Change {
  node: string;
  kind: "commitment" | "milestone";
  from: DerivedStatus;
  to: DerivedStatus;
  from_rag: Rag;
  to_rag: Rag;
  rule: string;
  updates: number[];
  reason: string;
}

export interface ReportDeadline {
  phrase: string;
  written_on: string;
  kind: Deadline["kind"];
  earliest: string | null;
  latest: string | null;
  granularity: Deadline["granularity"];
  edtf: string | null;
}

/** The progress report a status rests on, with its source. */
export interface ReportUpdate {
  date: string;
  /** The status as the source wrote it. */
  label: string;
  note: string;
  source: string;
  source_title: string;
  /** Empty when the source has no address. */
  source_url: string;
}

export interface ReportNode {
  id: string;
  title: string;
  kind: NodeData["kind"];
  owners: string[];
  score?: NodeScore | null;
  deadline?: ReportDeadline | null;
  /** The new deadline a re-plan set, when it is the one judged. */
  new_deadline?: ReportDeadline | null;
  status?: CommitmentStatus | null;
  update?: ReportUpdate | null;
  children: ReportNode[];
}

/** A commitment or milestone named in the report's summary. */
export interface SummaryItem {
  node: string;
  title: string;
  kind: "commitment" | "milestone";
  status: DerivedStatus;
  rag: Rag;
  /** The window's last day (its first for a `from` deadline). */
  due_on: string | null;
  /** Overdue items: whether a report dated after `due_on` still had it undelivered. */
  confirmed: boolean | null;
  reason: string;
}

export interface SummaryChange { node: string; title: string; from: DerivedStatus; to: DerivedStatus; reason: string; }

export interface SummarySource {
  id: string;
  title: string;
  publisher: string;
  date: string | null;
  url: string;
  /** How many statuses rest on a report from it. */
  statuses: number;
}

/** The report's opening summary; `lines` and `notes` are the sentences every form prints. */
export interface ReportSummary {
  rating: Rag;
  score: number | null;
  overdue: SummaryItem[];
  due_soon_until: string;
  due_soon: SummaryItem[];
  changes: SummaryChange[];
  latest_evidence: string | null;
  sources: SummarySource[];
  /** Titles of the groups with nothing to track (left out of text, Markdown and HTML). */
  empty_groups: string[];
  lines: string[];
  notes: string[];
}

export interface Report {
  roadmap: { id: string; title: string; publisher: string; published: string; url: string };
  as_of: string;
  since: string | null;
  score: NodeScore;
  summary: ReportSummary;
  sections: ReportNode[];
  changes: Change[];
  metrics?: Evaluation["metrics"];
}

export type ReportFormat = "text" | "markdown" | "md" | "csv" | "json" | "html" | "dict" | "rows";

/** `report()`'s options; `format: "dict"` gives the report as data (`Report`). */
export interface ReportOptions { format?: ReportFormat; since?: DateLike; rules?: Partial<Rules> | string; }

/** `report()`'s options for a rendered report (a string). */
export type TextReportOptions = ReportOptions & { format?: Exclude<ReportFormat, "dict" | "rows"> };

/** A commitment or milestone with its groups: `report(asOf, {format: "rows"})`. */
export interface ReportRow {
  section: string;
  subcategory: string;
  area: string;
  id: string;
  kind: "commitment" | "milestone";
  title: string;
  owners: string[];
  /** The deadline phrase. */
  deadline: string | null;
  deadline_kind: Deadline["kind"] | null;
  earliest: string | null;
  latest: string | null;
  deadline_state: DeadlineState | null;
  days: number | null;
  status: DerivedStatus | null;
  rag: Rag | null;
  reported: string | null;
  update_date: string | null;
  rule: string | null;
  reason: string | null;
  section_id: string;
  subcategory_id: string | null;
  area_id: string | null;
  /** The commitment above a milestone. */
  parent: string | null;
  /** The deadline's date (with the phrase, what `windowText` reads). */
  deadline_written_on: string | null;
  /** After a re-plan that set a new deadline, the one judged: its phrase, window and date. */
  new_deadline: string | null;
  new_earliest: string | null;
  new_latest: string | null;
  new_deadline_written_on: string | null;
}

/** `report()` as data (merged into the class): the tree, or its rows. */
export interface Roadmap {
  report(asOf: DateLike | null | undefined, options: ReportOptions & { format: "dict" }): Report;
  report(asOf: DateLike | null | undefined, options: ReportOptions & { format: "rows" }): ReportRow[];
}
