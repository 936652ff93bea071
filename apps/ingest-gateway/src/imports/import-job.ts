import type { FieldProblem } from '@fieldline/domain-observations';

export interface RejectedLine {
  readonly line: number;
  readonly problems: readonly FieldProblem[];
}

/** Progress and outcome of one bulk import, readable while it runs. */
export class ImportJob {
  state: 'running' | 'done' | 'failed' = 'running';
  bytes = 0;
  lines = 0;
  accepted = 0;
  rejected = 0;
  readonly rejectedLines: RejectedLine[] = [];
  /** When a send failed: the lines Kafka did not acknowledge, and the first line never read. */
  failure:
    | {
        readonly reason: string;
        readonly failedLines: readonly number[];
        readonly unreadFromLine: number | null;
      }
    | undefined;
  readonly startedAt = new Date();
  finishedAt: Date | undefined;

  constructor(
    readonly id: string,
    readonly format: 'csv' | 'ndjson',
    private readonly maxReportedLines = 1_000,
  ) {}

  reject(line: number, problems: readonly FieldProblem[]): void {
    this.rejected += 1;
    if (this.rejectedLines.length < this.maxReportedLines)
      this.rejectedLines.push({ line, problems });
  }

  finish(failure?: ImportJob['failure']): void {
    this.state = failure ? 'failed' : 'done';
    this.failure = failure;
    this.finishedAt = new Date();
  }

  report() {
    return {
      importId: this.id,
      format: this.format,
      state: this.state,
      bytes: this.bytes,
      lines: this.lines,
      accepted: this.accepted,
      rejected: this.rejected,
      // A CSV line the parser refused is reported as soon as it is seen, so order them here.
      rejectedLines: [...this.rejectedLines].sort((a, b) => a.line - b.line),
      ...(this.rejected > this.rejectedLines.length
        ? { rejectedLinesTruncated: this.rejected - this.rejectedLines.length }
        : {}),
      ...(this.failure ? { failure: this.failure } : {}),
      startedAt: this.startedAt.toISOString(),
      ...(this.finishedAt ? { finishedAt: this.finishedAt.toISOString() } : {}),
    };
  }
}

/** The imports of this instance, newest last; old finished ones are forgotten. */
export class ImportJobs {
  private readonly jobs = new Map<string, ImportJob>();

  constructor(private readonly keep = 100) {}

  start(id: string, format: ImportJob['format']): ImportJob | undefined {
    if (this.jobs.get(id)?.state === 'running') return undefined;
    const job = new ImportJob(id, format);
    this.jobs.delete(id);
    this.jobs.set(id, job);
    for (const [oldId, old] of this.jobs) {
      if (this.jobs.size <= this.keep) break;
      if (old.state !== 'running') this.jobs.delete(oldId);
    }
    return job;
  }

  get(id: string): ImportJob | undefined {
    return this.jobs.get(id);
  }

  all(): ImportJob[] {
    return [...this.jobs.values()];
  }
}
