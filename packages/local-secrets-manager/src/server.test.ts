import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  PutSecretValueCommand,
  RestoreSecretCommand,
  SecretsManagerClient,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateSecretCommand,
} from '@aws-sdk/client-secrets-manager';
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalSecretsManager, startLocalSecretsManager } from './server';

const clients: SecretsManagerClient[] = [];

/** A secret's AWSCURRENT and AWSPREVIOUS values and its description, as read back. */
async function versionsOf(sm: SecretsManagerClient, id: string) {
  return {
    current: await sm.send(new GetSecretValueCommand({ SecretId: id })),
    previous: await sm.send(
      new GetSecretValueCommand({ SecretId: id, VersionStage: 'AWSPREVIOUS' }),
    ),
    described: await sm.send(new DescribeSecretCommand({ SecretId: id })),
  };
}

function clientFor(server: LocalSecretsManager, maxAttempts?: number) {
  const client = new SecretsManagerClient({
    endpoint: server.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts,
  });
  clients.push(client);
  return client;
}

describe('local secrets manager', () => {
  let server: LocalSecretsManager;
  let sm: SecretsManagerClient;
  const logLines: string[] = [];

  beforeEach(async () => {
    logLines.length = 0;
    server = await startLocalSecretsManager({ logger: l => logLines.push(l) });
    sm = clientFor(server);
  });

  afterEach(async () => {
    clients.splice(0).forEach(c => c.destroy());
    await server.close();
  });

  it('creates, reads, versions and describes a secret', async () => {
    const created = await sm.send(
      new CreateSecretCommand({
        Name: 'rds/dev/payments',
        SecretString: '{"password":"first"}',
        Description: 'payments db',
        KmsKeyId: 'alias/rds-secrets',
        Tags: [{ Key: 'team', Value: 'payments' }],
      }),
    );
    expect(created.ARN).toMatch(
      /^arn:aws:secretsmanager:us-east-1:000000000000:secret:rds\/dev\/payments-[A-Za-z0-9]{6}$/,
    );
    expect(created.VersionId).toMatch(/^[0-9a-f-]{36}$/);

    const byArn = await sm.send(
      new GetSecretValueCommand({ SecretId: created.ARN }),
    );
    expect(byArn).toMatchObject({
      Name: 'rds/dev/payments',
      SecretString: '{"password":"first"}',
      VersionId: created.VersionId,
      VersionStages: ['AWSCURRENT'],
    });

    const put = await sm.send(
      new PutSecretValueCommand({
        SecretId: 'rds/dev/payments',
        SecretString: '{"password":"second"}',
      }),
    );
    const { current, previous, described } = await versionsOf(
      sm,
      'rds/dev/payments',
    );
    expect(current.SecretString).toBe('{"password":"second"}');
    expect(previous.SecretString).toBe('{"password":"first"}');

    expect(described).toMatchObject({
      ARN: created.ARN,
      Description: 'payments db',
      KmsKeyId: 'alias/rds-secrets',
      Tags: [{ Key: 'team', Value: 'payments' }],
      VersionIdsToStages: {
        [created.VersionId!]: ['AWSPREVIOUS'],
        [put.VersionId!]: ['AWSCURRENT'],
      },
    });
    expect(described.CreatedDate).toBeInstanceOf(Date);
    expect(described.LastChangedDate).toBeInstanceOf(Date);

    await sm.send(
      new UpdateSecretCommand({
        SecretId: created.ARN,
        Description: 'payments database',
        SecretString: '{"password":"third"}',
      }),
    );
    const updated = await sm.send(
      new GetSecretValueCommand({ SecretId: 'rds/dev/payments' }),
    );
    expect(updated.SecretString).toBe('{"password":"third"}');
  });

  it('never logs secret values', async () => {
    await sm.send(
      new CreateSecretCommand({ Name: 'quiet', SecretString: 'hunter2' }),
    );
    await sm.send(new GetSecretValueCommand({ SecretId: 'quiet' }));
    expect(logLines).toEqual([
      'CreateSecret quiet 200',
      'GetSecretValue quiet 200',
    ]);
    expect(logLines.join('\n')).not.toContain('hunter2');
  });

  it('treats a retried request with the same token as the same request', async () => {
    const token = 'c0ffee00-0000-4000-8000-000000000001';
    const input = {
      Name: 'retried',
      SecretString: 'v1',
      ClientRequestToken: token,
    };
    const first = await sm.send(new CreateSecretCommand(input));
    const again = await sm.send(new CreateSecretCommand(input));
    expect(again).toMatchObject({ ARN: first.ARN, VersionId: token });

    const put = {
      SecretId: 'retried',
      SecretString: 'v2',
      ClientRequestToken: `${token}2`,
    };
    await sm.send(new PutSecretValueCommand(put));
    await sm.send(new PutSecretValueCommand(put));
    const described = await sm.send(
      new DescribeSecretCommand({ SecretId: 'retried' }),
    );
    expect(Object.keys(described.VersionIdsToStages!)).toHaveLength(2);

    await expect(
      sm.send(new PutSecretValueCommand({ ...put, SecretString: 'other' })),
    ).rejects.toMatchObject({ name: 'ResourceExistsException' });
  });

  it('adds and removes tags', async () => {
    await sm.send(
      new CreateSecretCommand({
        Name: 'tagged',
        SecretString: 'x',
        Tags: [{ Key: 'a', Value: '1' }],
      }),
    );
    await sm.send(
      new TagResourceCommand({
        SecretId: 'tagged',
        Tags: [
          { Key: 'a', Value: '2' },
          { Key: 'b', Value: '3' },
        ],
      }),
    );
    await sm.send(
      new UntagResourceCommand({ SecretId: 'tagged', TagKeys: ['b'] }),
    );
    const described = await sm.send(
      new DescribeSecretCommand({ SecretId: 'tagged' }),
    );
    expect(described.Tags).toEqual([{ Key: 'a', Value: '2' }]);
  });

  it('lists secrets with filters and pagination', async () => {
    for (const [name, env] of [
      ['rds/dev/a', 'dev'],
      ['rds/dev/b', 'dev'],
      ['rds/prod/c', 'prod'],
    ]) {
      await sm.send(
        new CreateSecretCommand({
          Name: name,
          SecretString: 'x',
          Tags: [{ Key: 'environment', Value: env }],
        }),
      );
    }
    const names = async (Filters: { Key: any; Values: string[] }[]) =>
      (
        await sm.send(new ListSecretsCommand({ Filters, SortOrder: 'asc' }))
      ).SecretList!.map(s => s.Name);

    expect(await names([{ Key: 'name', Values: ['rds/dev/'] }])).toEqual([
      'rds/dev/a',
      'rds/dev/b',
    ]);
    expect(await names([{ Key: 'tag-value', Values: ['prod'] }])).toEqual([
      'rds/prod/c',
    ]);
    expect(
      await names([
        { Key: 'tag-key', Values: ['environment'] },
        { Key: 'name', Values: ['!rds/dev/a'] },
      ]),
    ).toEqual(['rds/dev/b', 'rds/prod/c']);

    const seen: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await sm.send(
        new ListSecretsCommand({ MaxResults: 2, NextToken }),
      );
      expect(page.SecretList!.length).toBeLessThanOrEqual(2);
      seen.push(...page.SecretList!.map(s => s.Name!));
      NextToken = page.NextToken;
    } while (NextToken);
    expect(seen).toEqual(['rds/prod/c', 'rds/dev/b', 'rds/dev/a']);
  });

  it('schedules deletion, refuses reads until restored, and force-deletes', async () => {
    await sm.send(
      new CreateSecretCommand({ Name: 'doomed', SecretString: 'x' }),
    );
    const deleted = await sm.send(
      new DeleteSecretCommand({ SecretId: 'doomed', RecoveryWindowInDays: 7 }),
    );
    expect(deleted.DeletionDate!.getTime()).toBeGreaterThan(
      Date.now() + 6 * 24 * 3600 * 1000,
    );
    await expect(
      sm.send(new GetSecretValueCommand({ SecretId: 'doomed' })),
    ).rejects.toMatchObject({
      name: 'InvalidRequestException',
      message: expect.stringContaining('marked for deletion'),
    });
    await expect(
      sm.send(new CreateSecretCommand({ Name: 'doomed', SecretString: 'y' })),
    ).rejects.toMatchObject({ name: 'InvalidRequestException' });
    const listed = await sm.send(new ListSecretsCommand({}));
    expect(listed.SecretList).toEqual([]);

    await sm.send(new RestoreSecretCommand({ SecretId: 'doomed' }));
    const restored = await sm.send(
      new GetSecretValueCommand({ SecretId: 'doomed' }),
    );
    expect(restored.SecretString).toBe('x');

    await sm.send(
      new DeleteSecretCommand({
        SecretId: 'doomed',
        ForceDeleteWithoutRecovery: true,
      }),
    );
    await expect(
      sm.send(new DescribeSecretCommand({ SecretId: 'doomed' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('answers bad requests with AWS-shaped errors and changes nothing', async () => {
    await sm.send(
      new CreateSecretCommand({ Name: 'taken', SecretString: 'x' }),
    );
    await expect(
      sm.send(new CreateSecretCommand({ Name: 'taken', SecretString: 'y' })),
    ).rejects.toMatchObject({
      name: 'ResourceExistsException',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(
      sm.send(
        new CreateSecretCommand({ Name: 'bad name!', SecretString: 'y' }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(
      sm.send(
        new DeleteSecretCommand({
          SecretId: 'taken',
          ForceDeleteWithoutRecovery: true,
          RecoveryWindowInDays: 7,
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(
      sm.send(new GetSecretValueCommand({ SecretId: 'missing' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: "Secrets Manager can't find the specified secret.",
    });
    const value = await sm.send(
      new GetSecretValueCommand({ SecretId: 'taken' }),
    );
    expect(value.SecretString).toBe('x');
    const listed = await sm.send(new ListSecretsCommand({}));
    expect(listed.SecretList!.map(s => s.Name)).toEqual(['taken']);

    const raw = await fetch(server.endpoint, {
      method: 'POST',
      headers: {
        authorization: 'AWS4-HMAC-SHA256 Credential=test/...',
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'secretsmanager.GetSecretValue',
      },
      body: JSON.stringify({ SecretId: 'missing' }),
    });
    expect(raw.status).toBe(400);
    expect(raw.headers.get('x-amzn-errortype')).toBe(
      'ResourceNotFoundException',
    );
    expect(await raw.json()).toEqual({
      __type: 'ResourceNotFoundException',
      message: "Secrets Manager can't find the specified secret.",
    });
  });

  it('requires an Authorization header', async () => {
    const response = await fetch(server.endpoint, {
      method: 'POST',
      headers: { 'x-amz-target': 'secretsmanager.ListSecrets' },
      body: '{}',
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({
      __type: 'MissingAuthenticationTokenException',
    });
  });

  it('lets the SDK retry injected throttling until it gives up', async () => {
    await sm.send(new CreateSecretCommand({ Name: 'busy', SecretString: 'x' }));

    server.injectFault({
      operation: 'GetSecretValue',
      error: 'ThrottlingException',
      times: 2,
    });
    const value = await sm.send(
      new GetSecretValueCommand({ SecretId: 'busy' }),
    );
    expect(value.SecretString).toBe('x');
    expect(value.$metadata.attempts).toBe(3);
    expect(server.requestCount('GetSecretValue')).toBe(3);

    server.injectFault({ error: 'ThrottlingException', times: 10 });
    await expect(
      sm.send(new GetSecretValueCommand({ SecretId: 'busy' })),
    ).rejects.toMatchObject({
      name: 'ThrottlingException',
      $metadata: { httpStatusCode: 400, attempts: 3 },
    });
    expect(server.requestCount('GetSecretValue')).toBe(6);
    server.clearFaults();
    expect(server.requestCount()).toBe(7);
  }, 20_000);

  it('answers an internal fault with a 500 InternalServiceError', async () => {
    server.injectFault({
      operation: 'ListSecrets',
      error: 'InternalServiceError',
      times: 1,
    });
    await expect(
      clientFor(server, 1).send(new ListSecretsCommand({})),
    ).rejects.toMatchObject({
      name: 'InternalServiceError',
      $metadata: { httpStatusCode: 500 },
    });
    const listed = await sm.send(new ListSecretsCommand({}));
    expect(listed.SecretList).toEqual([]);
  });
});

describe('local secrets manager with a data file', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'local-secrets-manager-'));
  });

  afterEach(() => {
    clients.splice(0).forEach(c => c.destroy());
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps secrets across a restart', async () => {
    const dataFile = join(dir, 'nested', 'secrets.json');
    const first = await startLocalSecretsManager({ dataFile });
    const created = await clientFor(first).send(
      new CreateSecretCommand({
        Name: 'kept',
        SecretString: 'v1',
        Tags: [{ Key: 'owner', Value: 'me' }],
      }),
    );
    await clientFor(first).send(
      new PutSecretValueCommand({ SecretId: 'kept', SecretString: 'v2' }),
    );
    await first.close();
    expect(statSync(dataFile).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(dir, 'nested'))).toEqual(['secrets.json']);
    expect(JSON.parse(readFileSync(dataFile, 'utf8')).secrets).toHaveLength(1);

    const second = await startLocalSecretsManager({ dataFile });
    try {
      const sm = clientFor(second);
      const { current, previous, described } = await versionsOf(sm, 'kept');
      expect(current).toMatchObject({ ARN: created.ARN, SecretString: 'v2' });
      expect(previous.SecretString).toBe('v1');
      expect(described.Tags).toEqual([{ Key: 'owner', Value: 'me' }]);
    } finally {
      await second.close();
    }
  });
});
