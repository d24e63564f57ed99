import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { AuditRecord } from '@rds-self-service/plugin-rds-common';
import type { AuditSink } from './AuditSink';
import { auditCsvHeader, auditCsvLine } from './csv';

/**
 * Appends one CSV line per run to a file (the CLI's `governance/<env>/rds_provision_audit.csv`),
 * writing the header when the file is new. Each line is one `appendFile` call with O_APPEND,
 * so concurrent writers on one machine do not interleave within a line. A new file appears
 * with its header already in it (hard link of a finished temp file), so no writer can
 * append before the header or have its line overwritten by it.
 *
 * @public
 */
export class CsvAuditSink implements AuditSink {
  constructor(
    /** The CSV file the records are appended to. */
    readonly file: string,
  ) {}

  /** The conventional file for an environment under a governance directory. */
  static forEnvironment(
    governanceDir: string,
    environment: string,
  ): CsvAuditSink {
    return new CsvAuditSink(
      path.join(governanceDir, environment, 'rds_provision_audit.csv'),
    );
  }

  /** Appends the record as one CSV line, creating the file with its header first when needed. */
  async write(record: AuditRecord): Promise<void> {
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    await this.createWithHeader();
    await fs.appendFile(this.file, auditCsvLine(record));
  }

  private async createWithHeader(): Promise<void> {
    try {
      await fs.access(this.file);
      return;
    } catch {
      // Not there yet: create it below.
    }
    const temp = `${this.file}.${randomUUID()}.tmp`;
    await fs.writeFile(temp, auditCsvHeader(), { flag: 'wx' });
    try {
      // link() fails when the file exists: only the first writer's header is used.
      await fs.link(temp, this.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      await fs.unlink(temp);
    }
  }
}
