import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cliSuite } from '../__testUtils__/cli';
import {
  readAppSecret,
  rolesNamed,
  uniqueApp,
  uniqueEnv,
} from '../__testUtils__/targets';

describe('rds-provision CLI', () => {
  const suite = cliSuite('rds-cli-');
  const { target, secretsManager, csv, run, write } = suite;
  const baseEnv = suite.vars;
  const ungated = { ...baseEnv, RDS_REQUIRES_APPROVAL: 'false' };

  it('provisions the apps of a terraform.tfvars, prints a summary, appends the audit CSV, and is idempotent', async () => {
    const env = uniqueEnv('cli');
    const [a, b] = [uniqueApp('cli'), uniqueApp('cli')];
    write(
      'terraform.tfvars',
      `application_databases = {\n  ${a} = { access_level = "editor" }\n  ${b} = { access_level = "reader" }\n}\n`,
    );
    const first = await run(env, ['--build-id', 'b-1'], ungated);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      new RegExp(
        `${a}\\s+${a}_${env}_db\\s+${a}_${env}_user\\s+editor\\s+created`,
      ),
    );
    expect(first.stdout).toMatch(
      new RegExp(
        `${b}\\s+${b}_${env}_db\\s+${b}_${env}_user\\s+reader\\s+created`,
      ),
    );
    expect(first.stdout).toContain('Totals: created 2');

    const second = await run(env, [], ungated);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Totals: no_change 2');

    const lines = csv(env);
    expect(lines[0]).toBe(
      'run_id,build_id,timestamp,environment,instance,database,role,access_level,actor,entity_ref,app_name,outcome,dry_run,steps,error,justification,request_id,requested_by,decided_by',
    );
    // HCL maps have no order: compare sorted. The child has no USER, so the actor is "ci".
    expect(
      lines
        .slice(1)
        .map(l => {
          const cells = l.split(',');
          return [cells[1], ...cells.slice(3, 13)].join(',');
        })
        .sort(),
    ).toEqual(
      [
        `,${env},cli-test,${a}_${env}_db,${a}_${env}_user,editor,ci,,${a},no_change,false`,
        `,${env},cli-test,${b}_${env}_db,${b}_${env}_user,reader,ci,,${b},no_change,false`,
        `b-1,${env},cli-test,${a}_${env}_db,${a}_${env}_user,editor,ci,,${a},created,false`,
        `b-1,${env},cli-test,${b}_${env}_db,${b}_${env}_user,reader,ci,,${b},created,false`,
      ].sort(),
    );

    // No password in the output or the audit.
    for (const app of [a, b]) {
      const { password } = await readAppSecret(
        secretsManager,
        `rds/${env}/${app}`,
      );
      expect(
        first.stdout + first.stderr + second.stdout + lines.join('\n'),
      ).not.toContain(password);
    }
  });

  it('needs ALLOW_DB_PROVISION=true where approval is required: exit 2 and nothing created, then exit 0', async () => {
    const env = uniqueEnv('prd');
    const app = uniqueApp('gate');
    write(
      'apps.yaml',
      `application_databases:\n  - name: ${app}\n    access_level: owner\n`,
    );
    const gated = { ...baseEnv, RDS_REQUIRES_APPROVAL: 'true' };
    const dry = await run(env, ['--file', 'apps.yaml', '--dry-run'], gated);
    expect(dry.code).toBe(2);
    expect(dry.stdout).toContain(
      `CREATE DATABASE "${app}_${env}_db" OWNER "${app}_${env}_owner"`,
    );
    expect(dry.stdout).toContain(
      `CREATE ROLE "${app}_${env}_user" LOGIN PASSWORD '********'`,
    );

    const blocked = await run(env, ['--file', 'apps.yaml'], gated);
    expect(blocked.code).toBe(2);
    expect(blocked.stdout).toContain('requires explicit approval');
    expect(await rolesNamed(target, app)).toEqual([]);

    const approved = await run(env, ['--file', 'apps.yaml'], {
      ...gated,
      ALLOW_DB_PROVISION: 'true',
    });
    expect(approved.code).toBe(0);
    expect(approved.stdout).toContain('Totals: created 1');
    // Outcome and dry_run: the dry run is in the file, marked.
    expect(
      csv(env)
        .slice(1)
        .map(l => l.split(',').slice(11, 13).join(',')),
    ).toEqual(['blocked,true', 'blocked,false', 'created,false']);
  });

  it('refuses invalid names before connecting: exit 1, nothing changed', async () => {
    const env = uniqueEnv('bad');
    const good = uniqueApp('good');
    write(
      'bad.json',
      JSON.stringify({ application_databases: [good, 'Bad-Name', 'postgres'] }),
    );
    const out = await run(env, ['--file', 'bad.json'], ungated);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('invalid input, nothing was changed');
    expect(out.stderr).toContain(
      'application_databases "Bad-Name": app name "Bad-Name" contains characters that are not allowed',
    );
    expect(out.stderr).toContain(
      'application_databases "postgres": app name "postgres" is reserved',
    );
    expect(await rolesNamed(target, good)).toEqual([]);
  });

  it('exits 1 when a run fails (Secrets Manager unreachable)', async () => {
    const env = uniqueEnv('f');
    write('one.tfvars', `application_databases = ["${uniqueApp('f')}"]\n`);
    const out = await run(env, ['--file', 'one.tfvars'], {
      ...ungated,
      RDS_SECRETS_ENDPOINT: 'http://127.0.0.1:1',
    });
    expect(out.code).toBe(1);
    expect(out.stdout).toMatch(
      /failed\s+Secrets Manager DescribeSecret for rds\/.* failed/,
    );
  });

  it('serializes runs from separate processes: three at once, one creates', async () => {
    const env = uniqueEnv('par');
    const app = uniqueApp('par');
    write('par.tfvars', `application_databases = { ${app} = {} }\n`);
    const runs = await Promise.all(
      [1, 2, 3].map(() => run(env, ['--file', 'par.tfvars'], ungated)),
    );
    expect(runs.map(r => r.code)).toEqual([0, 0, 0]);
    const outcomes = csv(env)
      .slice(1)
      .map(l => l.split(',')[11])
      .sort();
    expect(outcomes).toEqual(['created', 'no_change', 'no_change']);
  });
  describe('first steps', () => {
    const appsFile = () => {
      write(
        'first.tfvars',
        `application_databases = ["${uniqueApp('first')}"]\n`,
      );
      return ['--file', 'first.tfvars'];
    };
    const noStack = (text: string) => expect(text).not.toMatch(/^\s+at /m);

    it('runs from the repository root as `yarn rds-provision`', async () => {
      // The root script, through the repo's Yarn release, from a folder that is no workspace.
      const root = path.resolve(__dirname, '../../../..');
      const yarn = path.join(root, '.yarn/releases/yarn-4.13.0.cjs');
      const child = spawn(process.execPath, [yarn, 'rds-provision', '--help'], {
        cwd: path.join(root, 'docs'),
        env: { PATH: process.env.PATH, HOME: process.env.HOME },
      });
      let stdout = '';
      child.stdout.on('data', d => (stdout += d));
      const code = await new Promise(resolve => child.on('exit', resolve));
      expect(code).toBe(0);
      expect(stdout).toContain('Usage: rds-provision --env <name>');
    });

    it('dry-runs against a local Secrets Manager endpoint without AWS credentials, marked dry_run=true in the audit', async () => {
      const env = uniqueEnv('dry');
      const { AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, ...withoutKeys } =
        baseEnv;
      const out = await run(env, [...appsFile(), '--dry-run'], withoutKeys);
      expect(out.stderr).toBe('');
      expect(out.code).toBe(0);
      expect(out.stdout).toContain('Totals: planned 1');
      expect(out.stdout).toContain(
        '(a dry run: recorded with dry_run=true, nothing was changed)',
      );
      expect(
        csv(env)
          .slice(1)
          .map(l => l.split(',').slice(11, 13).join(',')),
      ).toEqual(['planned,true']);
    });

    it('says which variables to set when there are no AWS credentials for a remote endpoint, without a stack', async () => {
      const { AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, ...withoutKeys } =
        baseEnv;
      const out = await run(uniqueEnv('cred'), [...appsFile(), '--dry-run'], {
        ...withoutKeys,
        RDS_SECRETS_ENDPOINT: 'https://secretsmanager.example.invalid',
        // No shared config from the machine, no instance metadata to wait for.
        HOME: mkdtempSync(path.join(os.tmpdir(), 'rds-cli-home-')),
        AWS_EC2_METADATA_DISABLED: 'true',
      });
      expect(out.code).toBe(1);
      expect(out.stderr).toContain(
        'rds-provision: no AWS credentials for the Secrets Manager endpoint https://secretsmanager.example.invalid',
      );
      expect(out.stderr).toContain(
        'Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY',
      );
      noStack(out.stderr);
    });

    it("applies the backend's TLS rule: no plain connection for an environment that is not dev, on this machine too", async () => {
      const env = uniqueEnv('tls');
      const notDev = { ...baseEnv, RDS_DEV: undefined };
      const unset = await run(env, appsFile(), notDev);
      expect(unset.code).toBe(1);
      expect(unset.stderr).toContain(
        'rds-provision: RDS_SSL_CA_FILE is required with ssl.mode verify-full',
      );
      expect(unset.stderr).toContain('RDS_SSL_MODE is unset: verify-full');

      const plain = await run(env, appsFile(), {
        ...notDev,
        RDS_SSL_MODE: 'disable',
      });
      expect(plain.code).toBe(1);
      expect(plain.stderr).toContain(
        "rds-provision: RDS_SSL_MODE must be verify-full outside dev environments (got 'disable')",
      );
      for (const out of [unset, plain]) noStack(out.stderr);
      // Refused before anything ran: no audit line either.
      expect(() => csv(env)).toThrow(/ENOENT/);
    });
  });
});
