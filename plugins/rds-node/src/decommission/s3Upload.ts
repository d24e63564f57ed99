import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  UploadPartCommand,
  type CompletedPart,
  type CreateMultipartUploadCommandInput,
  type S3Client,
} from '@aws-sdk/client-s3';
import { createReadStream, promises as fs } from 'node:fs';

// S3's limits: one PutObject takes at most 5 GiB; a multipart upload has at most 10,000
// parts of at least 5 MiB (but the last).
const MIN_PART_BYTES = 5 * 1024 ** 2;
const MAX_PARTS = 10_000;

/** Part size of large dumps: 64 MiB in memory at a time, up to 625 GiB in 10,000 parts. */
export const DEFAULT_PART_BYTES = 64 * 1024 ** 2;

/** A local file to store as one S3 object. */
export interface FileUpload {
  Bucket: string;
  Key: string;
  file: string;
  bytes: number;
  /** Content type, metadata and encryption of the object. */
  object: Omit<CreateMultipartUploadCommandInput, 'Bucket' | 'Key'>;
}

/**
 * Stores a file as one object: a PutObject up to `partBytes`, else a multipart upload of parts
 * read one at a time (so the SDK can retry a part), aborted when any step fails so no parts are
 * left behind. Each request is bounded by the client's request timeout.
 */
export async function uploadFile(
  client: S3Client,
  upload: FileUpload,
  partBytes = DEFAULT_PART_BYTES,
): Promise<void> {
  const { Bucket, Key, file, bytes } = upload;
  if (bytes <= partBytes) {
    await client.send(
      new PutObjectCommand({
        Bucket,
        Key,
        ...upload.object,
        Body: createReadStream(file),
        ContentLength: bytes,
      }),
    );
    return;
  }
  const size = Math.max(
    partBytes,
    MIN_PART_BYTES,
    Math.ceil(bytes / MAX_PARTS),
  );
  const { UploadId } = await client.send(
    new CreateMultipartUploadCommand({ Bucket, Key, ...upload.object }),
  );
  try {
    const parts: CompletedPart[] = [];
    const handle = await fs.open(file, 'r');
    try {
      for (let offset = 0; offset < bytes; offset += size) {
        const body = await readPart(
          handle,
          offset,
          Math.min(size, bytes - offset),
        );
        const PartNumber = parts.length + 1;
        const out = await client.send(
          new UploadPartCommand({
            Bucket,
            Key,
            UploadId,
            PartNumber,
            Body: body,
            ContentLength: body.length,
          }),
        );
        parts.push({ PartNumber, ETag: out.ETag });
      }
    } finally {
      await handle.close();
    }
    await client.send(
      new CompleteMultipartUploadCommand({
        Bucket,
        Key,
        UploadId,
        MultipartUpload: { Parts: parts },
      }),
    );
  } catch (error) {
    await client
      .send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId }))
      .catch(() => {});
    throw error;
  }
}

/** Reads `length` bytes at `offset`; a short read means the file changed under the upload. */
async function readPart(
  handle: fs.FileHandle,
  offset: number,
  length: number,
): Promise<Buffer> {
  const body = Buffer.alloc(length);
  let read = 0;
  while (read < length) {
    const { bytesRead } = await handle.read(
      body,
      read,
      length - read,
      offset + read,
    );
    if (bytesRead === 0) {
      throw new Error(
        `the dump file ended at ${offset + read} bytes, ${
          length - read
        } bytes early`,
      );
    }
    read += bytesRead;
  }
  return body;
}
