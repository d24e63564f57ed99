import { writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { cliSuite } from '../__testUtils__/cli';
import {
  readAppSecret,
  rolesNamed,
  uniqueApp,
  uniqueEnv,
} from '../__testUtils__/targets';

const servers: Server[] = [];
afterAll(() =>
  Promise.all(
    servers.map(server => new Promise(resolve => server.close(resolve))),
  ),
);

/** An rds backend stand-in on a free port: records what the CLI reports, answers `status`. */
async function reportServer(status = 201, answer?: unknown) {
  const received: Array<{ authorization?: string; url?: string; body: any }> =
    [];
  const server = createServer((req: IncomingMessage, res) => {
    let text = '';
    req.on('data', chunk => (text += chunk));
    req.on('end', () => {
      const body = JSON.parse(text);
      received.push({
        authorization: req.headers.authorization,
        url: req.url,
        body,
      });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(
          answer ?? {
            items: body.records.map((r: { runId: string }) => ({
              runId: r.runId,
              status: 'recorded',
              entityRef: 'component:default/inventory-service',
            })),
          },
        ),
      );
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  servers.push(server);
  return { url: `http://127.0.0.1:${port}`, received };
}

describe('rds-provision: the instance by the backend’s name, and CI runs reported to it', () => {
  const suite = cliSuite('rds-cli-id-');
  const { target, cwd } = suite;
  const { RDS_INSTANCE_NAME: _unset, ...env } = suite.vars;
  const url = new URL(target.adminUrl);
  /** Runs the CLI for one app (at owner) in a new environment, with `more` arguments. */
  const provision = (
    envName: string,
    app: string,
    more: string[] = [],
    vars: Record<string, string | undefined> = env,
  ) => {
    suite.write(
      'apps.yaml',
      `application_databases:\n  - name: ${app}\n    access_level: owner\n`,
    );
    return suite.run(envName, ['--file', 'apps.yaml', ...more], vars);
  };
  const backendConfig = (envName: string, host = url.hostname) => {
    const file = path.join(cwd, `app-config.${envName}.yaml`);
    writeFileSync(
      file,
      `rds:\n  environments:\n    ${envName}:\n      instance:\n        name: embedded-postgres-17\n` +
        `        host: ${host}\n        port: ${url.port}\n        admin:\n          user: \${RDS_ADMIN_USER}\n`,
    );
    return file;
  };

  it('names the instance as the backend’s config does, in the audit and the secret', async () => {
    const envName = uniqueEnv('id');
    const app = uniqueApp('id');
    const config = backendConfig(envName);

    const out = await provision(envName, app, ['--config', config]);

    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(
      `Instance: embedded-postgres-17 (rds.environments.${envName}.instance.name in ${config})`,
    );
    expect(suite.csv(envName)[1].split(',')[4]).toBe('embedded-postgres-17');
    const secret = await readAppSecret(
      suite.secretsManager,
      `rds/${envName}/${app}`,
    );
    expect(secret).toMatchObject({
      dbInstanceIdentifier: 'embedded-postgres-17',
    });
  });

  it('refuses a config whose instance is elsewhere, or a name that differs from it, before connecting', async () => {
    const envName = uniqueEnv('id');
    const app = uniqueApp('id');
    const elsewhere = await provision(envName, app, [
      '--config',
      backendConfig(envName, '10.1.2.3'),
    ]);
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stderr).toBe(
      `rds-provision: the backend's rds.environments.${envName}.instance is 10.1.2.3:${url.port} ` +
        `(${path.join(
          cwd,
          `app-config.${envName}.yaml`,
        )}), this run connects to ${url.hostname}:${url.port}: ` +
        'they are not the same instance, so "embedded-postgres-17" is not this one\'s name\n',
    );

    const differs = await provision(envName, app, [
      '--config',
      backendConfig(envName),
      '--instance-name',
      'pg-main',
    ]);
    expect(differs.code).toBe(1);
    expect(differs.stderr).toContain(
      '--instance-name is "pg-main" but the backend',
    );
    await expect(rolesNamed(target, `${app}_${envName}`)).resolves.toEqual([]);
  });

  it('says so when the instance is only known by its host', async () => {
    const envName = uniqueEnv('id');
    const out = await provision(envName, uniqueApp('id'));
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(`Instance: ${url.hostname} (the host)`);
    expect(out.stderr).toContain(
      `warning: the instance is recorded as its host "${url.hostname}" (no --instance-name, RDS_INSTANCE_NAME or --config)`,
    );
  });

  it('reports the runs to the rds backend with its token, marked as CLI runs with the build id', async () => {
    const server = await reportServer();
    const envName = uniqueEnv('rep');
    const app = uniqueApp('rep');

    const out = await provision(
      envName,
      app,
      [
        '--instance-name',
        'embedded-postgres-17',
        '--report-to',
        server.url,
        '--build-id',
        'gh-77',
      ],
      { ...env, RDS_BACKSTAGE_TOKEN: 'ci-token-123' },
    );

    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(
      `Reported 1 run to ${server.url}/api/rds/audit/records: 1 recorded`,
    );
    expect(server.received).toHaveLength(1);
    const [{ authorization, url: route, body }] = server.received;
    expect([authorization, route]).toEqual([
      'Bearer ci-token-123',
      '/api/rds/audit/records',
    ]);
    expect(body.records).toEqual([
      expect.objectContaining({
        runId: expect.stringMatching(/^cli-[0-9a-f-]{36}$/),
        buildId: 'gh-77',
        environment: envName,
        instance: 'embedded-postgres-17',
        appName: app,
        outcome: 'created',
        dryRun: false,
      }),
    ]);
    // The CSV has the same run.
    expect(suite.csv(envName)[1]).toContain(body.records[0].runId);
  });

  it('fails when the backend refuses the report, saying why; the runs stay in the CSV', async () => {
    const server = await reportServer(400, {
      error: {
        name: 'InputError',
        message: 'record cli-1: instance "x" is not the backend\'s',
      },
    });
    const envName = uniqueEnv('rep');

    const out = await provision(
      envName,
      uniqueApp('rep'),
      ['--report-to', server.url],
      { ...env, RDS_BACKSTAGE_TOKEN: 'ci-token-123' },
    );

    expect(out.code).toBe(1);
    expect(out.stderr).toContain(
      `rds-provision: the runs are in the audit CSV, but reporting them to the rds backend failed: ` +
        `${server.url}/api/rds/audit/records answered 400: record cli-1: instance "x" is not the backend's`,
    );
    expect(suite.csv(envName)).toHaveLength(2);
  });

  it('needs the token before anything runs', async () => {
    const envName = uniqueEnv('rep');
    const app = uniqueApp('rep');
    const out = await provision(envName, app, [
      '--report-to',
      'http://127.0.0.1:9',
    ]);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('--report-to needs RDS_BACKSTAGE_TOKEN');
    await expect(rolesNamed(target, `${app}_${envName}`)).resolves.toEqual([]);
  });
});
