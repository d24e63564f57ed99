import { CreateSecretCommand } from '@aws-sdk/client-secrets-manager';
import {
  provisionerWithoutSecrets,
  suiteProvisioner,
} from '../__testUtils__/provisioner';
import {
  appObjects,
  asSuper,
  describeOnTargets,
  rolesNamed,
  uniqueApp,
} from '../__testUtils__/targets';

const ctx = { runId: 'guardrails', actor: 'user:default/test' };

describeOnTargets('guardrails', target => {
  const { env, secretsManager, provisioner, request } = suiteProvisioner(
    target,
    'gr',
  );
  const prod = suiteProvisioner(target, 'prod', {}, { requiresApproval: true });

  /** What exists for an app: its roles, its database and its secret. */
  const existing = (app: string) =>
    appObjects(target, secretsManager, app, env);

  it('blocks when the database exists with another owner, and creates nothing', async () => {
    const app = uniqueApp('taken');
    await asSuper(target, `CREATE DATABASE "${app}_${env}_db"`);
    const result = await provisioner.apply(request(app, 'owner'), ctx);
    expect(result.outcome).toBe('blocked');
    const block = result.steps.find(s => s.id === 'database')!;
    expect(block.outcome).toBe('blocked');
    expect(block.message).toContain(
      `database "${app}_${env}_db" exists and is owned by "postgres"`,
    );
    expect(block.message).toContain('Fix: choose another app name');
    expect(
      result.steps.filter(
        s => s.outcome !== 'blocked' && s.outcome !== 'no_change',
      ),
    ).toEqual([]);
    expect(await existing(app)).toEqual({
      roles: [],
      databases: [`${app}_${env}_db`],
      secret: false,
    });
    // The status names the same reason.
    const status = await provisioner.status(app);
    expect(status.blockedReason).toContain('is owned by "postgres"');
    expect(status.owner).toBe('postgres');
  });

  // Roles the platform did not create: trust.test.ts.

  it('blocks when the secret exists but is not the platform’s', async () => {
    const app = uniqueApp('secret');
    await secretsManager.send(
      new CreateSecretCommand({
        Name: `rds/${env}/${app}`,
        SecretString: '{"password":"theirs-1234"}',
      }),
    );
    const result = await provisioner.apply(request(app, 'reader'), ctx);
    expect(result.outcome).toBe('blocked');
    expect(result.steps.find(s => s.id === 'secret')!.message).toContain(
      'is not managed by the platform',
    );
    expect(JSON.stringify(result)).not.toContain('theirs-1234');
    expect((await existing(app)).roles).toEqual([]);
  });

  it('blocks changes in an environment that needs approval, until approved', async () => {
    const app = uniqueApp('gated');
    const gated = prod.request(app, 'editor');
    const blocked = await prod.provisioner.apply(gated, ctx);
    expect(blocked.outcome).toBe('blocked');
    expect(blocked.steps[0]).toMatchObject({
      id: 'approval',
      outcome: 'blocked',
    });
    expect(blocked.steps[0].message).toContain(
      `environment "${prod.env}" requires explicit approval`,
    );
    expect(blocked.steps[0].message).toContain('ALLOW_DB_PROVISION=true');
    const roles = await rolesNamed(target, app);
    expect(roles).toEqual([]);

    expect(
      (await prod.provisioner.apply(gated, ctx, { approved: true })).outcome,
    ).toBe('created');
    // Nothing to change: no approval needed.
    expect((await prod.provisioner.apply(gated, ctx)).outcome).toBe(
      'no_change',
    );
  });
});

describe('invalid input', () => {
  // An instance nobody listens on: any connection attempt would fail with ECONNREFUSED,
  // so an InputError proves the request was refused before connecting.
  const unreachable = provisionerWithoutSecrets({
    name: 'nowhere',
    host: '127.0.0.1',
    port: 1,
    admin: { user: 'x', password: 'y' },
  });
  afterAll(() => unreachable.close());

  it.each([
    ['Payments', /contains characters that are not allowed \("P"\)/],
    ['1app', /must start with a lowercase letter/],
    ['app"; drop role x; --', /not allowed \("\\"", ";", " ", "-"\)/],
    ["o'brien", /not allowed \("'"\)/],
    ['my app', /not allowed \(" "\)/],
    ['café', /not allowed \("é"\)/],
    ['postgres', /"postgres" is reserved/],
    ['template0', /"template0" is reserved/],
    ['rdsadmin', /"rdsadmin" is reserved/],
    ['public', /"public" is reserved/],
    [
      'a'.repeat(60),
      /too long: .* would be \d+ bytes, and Postgres allows 63; use at most 48 characters/,
    ],
  ])('refuses %j before connecting', async (appName, message) => {
    const error = await unreachable
      .apply({ appName, environment: 'dev', accessLevel: 'owner' }, ctx)
      .catch(e => e);
    expect(error.name).toBe('InputError');
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(
      /use lowercase letters|choose another name|use at most/,
    );
    await expect(
      unreachable.plan(
        { appName, environment: 'dev', accessLevel: 'owner' },
        ctx,
      ),
    ).rejects.toThrow(message);
  });

  it('refuses an unknown access level and a foreign environment', async () => {
    await expect(
      unreachable.apply(
        { appName: 'ok', environment: 'dev', accessLevel: 'admin' as any },
        ctx,
      ),
    ).rejects.toThrow(/accessLevel must be one of owner, editor, reader/);
    await expect(
      unreachable.apply(
        { appName: 'ok', environment: 'prod', accessLevel: 'owner' },
        ctx,
      ),
    ).rejects.toThrow(/environment "prod" is not served here/);
  });

  it('refuses a remote instance without verified TLS at construction', () => {
    expect(() =>
      provisionerWithoutSecrets(
        {
          name: 'prod',
          host: 'db.example.com',
          port: 5432,
          admin: { secretId: 'x' },
          ssl: { mode: 'require' },
        },
        { name: 'prod', requiresApproval: true },
      ),
    ).toThrow(/ssl.mode must be verify-full, not require.*needs ssl.ca/);
  });
});
