import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { randomBytes, randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TEST_S3, testS3Client } from '../__testUtils__/s3';
import { sha256Of } from './pgDump';
import { uploadFile } from './s3Upload';

const MiB = 1024 ** 2;
const Bucket = TEST_S3.bucket;

// Against the local S3-compatible endpoint (s3rver) through the real SDK; a middleware
// records which S3 operations each upload sends.
describe('uploadFile', () => {
  const sent: string[] = [];
  const client = testS3Client();
  client.middlewareStack.add(
    (next, context) => args => {
      sent.push(context.commandName!.replace(/Command$/, ''));
      return next(args);
    },
    { step: 'initialize' },
  );
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 's3-upload-'));
  });
  afterAll(async () => {
    client.destroy();
    await fs.rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    sent.length = 0;
  });

  const fileOf = async (bytes: number) => {
    const file = path.join(dir, randomUUID());
    await fs.writeFile(file, randomBytes(bytes));
    return file;
  };
  const object = {
    ContentType: 'application/octet-stream',
    Metadata: { sha256: 'recorded' },
  };
  const exists = (Key: string) =>
    client.send(new HeadObjectCommand({ Bucket, Key })).then(
      () => true,
      e => (e.name === 'NotFound' ? false : Promise.reject(e)),
    );

  it('stores a file larger than a part in parts, and it reads back byte for byte with its metadata', async () => {
    const bytes = 12 * MiB + 123;
    const file = await fileOf(bytes);
    const Key = `multipart/${randomUUID()}.dump`;

    await uploadFile(client, { Bucket, Key, file, bytes, object }, 5 * MiB);

    expect(sent).toEqual([
      'CreateMultipartUpload',
      'UploadPart',
      'UploadPart',
      'UploadPart',
      'CompleteMultipartUpload',
    ]);
    const stored = await client.send(new GetObjectCommand({ Bucket, Key }));
    expect(stored.ContentLength).toBe(bytes);
    expect(stored.ContentType).toBe('application/octet-stream');
    expect(stored.Metadata).toEqual({ sha256: 'recorded' });
    expect(await sha256Of(stored.Body as NodeJS.ReadableStream)).toBe(
      await sha256Of(file),
    );
  });

  it('stores a file up to a part with one PutObject', async () => {
    const bytes = 64 * 1024;
    const file = await fileOf(bytes);
    const Key = `single/${randomUUID()}.dump`;

    await uploadFile(client, { Bucket, Key, file, bytes, object }, 5 * MiB);

    expect(sent).toEqual(['PutObject']);
    expect(await exists(Key)).toBe(true);
  });

  it('aborts the upload when the file is shorter than the dump said: a clear error, no object', async () => {
    const file = await fileOf(7 * MiB);
    const Key = `short/${randomUUID()}.dump`;

    await expect(
      uploadFile(
        client,
        { Bucket, Key, file, bytes: 12 * MiB, object },
        5 * MiB,
      ),
    ).rejects.toThrow(
      `the dump file ended at ${7 * MiB} bytes, ${3 * MiB} bytes early`,
    );
    expect(sent).toEqual([
      'CreateMultipartUpload',
      'UploadPart',
      'AbortMultipartUpload',
    ]);
    expect(await exists(Key)).toBe(false);
  });
});
