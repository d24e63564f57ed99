import { cliSuite } from '../__testUtils__/cli';
import { appObjects, uniqueApp, uniqueEnv } from '../__testUtils__/targets';

describe('rds-provision --decommission', () => {
  const suite = cliSuite('rds-cli-dc-');
  const { target, secretsManager } = suite;
  const env = uniqueEnv('cld');
  const vars = { ...suite.vars, RDS_REQUIRES_APPROVAL: 'false' };
  const [gone, kept] = [uniqueApp('gone'), uniqueApp('kept')];
  /** `--decommission app --policy policy` in the suite's folder. */
  const decommission = (
    app: string,
    policy: string,
    withVars: Record<string, string>,
  ) => suite.run(env, ['--decommission', app, '--policy', policy], withVars);

  beforeAll(async () => {
    suite.write(
      'terraform.tfvars',
      `application_databases = {\n  ${gone} = {}\n  ${kept} = {}\n}\n`,
    );
    const made = await suite.run(env, [], vars);
    if (made.code !== 0) throw new Error(`provisioning failed: ${made.stderr}`);
  });

  it('decommissions only the app named by the flag, after a dry run that changes nothing; a second run changes nothing', async () => {
    const deleting = { ...vars, RDS_CLEANUP_POLICY: 'delete' };
    const dry = await suite.run(
      env,
      ['--decommission', gone, '--policy', 'delete', '--dry-run'],
      deleting,
    );
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`${gone}: planned (dry run), policy delete`);
    expect(dry.stdout).toContain(`drops: database ${gone}_${env}_db`);
    expect(
      (await appObjects(target, secretsManager, gone, env)).databases,
    ).toHaveLength(1);

    const run = await decommission(gone, 'delete', deleting);
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

    const again = await decommission(gone, 'delete', deleting);
    expect(again.stdout).toContain(`${gone}: no_change`);
    const csv = suite.csv(env);
    expect(csv.some(l => l.includes(`database.drop=deleted`))).toBe(true);
  });

  it('exits 2 when the policy goes beyond RDS_CLEANUP_POLICY (default retain), and 1 for a bad policy', async () => {
    const beyond = await decommission(kept, 'delete', vars);
    expect(beyond.code).toBe(2);
    expect(beyond.stdout).toContain(
      `allows decommission policies up to "retain"`,
    );
    expect(
      (await appObjects(target, secretsManager, kept, env)).databases,
    ).toHaveLength(1);
    const bad = await decommission(kept, 'drop', vars);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(
      '--policy must be one of retain, snapshot-and-delete, delete',
    );
  });
});
