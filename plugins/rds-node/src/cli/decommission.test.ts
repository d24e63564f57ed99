import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { auditCsvLines, cliEnv, runCli } from '../__testUtils__/cli';
import {
  appObjects,
  testSecretsClient,
  testTargets,
  uniqueApp,
  uniqueEnv,
} from '../__testUtils__/targets';

jest.setTimeout(60_000);

const target = testTargets()[0];

describe('rds-provision --decommission', () => {
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'rds-cli-dc-'));
  const secretsManager = testSecretsClient();
  const env = uniqueEnv('cld');
  const vars = { ...cliEnv(target), RDS_REQUIRES_APPROVAL: 'false' };
  const [gone, kept] = [uniqueApp('gone'), uniqueApp('kept')];

  beforeAll(async () => {
    writeFileSync(
      path.join(cwd, 'terraform.tfvars'),
      `application_databases = {\n  ${gone} = {}\n  ${kept} = {}\n}\n`,
    );
    const made = await runCli(['--env', env], vars, cwd);
    if (made.code !== 0) throw new Error(`provisioning failed: ${made.stderr}`);
  });

  it('decommissions only the app named by the flag, after a dry run that changes nothing; a second run changes nothing', async () => {
    const deleting = { ...vars, RDS_CLEANUP_POLICY: 'delete' };
    const dry = await runCli(
      ['--env', env, '--decommission', gone, '--policy', 'delete', '--dry-run'],
      deleting,
      cwd,
    );
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`${gone}: planned (dry run), policy delete`);
    expect(dry.stdout).toContain(`drops: database ${gone}_${env}_db`);
    expect(
      (await appObjects(target, secretsManager, gone, env)).databases,
    ).toHaveLength(1);

    const run = await runCli(
      ['--env', env, '--decommission', gone, '--policy', 'delete'],
      deleting,
      cwd,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/deleted\s+database\.drop/);
    expect(run.stdout).toMatch(/secret restorable until: \d{4}-/);
    expect(await appObjects(target, secretsManager, gone, env)).toMatchObject({
      roles: [],
      databases: [],
    });
    // The other app of the same file is untouched.
    expect(
      (await appObjects(target, secretsManager, kept, env)).roles,
    ).toHaveLength(4);

    const again = await runCli(
      ['--env', env, '--decommission', gone, '--policy', 'delete'],
      deleting,
      cwd,
    );
    expect(again.stdout).toContain(`${gone}: no_change`);
    const csv = auditCsvLines(cwd, env);
    expect(csv.some(l => l.includes(`database.drop=deleted`))).toBe(true);
  });

  it('exits 2 when the policy goes beyond RDS_CLEANUP_POLICY (default retain), and 1 for a bad policy', async () => {
    const beyond = await runCli(
      ['--env', env, '--decommission', kept, '--policy', 'delete'],
      vars,
      cwd,
    );
    expect(beyond.code).toBe(2);
    expect(beyond.stdout).toContain(
      `allows decommission policies up to "retain"`,
    );
    expect(
      (await appObjects(target, secretsManager, kept, env)).databases,
    ).toHaveLength(1);
    const bad = await runCli(
      ['--env', env, '--decommission', kept, '--policy', 'drop'],
      vars,
      cwd,
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(
      '--policy must be one of retain, snapshot-and-delete, delete',
    );
  });
});
