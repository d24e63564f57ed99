import { ConfigReader } from '@backstage/config';
import { embeddedDevInstance } from '../__testUtils__/embeddedDevInstance';
import { readRdsConfig } from './readRdsConfig';

const devEnvironment = {
  requiresApproval: false,
  instance: embeddedDevInstance,
};

/** The `rds` config of the dev environment with `instance` fields changed. */
const withDevInstance = (instance: Record<string, unknown>) => ({
  environments: {
    dev: {
      ...devEnvironment,
      instance: { ...devEnvironment.instance, ...instance },
    },
  },
});

/** The `rds` config of a prod environment with only this `instance`. */
const withProdInstance = (instance: Record<string, unknown>) => ({
  environments: { prod: { instance } },
});

const prodEnvironment = {
  instance: {
    name: 'prod-main',
    host: 'prod-main.abc.eu-west-1.rds.amazonaws.com',
    adminSecretId: 'rds/admin/prod-main',
    ssl: { mode: 'verify-full', caFile: '/etc/rds/global-bundle.pem' },
  },
  secrets: {
    kmsKeyId: 'alias/rds-app-secrets',
    tags: { 'cost-centre': 'platform' },
  },
};

function read(rds: object, readFile = (_path: string) => 'PEM') {
  return readRdsConfig(new ConfigReader({ rds }), {
    readFile,
    env: { AWS_REGION: 'eu-west-1' },
  });
}

