// Type-checked, not run: `tsc -p tests` (in ci.sh) checks that the generated declarations
// compile and type what a page does with the package as docs/wasm.md documents it, and
// that misuse is a type error (each `@ts-expect-error` line must really be one).
import init, {
  Roadmap,
  judgeDeadline,
  parseDeadline,
  parseDeadlines,
  type CommitmentStatus,
  type DerivedStatus,
  type Evaluation,
  type NodeScore,
  type Rag,
  type Report,
  type ReportRow,
} from '../pkg/web/roadmap_tracker.js';

export async function page(): Promise<string[]> {
  await init();
  const roadmap = Roadmap.ukDigital2026();
  const e: Evaluation = roadmap.evaluate('2026-11-24');
  const overdue: CommitmentStatus[] = e.commitments.filter((c) => c.status === 'overdue_unconfirmed');
  const top: NodeScore = e.scores[0];
  const rag: Rag = top.rag;
  const counts: number = top.counts.met_on_time + top.counts.overdue_unconfirmed + top.headline.due;
  const share: number | null = top.met_on_time_share;
  const days: number | null = overdue[0]?.days ?? null;
  const deadline = parseDeadline('towards the end of 2026', new Date(2026, 0, 19));
  const latest: string | null = deadline.latest;
  const judged = judgeDeadline(parseDeadline('summer 2026', '2026-01-19'), '2026-11-24');
  const parsed = parseDeadlines(['in March', 'in due course'], '2026-01-19', { asOf: '2026-11-24' });
  const windows = parsed.map((p) => (p.ok ? p.deadline.edtf : p.error.code));
  const status: DerivedStatus | undefined = roadmap.statusOf('central-local-leadership')?.status;
  const text: string = roadmap.report('2026-11-24', { format: 'markdown', since: '2026-06-04' });
  const data: Report = roadmap.report('2026-11-24', { format: 'dict' });
  const sections: number = data.sections.length;
  const rows: ReportRow[] = roadmap.report(undefined, { format: 'rows' });
  const rowStatus: DerivedStatus | null = rows[0].status;
  const plain: string = roadmap.report();
  const scored = roadmap.scores(undefined, { grace_days: 14 });
  using owned = Roadmap.fromJson(roadmap.toJson(), { validate: false });
  return [rag, String(counts), String(share), String(days), String(latest), judged.state,
    ...windows.map(String), String(status), text, String(sections), String(rowStatus), plain, String(scored.length), owned.title];
}

export function misuse(): void {
  const roadmap = Roadmap.ukDigital2026();
  // @ts-expect-error: dates are strings or Dates, not numbers
  roadmap.evaluate(20261124);
  // @ts-expect-error: not a status
  const s: DerivedStatus = 'finished';
  // @ts-expect-error: not a report format
  roadmap.report('2026-11-24', { format: 'pdf' });
  // @ts-expect-error: a phrase is read against the date it was written on: required
  parseDeadline('summer 2026');
  // @ts-expect-error: no such rule option
  roadmap.scores('2026-11-24', { grace: 14 });
  // @ts-expect-error: the class is built by its static constructors
  new Roadmap();
  void s;
}
