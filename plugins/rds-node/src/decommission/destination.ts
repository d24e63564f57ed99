import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { DumpDestination } from './config';
import { sha256Of, type VerifiedDump } from './pgDump';
import { uploadFile } from './s3Upload';

/** Where dumps of one environment go, and what is there already. */
export interface DumpStore {
  /** Where a new dump of the database is written first (a local file). */
  stagingFile(database: string, stamp: string): Promise<string>;
  /** Stores a verified dump for good and reads it back; resolves to its location. */
  keep(dump: VerifiedDump, database: string, stamp: string): Promise<string>;
  /** Locations of the database's dumps, newest first. */
  list(database: string): Promise<string[]>;
}

/** `20261202T013000123Z` (to the millisecond): file names sort by time. */
export function dumpStamp(date = new Date()): string {
  return date.toISOString().replace(/[-:.]/g, '');
}

const dumpName = (database: string, stamp: string) =>
  `${database}-${stamp}.dump`;

/** A folder: `<path>/<env>/<database>-<stamp>.dump`, written as `.partial` and renamed. */
function folderStore(root: string, environment: string): DumpStore {
  const dir = path.resolve(root, environment);
  return {
    async stagingFile(database, stamp) {
      await fs.mkdir(dir, { recursive: true, mode: 0o700 });
      return path.join(dir, `${dumpName(database, stamp)}.partial`);
    },
    async keep(dump, database, stamp) {
      const final = path.join(dir, dumpName(database, stamp));
      await fs.rename(dump.file, final);
      await fs.chmod(final, 0o600);
      const again = await sha256Of(final);
      if (again !== dump.sha256) {
        throw new Error(`the dump at ${final} does not read back as written`);
      }
      return final;
    },
    async list(database) {
      const names = await fs.readdir(dir).catch(() => [] as string[]);
      return names
        .filter(n => n.startsWith(`${database}-`) && n.endsWith('.dump'))
        .sort()
        .reverse()
        .map(n => path.join(dir, n));
    },
  };
}

/** An S3 bucket: staged in the OS temp folder, uploaded (multipart when large), read back and compared. */
function s3Store(
  destination: Extract<DumpDestination, { type: 's3' }>,
  environment: string,
  client: S3Client,
  tmpDir: string,
): DumpStore {
  const prefix = `${destination.prefix ?? ''}${environment}/`;
  const Bucket = destination.bucket;
  return {
    async stagingFile(database, stamp) {
      const dir = await fs.mkdtemp(path.join(tmpDir, 'rds-dump-'));
      return path.join(dir, dumpName(database, stamp));
    },
    async keep(dump, database, stamp) {
      const Key = `${prefix}${dumpName(database, stamp)}`;
      const location = `s3://${Bucket}/${Key}`;
      try {
        await uploadFile(client, {
          Bucket,
          Key,
          file: dump.file,
          bytes: dump.bytes,
          object: {
            ContentType: 'application/octet-stream',
            Metadata: { sha256: dump.sha256 },
            ...(destination.kmsKeyId
              ? {
                  ServerSideEncryption: 'aws:kms',
                  SSEKMSKeyId: destination.kmsKeyId,
                }
              : {}),
          },
        });
        const head = await client.send(new HeadObjectCommand({ Bucket, Key }));
        if (head.ContentLength !== dump.bytes) {
          throw new Error(
            `it holds ${head.ContentLength} bytes, the dump has ${dump.bytes}`,
          );
        }
        const object = await client.send(new GetObjectCommand({ Bucket, Key }));
        const again = await sha256Of(object.Body as NodeJS.ReadableStream);
        if (again !== dump.sha256) {
          throw new Error('it does not read back as written (sha256 differs)');
        }
      } catch (error) {
        throw new Error(
          `the dump could not be stored at ${location}: ${
            (error as Error).message
          }`,
        );
      } finally {
        await fs.rm(path.dirname(dump.file), { recursive: true, force: true });
      }
      return location;
    },
    async list(database) {
      const out = await client.send(
        new ListObjectsV2Command({ Bucket, Prefix: `${prefix}${database}-` }),
      );
      return (out.Contents ?? [])
        .map(o => o.Key ?? '')
        .filter(k => k.endsWith('.dump'))
        .sort()
        .reverse()
        .map(k => `s3://${Bucket}/${k}`);
    },
  };
}

/** The S3 client of a destination: path-style with a custom endpoint (S3-compatible servers). */
export function s3ClientFor(
  destination: Extract<DumpDestination, { type: 's3' }>,
  fallbackRegion?: string,
): S3Client {
  return new S3Client({
    region: destination.region ?? fallbackRegion ?? process.env.AWS_REGION,
    endpoint: destination.endpoint,
    forcePathStyle: Boolean(destination.endpoint),
    // Checksums only where S3 requires them: S3-compatible servers may not speak the newer ones.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 4,
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 600_000 },
  });
}

/** The dump store of an environment's destination. */
export function dumpStore(
  destination: DumpDestination,
  environment: string,
  s3: () => S3Client,
  tmpDir: string,
): DumpStore {
  return destination.type === 'folder'
    ? folderStore(destination.path, environment)
    : s3Store(destination, environment, s3(), tmpDir);
}

/** The dump store of an environment's destination; none without a destination. */
export function dumpStoreFor(
  destination: DumpDestination | undefined,
  environment: string,
  s3: S3Client | undefined,
  tmpDir: string,
): DumpStore | undefined {
  if (!destination) return undefined;
  return dumpStore(
    destination,
    environment,
    () =>
      s3 ??
      s3ClientFor(destination as Extract<DumpDestination, { type: 's3' }>),
    tmpDir,
  );
}

/** Where an environment's dumps go, as the plan names it. */
export function dumpTargetOf(
  destination: DumpDestination | undefined,
  environment: string,
): string {
  if (!destination) return '(no destination configured)';
  return destination.type === 'folder'
    ? `${destination.path}/${environment}/`
    : `s3://${destination.bucket}/${destination.prefix ?? ''}${environment}/`;
}