describe('readRdsConfig', () => {
  it('reads a dev and a prod environment with their defaults', () => {
    const config = read({
      secretsManager: {
        region: 'us-east-1',
        endpoint: 'http://127.0.0.1:4566',
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      },
      environments: { dev: devEnvironment, prod: prodEnvironment },
    });

    expect(config.secretsManager).toEqual({
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:4566',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    expect(config.environments).toEqual([
      {
        name: 'dev',
        dev: true,
        requiresApproval: false,
        // The instance as configured, on the default admin database.
        instance: { ...embeddedDevInstance, adminDatabase: 'postgres' },
        secrets: { namePattern: 'rds/{env}/{app}' },
        // Nobody approves unless named; self-approval on in dev.
        approval: {
          approvers: [],
          selfApproval: true,
          requestTtlMs: 7 * 24 * 60 * 60 * 1000,
        },
        decommission: expect.objectContaining({
          policy: 'retain',
          requiresApproval: false,
        }),
      },
      {
        name: 'prod',
        dev: false,
        requiresApproval: true,
        instance: {
          name: 'prod-main',
          host: 'prod-main.abc.eu-west-1.rds.amazonaws.com',
          port: 5432,
          adminDatabase: 'postgres',
          admin: { secretId: 'rds/admin/prod-main' },
          ssl: { mode: 'verify-full', ca: 'PEM' },
        },
        secrets: {
          namePattern: 'rds/{env}/{app}',
          kmsKeyId: 'alias/rds-app-secrets',
          tags: { 'cost-centre': 'platform' },
        },
        approval: {
          approvers: [],
          selfApproval: false,
          requestTtlMs: 7 * 24 * 60 * 60 * 1000,
        },
        decommission: expect.objectContaining({
          policy: 'retain',
          requiresApproval: true,
        }),
      },
    ]);
  });

  it('returns no environments when rds is not configured', () => {
    expect(readRdsConfig(new ConfigReader({}), { env: {} })).toEqual({
      environments: [],
      secretsManager: {},
    });
  });

  it('defaults TLS to verify-full, also in dev, and then needs the CA bundle', () => {
    const instance = { host: 'db', admin: { user: 'a', password: 'b' } };
    expect(() => read({ environments: { dev: { instance } } })).toThrow(
      'rds.environments.dev.instance.ssl.ca or rds.environments.dev.instance.ssl.caFile is required with ssl.mode verify-full',
    );

    const config = read({
      environments: { dev: { instance: { ...instance, ssl: { ca: 'PEM' } } } },
    });
    expect(config.environments[0].instance.ssl).toEqual({
      mode: 'verify-full',
      ca: 'PEM',
    });
    expect(config.environments[0].instance.name).toBe('db');
  });

  it('skips TLS only for a dev instance on this machine', () => {
    const dev = (host: string) => withDevInstance({ host });
    // The engine's loopback rule (isLoopbackHost), so config and engine agree.
    for (const host of ['127.0.0.1', '127.0.0.2', 'localhost', '::1']) {
      expect(read(dev(host)).environments[0].instance.ssl).toEqual({
        mode: 'disable',
      });
    }
    expect(() => read(dev('dev-db.internal'))).toThrow(
      "rds.environments.dev.instance.ssl.mode must be verify-full for a host that is not this machine (dev-db.internal, got 'disable')",
    );
  });

  it('refuses a TLS mode other than verify-full outside dev', () => {
    expect(() =>
      read({
        environments: {
          prod: {
            instance: {
              ...prodEnvironment.instance,
              ssl: { mode: 'require' },
            },
          },
        },
      }),
    ).toThrow(
      "rds.environments.prod.instance.ssl.mode must be verify-full outside dev environments (got 'require')",
    );
  });

  it('refuses an unknown TLS mode', () => {
    expect(() => read(withDevInstance({ ssl: { mode: 'prefer' } }))).toThrow(
      "rds.environments.dev.instance.ssl.mode must be one of disable, require, verify-full, got 'prefer'",
    );
  });

  it('refuses a plain admin password outside dev and names the key to use instead', () => {
    expect(() => read({ environments: { staging: devEnvironment } })).toThrow(
      /rds\.environments\.staging\.instance\.admin\.password: a plain admin password is only allowed in a dev environment; .*set rds\.environments\.staging\.instance\.adminSecretId/,
    );
  });

  it('accepts a plain admin password in an environment flagged dev', () => {
    const config = read({
      environments: { sandbox: { ...devEnvironment, dev: true } },
    });
    expect(config.environments[0]).toMatchObject({
      name: 'sandbox',
      dev: true,
      requiresApproval: false,
    });
  });

  it('requires approval by default outside dev, and lets config turn it off', () => {
    const config = read({
      environments: {
        prod: prodEnvironment,
        qa: { ...prodEnvironment, requiresApproval: false },
      },
    });
    expect(config.environments.map(e => [e.name, e.requiresApproval])).toEqual([
      ['prod', true],
      ['qa', false],
    ]);
  });

  it('requires admin credentials, and only one kind of them', () => {
    expect(() => read(withProdInstance({ host: 'db' }))).toThrow(
      /rds\.environments\.prod\.instance\.adminSecretId is required/,
    );
    expect(() =>
      read(withDevInstance({ adminSecretId: 'rds/admin/dev' })),
    ).toThrow(
      'rds.environments.dev.instance: set either admin or adminSecretId, not both',
    );
  });

  it('names the CA file that cannot be read', () => {
    expect(() =>
      read({ environments: { prod: prodEnvironment } }, () => {
        throw new Error('ENOENT: no such file or directory');
      }),
    ).toThrow(
      'rds.environments.prod.instance.ssl.caFile could not be read (/etc/rds/global-bundle.pem): ENOENT',
    );
  });

  it('refuses a secret name pattern without {app}', () => {
    expect(() =>
      read({
        environments: {
          dev: {
            ...devEnvironment,
            secrets: { namePattern: 'rds/{env}/shared' },
          },
        },
      }),
    ).toThrow('rds.environments.dev.secrets.namePattern must contain {app}');
  });

  it('refuses environment names that cannot be part of a database name', () => {
    expect(() =>
      read({ environments: { 'Prod-EU': prodEnvironment } }),
    ).toThrow(
      'rds.environments.Prod-EU: environment "Prod-EU" must start with a lowercase letter',
    );
  });

  it('refuses static Secrets Manager credentials without a local endpoint', () => {
    expect(() =>
      read({
        secretsManager: {
          region: 'eu-west-1',
          credentials: { accessKeyId: 'AKIA', secretAccessKey: 'x' },
        },
      }),
    ).toThrow(
      'rds.secretsManager.credentials is only allowed together with rds.secretsManager.endpoint',
    );
  });

  it('takes the region from AWS_REGION, and requires one when environments exist', () => {
    const rds = { environments: { dev: devEnvironment } };
    expect(read(rds).secretsManager.region).toBe('eu-west-1');
    expect(() => readRdsConfig(new ConfigReader({ rds }), { env: {} })).toThrow(
      'rds.secretsManager.region is required (or set AWS_REGION)',
    );
  });

  it('reads instance timeouts, leaving unset ones to the engine defaults', () => {
    const config = read(withDevInstance({ timeouts: { queryMs: 30000 } }));
    expect(config.environments[0].instance.timeouts).toEqual({
      queryMs: 30000,
    });
    expect(
      read({ environments: { dev: devEnvironment } }).environments[0].instance
        .timeouts,
    ).toBeUndefined();
  });

  it('rejects timeouts that are not positive whole milliseconds, and unknown keys', () => {
    expect(() =>
      read(
        withDevInstance({
          timeouts: { connectMs: 0, queryMs: 1.5, queryMS: 5000 },
        }),
      ),
    ).toThrow(
      'Invalid rds configuration: rds.environments.dev.instance.timeouts.queryMS is not a setting; use connectMs or queryMs; ' +
        'rds.environments.dev.instance.timeouts.connectMs must be a whole number of milliseconds between 1 and 2147483647, got 0; ' +
        'rds.environments.dev.instance.timeouts.queryMs must be a whole number of milliseconds between 1 and 2147483647, got 1.5',
    );
  });

  it('lists every problem at once', () => {
    expect(() =>
      read(
        withProdInstance({
          host: 'db',
          port: 70000,
          admin: { user: 'a', password: 'b' },
          ssl: { mode: 'disable' },
        }),
      ),
    ).toThrow(
      /port must be a TCP port.*admin\.password.*ssl\.mode must be verify-full/,
    );
  });

  it('never puts the admin password in an error message', () => {
    expect(() =>
      read(
        withProdInstance({
          host: 'db',
          admin: { user: 'a', password: 'hunter2-secret' },
        }),
      ),
    ).toThrow(
      expect.objectContaining({
        message: expect.not.stringContaining('hunter2'),
      }),
    );
  });

  it('reads the provenance role, and refuses one that is not a plain role name', () => {
    const withRole = (provenanceRole: string) =>
      withDevInstance({ provenanceRole });
    expect(
      read(withRole('team_b_managed')).environments[0].instance.provenanceRole,
    ).toBe('team_b_managed');
    expect(
      read({ environments: { dev: devEnvironment } }).environments[0].instance
        .provenanceRole,
    ).toBeUndefined();
    expect(() => read(withRole('Team-B'))).toThrow(
      'rds.environments.dev.instance.provenanceRole must be a role name',
    );
  });
});
