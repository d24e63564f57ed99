import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { AuditRecord } from '@internal/plugin-rds-common';
import type { AuditSink } from './AuditSink';
import { auditCsvHeader, auditCsvLine } from './csv';

/**
 * Appends one CSV line per run to a file (the CLI's `governance/<env>/rds_provision_audit.csv`),
 * writing the header when the file is new. Each line is one `appendFile` call with O_APPEND,
 * so concurrent writers on one machine do not interleave within a line.
 */
export class CsvAuditSink implements AuditSink {
  constructor(readonly file: string) {}

  /** The conventional file for an environment under a governance directory. */
  static forEnvironment(
    governanceDir: string,
    environment: string,
  ): CsvAuditSink {
    return new CsvAuditSink(
      path.join(governanceDir, environment, 'rds_provision_audit.csv'),
    );
  }

  async write(record: AuditRecord): Promise<void> {
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    try {
      // 'wx' fails when the file exists: only the first writer adds the header.
      await fs.writeFile(this.file, auditCsvHeader(), { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    await fs.appendFile(this.file, auditCsvLine(record));
  }
}
