import { RdsProvisioner } from '../provisioner/RdsProvisioner';
import {
  describeOnTargets,
  testEnvironment,
  testSecretsClient,
  uniqueApp,
  uniqueEnv,
} from '../__testUtils__/targets';

/**
 * A database made under another instance name (the CLI named it by its host) shows drift in
 * the backend's status: the secret's dbInstanceIdentifier. The drift says what is, never a
 * value the status only planned (a new secret version id is made for every plan).
 */
describeOnTargets('drift text', target => {
  const env = uniqueEnv('dt');
  const secretsManager = testSecretsClient();
  const provisionerNamed = (name: string) => {
    const environment = testEnvironment(target, { name: env });
    return new RdsProvisioner({
      environment: {
        ...environment,
        instance: { ...environment.instance, name },
      },
      secretsManager,
    });
  };
  const cli = provisionerNamed('127.0.0.1');
  const backend = provisionerNamed('embedded-postgres-17');
  afterAll(() => Promise.all([cli.close(), backend.close()]));

  it('is the same on every page load and names only what exists', async () => {
    const app = uniqueApp('dt');
    await cli.apply(
      { appName: app, environment: env, accessLevel: 'owner' },
      { runId: 'cli-1', actor: 'ci' },
    );

    const first = await backend.status(app);
    const second = await backend.status(app);

    expect(first.drift).toEqual(second.drift);
    expect(first.drift).toEqual(
      expect.arrayContaining([
        expect.stringContaining(
          'fields dbInstanceIdentifier differ from the instance',
        ),
      ]),
    );
    // No version id: the only one a plan could name is the one it would write.
    expect(first.drift.join('\n')).not.toMatch(
      /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/,
    );
  });
});
