import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CliConfigError, environmentFromEnv } from './environmentFromEnv';

// The CLI's IAM admin, read from variables with the backend's TLS rule (environmentSslProblems).
describe('environmentFromEnv with RDS_ADMIN_IAM_USER', () => {
  const ca = path.join(
    mkdtempSync(path.join(os.tmpdir(), 'rds-cli-ca-')),
    'ca.pem',
  );
  writeFileSync(ca, '-----BEGIN CERTIFICATE-----\n');
  const base = {
    RDS_HOST: 'main.abc123.eu-west-1.rds.amazonaws.com',
    RDS_ADMIN_IAM_USER: 'rds_platform',
    RDS_SSL_MODE: 'verify-full',
    RDS_SSL_CA_FILE: ca,
    AWS_REGION: 'eu-west-1',
  };

  it('signs IAM tokens as the user, in AWS_REGION unless RDS_ADMIN_IAM_REGION names another', () => {
    expect(environmentFromEnv('prod', base).environment.instance).toMatchObject(
      {
        admin: { iam: { user: 'rds_platform', region: 'eu-west-1' } },
        ssl: { mode: 'verify-full', ca: '-----BEGIN CERTIFICATE-----\n' },
      },
    );
    expect(
      environmentFromEnv('prod', { ...base, RDS_ADMIN_IAM_REGION: 'us-east-2' })
        .environment.instance.admin,
    ).toEqual({ iam: { user: 'rds_platform', region: 'us-east-2' } });
  });

  const refusal = (got: string) =>
    `RDS_SSL_MODE must be verify-full, with RDS_SSL_CA_FILE set (got ${got}): the admin logs in with IAM tokens, ` +
    'which RDS only accepts over TLS and which must not reach a server that is not verified';

  it.each([
    [
      'a dev environment on this machine, mode unset and no CA',
      { RDS_HOST: '127.0.0.1', RDS_SSL_MODE: '', RDS_SSL_CA_FILE: '' },
      `${refusal(
        "'verify-full', no CA bundle",
      )} (RDS_SSL_MODE is unset: verify-full, the default for an IAM admin)`,
    ],
    ['mode require', { RDS_SSL_MODE: 'require' }, refusal("'require'")],
    [
      'verify-full without a CA',
      { RDS_SSL_CA_FILE: '' },
      refusal("'verify-full', no CA bundle"),
    ],
  ])('refuses %s: tokens only over verified TLS', (_case, vars, message) => {
    expect(() => environmentFromEnv('dev', { ...base, ...vars })).toThrow(
      new CliConfigError(message),
    );
  });

  it('refuses IAM next to other admin credentials, naming them', () => {
    expect(() =>
      environmentFromEnv('prod', {
        ...base,
        RDS_ADMIN_SECRET_ID: 'rds/prod/admin',
        RDS_ADMIN_PASSWORD: 'x',
      }),
    ).toThrow(
      'RDS_ADMIN_IAM_USER is set, and so are RDS_ADMIN_SECRET_ID, RDS_ADMIN_PASSWORD: the admin logs in one way, so set only one of them',
    );
  });
});
