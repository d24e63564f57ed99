import { S3Client } from '@aws-sdk/client-s3';

/** The test environment's local S3-compatible endpoint (s3rver, started by with-test-env). */
export const TEST_S3 = {
  endpoint: process.env.RDS_TEST_S3_ENDPOINT,
  bucket: process.env.RDS_TEST_S3_BUCKET ?? '',
};

/** A real SDK client for {@link TEST_S3}; the caller destroys it. */
export function testS3Client(): S3Client {
  return new S3Client({
    region: 'us-east-1',
    endpoint: TEST_S3.endpoint,
    forcePathStyle: true,
    // s3rver's only key pair
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
}
