import type { AuditRecord } from '@rds-self-service/plugin-rds-common';
import type { AuditSink } from '../audit/AuditSink';

/** How long the rds backend gets to take the records. */
const REPORT_TIMEOUT_MS = 30_000;

/** What the rds backend made of one reported record (`POST /api/rds/audit/records`). */
export interface ReportedRun {
  runId: string;
  status: 'recorded' | 'duplicate';
  entityRef?: string;
}

/** Every record to each sink, in order. */
export function teeSinks(...sinks: AuditSink[]): AuditSink {
  return {
    async write(record) {
      for (const sink of sinks) await sink.write(record);
    },
  };
}

/**
 * Collects the runs' audit records (not dry runs) and reports them to the rds
 * backend at the end, so the Components' Database tabs show the CI runs. The
 * backend takes them from a service token only (Backstage's
 * `backend.auth.externalAccess`), and checks each against its own config.
 */
export class BackendAuditReport implements AuditSink {
  readonly records: AuditRecord[] = [];

  constructor(
    private readonly options: {
      /** The Backstage backend's base URL, e.g. https://backstage.example.com. */
      baseUrl: string;
      token: string;
      fetch?: typeof fetch;
    },
  ) {}

  /** The route the records go to. */
  get url(): string {
    return `${this.options.baseUrl.replace(/\/+$/, '')}/api/rds/audit/records`;
  }

  async write(record: AuditRecord): Promise<void> {
    if (!record.dryRun) this.records.push(record);
  }

  /** Sends the records; rejects with the backend's own message when it refuses them. */
  async send(): Promise<ReportedRun[]> {
    if (this.records.length === 0) return [];
    const doFetch = this.options.fetch ?? fetch;
    let response: Response;
    try {
      response = await doFetch(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${this.options.token}`,
        },
        body: JSON.stringify({ records: this.records }),
        signal: AbortSignal.timeout(REPORT_TIMEOUT_MS),
      });
    } catch (error) {
      throw new Error(
        `${this.url} could not be reached: ${(error as Error).message}`,
      );
    }
    const text = await response.text();
    if (!response.ok) {
      let message = text.slice(0, 500);
      try {
        message = JSON.parse(text).error?.message ?? message;
      } catch {
        // not a Backstage error body: its text
      }
      throw new Error(`${this.url} answered ${response.status}: ${message}`);
    }
    return (JSON.parse(text) as { items: ReportedRun[] }).items;
  }
}

/** One line about a report: how many were recorded, and which found no Component. */
export function reportSummary(url: string, items: ReportedRun[]): string {
  const recorded = items.filter(i => i.status === 'recorded');
  const duplicates = items.length - recorded.length;
  const unattached = recorded.filter(i => !i.entityRef).map(i => i.runId);
  return (
    `Reported ${items.length} run${items.length === 1 ? '' : 's'} to ${url}: ${
      recorded.length
    } recorded` +
    `${duplicates ? `, ${duplicates} already there` : ''}` +
    `${
      unattached.length
        ? `; no Component has the app name of ${unattached.join(
            ', ',
          )} (set the rds.platform/app-name annotation), so no Database tab shows them`
        : ''
    }\n`
  );
}
