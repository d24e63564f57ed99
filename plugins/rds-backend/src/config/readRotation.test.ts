import { ConfigReader } from '@backstage/config';
import { readRdsConfig } from './readRdsConfig';

const LAMBDA =
  'arn:aws:lambda:eu-west-1:123456789012:function:SecretsManagerRDSPostgreSQLRotationMultiUser';
const prodInstance = {
  name: 'prod-main',
  host: 'prod-main.abc.eu-west-1.rds.amazonaws.com',
  adminSecretId: 'rds/admin/prod-main',
  ssl: { mode: 'verify-full', caFile: '/etc/rds/global-bundle.pem' },
};

function read(prod: object) {
  return readRdsConfig(new ConfigReader({ rds: { environments: { prod } } }), {
    readFile: () => 'PEM',
    env: { AWS_REGION: 'eu-west-1' },
  });
}

describe('rotation and IAM admin configuration', () => {
  it('reads rotation with its defaults (on, single-user, every 30 days when the engine resolves it)', () => {
    const [env] = read({
      instance: prodInstance,
      secrets: { rotation: { lambdaArn: LAMBDA } },
    }).environments;
    expect(env.secrets.rotation).toEqual({
      enabled: true,
      lambdaArn: LAMBDA,
      scheduleDays: undefined,
      strategy: 'single-user',
      masterSecretArn: undefined,
    });
  });

  it('reads alternating users with the admin secret as the master secret', () => {
    const [env] = read({
      instance: prodInstance,
      secrets: {
        rotation: {
          lambdaArn: LAMBDA,
          strategy: 'alternating-users',
          scheduleDays: 7,
        },
      },
    }).environments;
    expect(env.secrets.rotation).toMatchObject({
      strategy: 'alternating-users',
      scheduleDays: 7,
    });
  });

  it.each([
    [
      { lambdaArn: 'my-function' },
      "rds.environments.prod.secrets.rotation.lambdaArn must be a Lambda function ARN (arn:aws:lambda:<region>:<account>:function:<name>), got 'my-function'",
    ],
    [
      { lambdaArn: LAMBDA, scheduleDays: 0 },
      'rds.environments.prod.secrets.rotation.scheduleDays must be a whole number of days from 1 to 1000, got 0',
    ],
    [
      { lambdaArn: LAMBDA, strategy: 'double-user' },
      "rds.environments.prod.secrets.rotation.strategy must be single-user or alternating-users, got 'double-user'",
    ],
  ])('refuses rotation %j', (rotation, message) => {
    expect(() =>
      read({ instance: prodInstance, secrets: { rotation } }),
    ).toThrow(message);
  });

  it('reads an IAM admin, and needs a master secret for alternating users then', () => {
    const iamInstance = {
      ...prodInstance,
      adminSecretId: undefined,
      adminIam: { user: 'rds_platform', region: 'eu-west-1' },
    };
    const [env] = read({ instance: iamInstance }).environments;
    expect(env.instance.admin).toEqual({
      iam: { user: 'rds_platform', region: 'eu-west-1' },
    });
    expect(() =>
      read({
        instance: iamInstance,
        secrets: {
          rotation: { lambdaArn: LAMBDA, strategy: 'alternating-users' },
        },
      }),
    ).toThrow(
      'rds.environments.prod.secrets.rotation.masterSecretArn is required with strategy alternating-users when the admin has no secret (admin.secretId)',
    );
  });

  it('refuses an IAM admin without TLS verify-full, and next to another admin setting', () => {
    expect(() =>
      read({
        dev: true,
        instance: {
          host: '127.0.0.1',
          adminIam: { user: 'rds_platform', region: 'eu-west-1' },
          ssl: { mode: 'disable' },
        },
      }),
    ).toThrow(
      "rds.environments.prod.instance.ssl.mode must be verify-full, with rds.environments.prod.instance.ssl.ca or rds.environments.prod.instance.ssl.caFile set (got 'disable', no CA bundle): the admin logs in with IAM tokens, which RDS only accepts over TLS",
    );
    expect(() =>
      read({
        instance: {
          ...prodInstance,
          adminIam: { user: 'rds_platform', region: 'eu-west-1' },
        },
      }),
    ).toThrow(
      'rds.environments.prod.instance: set one of admin, adminSecretId and adminIam, not several',
    );
  });
});
