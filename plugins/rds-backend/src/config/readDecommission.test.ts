import { ConfigReader } from '@backstage/config';
import { readDecommission } from './readDecommission';

function read(
  decommission: unknown,
  flags = { dev: false, requiresApproval: true },
) {
  const problems: string[] = [];
  const config = readDecommission(
    'rds.environments.prod',
    new ConfigReader(decommission === undefined ? {} : { decommission }),
    flags,
    problems,
  );
  return { config, problems };
}

describe('readDecommission', () => {
  it('retains by default and needs approval outside dev, not in dev', () => {
    expect(read(undefined)).toEqual({
      config: expect.objectContaining({
        policy: 'retain',
        requiresApproval: true,
      }),
      problems: [],
    });
    expect(
      read(undefined, { dev: true, requiresApproval: false }).config
        .requiresApproval,
    ).toBe(false);
  });

  it('reads a folder or an S3 destination, the pg_dump and the window', () => {
    expect(
      read({
        policy: 'snapshot-and-delete',
        destination: {
          s3: { bucket: 'dumps', prefix: 'rds/', region: 'eu-west-1' },
        },
        pgDumpPath: '/usr/lib/postgresql/17/bin/pg_dump',
        secretRecoveryDays: 7,
      }),
    ).toEqual({
      config: expect.objectContaining({
        policy: 'snapshot-and-delete',
        destination: {
          type: 's3',
          bucket: 'dumps',
          prefix: 'rds/',
          region: 'eu-west-1',
        },
        pgDumpPath: '/usr/lib/postgresql/17/bin/pg_dump',
        secretRecoveryDays: 7,
      }),
      problems: [],
    });
    expect(
      read({ policy: 'delete', destination: { folder: '/var/dumps' } }).config
        .destination,
    ).toEqual({ type: 'folder', path: '/var/dumps' });
  });

  it.each([
    [
      { policy: 'truncate' },
      "rds.environments.prod.decommission.policy must be one of retain, snapshot-and-delete, delete, got 'truncate'",
    ],
    [
      { secretRecoveryDays: 3 },
      "rds.environments.prod.decommission.secretRecoveryDays must be a whole number of days from 7 to 30 (Secrets Manager's recovery window), got 3",
    ],
    [
      { policy: 'snapshot-and-delete' },
      'rds.environments.prod.decommission.destination is required for policy snapshot-and-delete: a folder (destination.folder) or an S3 bucket (destination.s3.bucket)',
    ],
    [
      { destination: { folder: '/x', s3: { bucket: 'b' } } },
      'rds.environments.prod.decommission.destination: set either folder or s3, not both',
    ],
  ])('names the key of a bad setting: %j', (decommission, problem) => {
    expect(read(decommission).problems).toEqual([problem]);
  });
});
