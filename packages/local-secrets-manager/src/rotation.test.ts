import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetRandomPasswordCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  RotateSecretCommand,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RotationHandler } from './operations/rotation';
import { LocalSecretsManager, startLocalSecretsManager } from './server';

const ARN = 'arn:aws:lambda:us-east-1:000000000000:function:rotate';

describe('local secrets manager rotation', () => {
  let server: LocalSecretsManager;
  let sm: SecretsManagerClient;
  const steps: string[] = [];
  let failOn: string | undefined;
  const dataFile = join(mkdtempSync(join(tmpdir(), 'lsm-rot-')), 'data.json');

  // A rotation function that does what AWS's do with the labels, and records its steps.
  const handler: RotationHandler = async event => {
    steps.push(event.Step);
    if (event.Step === failOn) throw new Error(`${event.Step} refused`);
    const id = event.SecretId;
    const token = event.ClientRequestToken;
    if (event.Step === 'createSecret') {
      await sm.send(
        new PutSecretValueCommand({
          SecretId: id,
          ClientRequestToken: token,
          SecretString: 'rotated',
          VersionStages: ['AWSPENDING'],
        }),
      );
    }
    if (event.Step === 'finishSecret') {
      const meta = await sm.send(new DescribeSecretCommand({ SecretId: id }));
      const current = Object.entries(meta.VersionIdsToStages!).find(([, s]) =>
        s.includes('AWSCURRENT'),
      )![0];
      await sm.send(
        new UpdateSecretVersionStageCommand({
          SecretId: id,
          VersionStage: 'AWSCURRENT',
          MoveToVersionId: token,
          RemoveFromVersionId: current,
        }),
      );
    }
  };

  beforeAll(async () => {
    server = await startLocalSecretsManager({
      dataFile,
      rotationFunctions: { [ARN]: handler },
    });
    sm = new SecretsManagerClient({
      endpoint: server.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
  });
  afterAll(async () => {
    sm.destroy();
    await server.close();
  });
  beforeEach(() => {
    steps.length = 0;
    failOn = undefined;
  });

  const create = async (name: string) =>
    sm.send(new CreateSecretCommand({ Name: name, SecretString: 'first' }));
  const stages = async (name: string) =>
    (await sm.send(new DescribeSecretCommand({ SecretId: name })))
      .VersionIdsToStages!;

  it('runs the four steps: AWSPENDING before createSecret, then AWSCURRENT and AWSPREVIOUS', async () => {
    const created = await create('rot/a');
    const out = await sm.send(
      new RotateSecretCommand({
        SecretId: 'rot/a',
        RotationLambdaARN: ARN,
        RotationRules: { AutomaticallyAfterDays: 30 },
      }),
    );
    await server.waitForRotations();
    expect(steps).toEqual([
      'createSecret',
      'setSecret',
      'testSecret',
      'finishSecret',
    ]);
    expect(await stages('rot/a')).toEqual({
      [created.VersionId!]: ['AWSPREVIOUS'],
      [out.VersionId!]: ['AWSCURRENT'],
    });
    const current = await sm.send(
      new GetSecretValueCommand({ SecretId: 'rot/a' }),
    );
    expect(current.SecretString).toBe('rotated');
    const described = await sm.send(
      new DescribeSecretCommand({ SecretId: 'rot/a' }),
    );
    expect(described).toMatchObject({
      RotationEnabled: true,
      RotationLambdaARN: ARN,
      RotationRules: { AutomaticallyAfterDays: 30 },
    });
    expect(
      described.NextRotationDate!.getTime() -
        described.LastRotatedDate!.getTime(),
    ).toBe(30 * 86_400_000);
    // Saved, rotation state included.
    const saved = JSON.parse(readFileSync(dataFile, 'utf8'));
    expect(
      saved.secrets.find((s: { name: string }) => s.name === 'rot/a').rotation,
    ).toMatchObject({ enabled: true, lambdaArn: ARN, afterDays: 30 });
  });

  it('configures without rotating when RotateImmediately is false, then rotates with the stored function', async () => {
    await create('rot/b');
    await sm.send(
      new RotateSecretCommand({
        SecretId: 'rot/b',
        RotationLambdaARN: ARN,
        RotationRules: { AutomaticallyAfterDays: 7 },
        RotateImmediately: false,
      }),
    );
    await server.waitForRotations();
    expect(steps).toEqual([]);
    await sm.send(new RotateSecretCommand({ SecretId: 'rot/b' }));
    await server.waitForRotations();
    expect(steps).toHaveLength(4);
  });

  it('a failed step leaves AWSPENDING, the value unchanged, and refuses the next rotation', async () => {
    await create('rot/c');
    failOn = 'testSecret';
    const out = await sm.send(
      new RotateSecretCommand({ SecretId: 'rot/c', RotationLambdaARN: ARN }),
    );
    await server.waitForRotations();
    expect(steps).toEqual(['createSecret', 'setSecret', 'testSecret']);
    expect((await stages('rot/c'))[out.VersionId!]).toEqual(['AWSPENDING']);
    expect(
      (await sm.send(new GetSecretValueCommand({ SecretId: 'rot/c' })))
        .SecretString,
    ).toBe('first');
    await expect(
      sm.send(new RotateSecretCommand({ SecretId: 'rot/c' })),
    ).rejects.toMatchObject({
      name: 'InvalidRequestException',
      message:
        "A previous rotation isn't complete. That rotation will be reattempted.",
    });
  });

  it.each([
    [
      { SecretId: 'rot/d' },
      'InvalidRequestException',
      'No Lambda rotation function ARN is associated with this secret.',
    ],
    [
      { SecretId: 'rot/d', RotationLambdaARN: `${ARN}-unknown` },
      'InvalidRequestException',
      `Secrets Manager cannot invoke the specified Lambda function ${ARN}-unknown.`,
    ],
    [
      {
        SecretId: 'rot/d',
        RotationLambdaARN: ARN,
        RotationRules: { AutomaticallyAfterDays: 0 },
      },
      'InvalidParameterException',
      'AutomaticallyAfterDays must be between 1 and 1000.',
    ],
  ])(
    'refuses RotateSecret %j and configures nothing',
    async (input, name, message) => {
      await create('rot/d').catch(() => {});
      await expect(
        sm.send(new RotateSecretCommand(input)),
      ).rejects.toMatchObject({
        name,
        message: expect.stringContaining(message),
      });
      expect(
        (await sm.send(new DescribeSecretCommand({ SecretId: 'rot/d' })))
          .RotationEnabled,
      ).toBe(false);
      expect(steps).toEqual([]);
    },
  );

  it('UpdateSecretVersionStage refuses to move AWSCURRENT without naming its version', async () => {
    const first = await create('rot/e');
    const second = await sm.send(
      new PutSecretValueCommand({
        SecretId: 'rot/e',
        SecretString: 'pending',
        VersionStages: ['AWSPENDING'],
      }),
    );
    await expect(
      sm.send(
        new UpdateSecretVersionStageCommand({
          SecretId: 'rot/e',
          VersionStage: 'AWSCURRENT',
          MoveToVersionId: second.VersionId,
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringContaining(
        `Staging label AWSCURRENT is currently attached to version ${first.VersionId}`,
      ),
    });
    expect(await stages('rot/e')).toEqual({
      [first.VersionId!]: ['AWSCURRENT'],
      [second.VersionId!]: ['AWSPENDING'],
    });
  });

  it('GetRandomPassword follows the length, exclusions and one of each type', async () => {
    for (let i = 0; i < 20; i++) {
      const { RandomPassword } = await sm.send(
        new GetRandomPasswordCommand({
          PasswordLength: 12,
          ExcludeCharacters: ':/@"\'\\',
        }),
      );
      expect(RandomPassword).toHaveLength(12);
      expect(RandomPassword).not.toMatch(/[:/@"'\\]/);
      expect(RandomPassword).toMatch(/[a-z]/);
      expect(RandomPassword).toMatch(/[A-Z]/);
      expect(RandomPassword).toMatch(/[0-9]/);
      expect(RandomPassword).toMatch(/[^a-zA-Z0-9]/);
    }
  });
});
