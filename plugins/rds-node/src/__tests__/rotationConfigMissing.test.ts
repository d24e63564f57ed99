import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  RotateSecretCommand,
} from '@aws-sdk/client-secrets-manager';
import type { RotationStrategy } from '../config/types';
import { RdsProvisioner } from '../provisioner/RdsProvisioner';
import {
  dropRotatingApp,
  rotatingApp,
  rotatingSecretsManager,
} from '../__testUtils__/rotation';
import {
  describeOnTargets,
  urlFor,
  withClient,
} from '../__testUtils__/targets';

const ctx = { runId: 'rotation-config', actor: 'user:default/test' };

// A run whose environment has no `secrets.rotation` (a CLI on environment variables, or a
// backend whose config lost the block) on a secret that Secrets Manager rotates: writing the
// secret or the login's password would fight the rotation function, and with alternating users
// would hand the credentials back to the login the function just retired. It blocks instead.
describeOnTargets(
  'a rotated secret and an environment without rotation',
  target => {
    const sm = rotatingSecretsManager();

    it.each<[RotationStrategy, boolean]>([
      ['alternating-users', false],
      ['single-user', true],
    ])(
      '%s (rotatePassword: %s): blocked with the fix, the secret and both logins untouched',
      async (strategy, rotatePassword) => {
        const { env, environment, provisioner, app, base, secretName } =
          await rotatingApp(target, sm, strategy, 'rotcfg');
        const { rotation: _rotation, ...secrets } = environment.secrets;
        const withoutRotation = new RdsProvisioner({
          environment: { ...environment, secrets },
          secretsManager: sm.client(),
        });
        const request = {
          appName: app,
          environment: env,
          accessLevel: 'editor' as const,
        };
        try {
          await provisioner.apply(request, ctx);
          await sm
            .client()
            .send(new RotateSecretCommand({ SecretId: secretName }));
          await sm.server().waitForRotations();
          const current = async () =>
            sm
              .client()
              .send(new GetSecretValueCommand({ SecretId: secretName }));
          const before = await current();

          const result = await withoutRotation.apply(
            { ...request, rotatePassword },
            ctx,
          );
          expect(result.outcome).toBe('blocked');
          const block = result.steps.find(s => s.id === 'secret');
          expect(block?.outcome).toBe('blocked');
          expect(block?.message).toBe(
            `secret ${secretName} is rotated by Secrets Manager (${
              (
                await sm
                  .client()
                  .send(new DescribeSecretCommand({ SecretId: secretName }))
              ).RotationLambdaARN
            }), but this environment has no secrets.rotation, so a run would overwrite what rotation maintains. ` +
              `Fix: configure secrets.rotation for ${env} as the backend has it (the CLI reads it with --config app-config.yaml), ` +
              `or turn rotation off for the secret (aws secretsmanager cancel-rotate-secret --secret-id ${secretName}); then re-run.`,
          );
          // The cause is the secret; the other steps are not run, nothing was applied.
          expect(
            result.steps.filter(
              s =>
                s.outcome !== 'no_change' && !s.message.startsWith('not run'),
            ),
          ).toEqual([block]);

          const after = await current();
          expect(after.VersionId).toBe(before.VersionId);
          const creds = JSON.parse(after.SecretString!);
          // The credentials rotation made still log in.
          await withClient(
            urlFor(target, creds.username, creds.password, creds.dbname),
            async c =>
              expect((await c.query('SELECT 1 AS one')).rows).toEqual([
                { one: 1 },
              ]),
          );
          expect((await withoutRotation.status(app)).blockedReason).toContain(
            'is rotated by Secrets Manager',
          );
        } finally {
          await withoutRotation.close();
          await provisioner.close();
          await dropRotatingApp(target, base);
        }
      },
      30_000,
    );
  },
);
