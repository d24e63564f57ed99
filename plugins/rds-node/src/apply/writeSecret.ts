import type { SecretWrite } from '../plan/types';
import type { SecretsManagerStore } from '../secrets/SecretsManagerStore';

/** Performs a planned secret write with the plan's password; returns the secret's ARN. */
export async function writeSecret(
  secrets: SecretsManagerStore,
  write: SecretWrite,
  password: () => string,
): Promise<{ arn?: string }> {
  if (write.op === 'create') {
    return secrets.create(
      write.name,
      { ...write.connection, password: password() },
      {
        versionId: write.versionId,
        tags: write.tags,
        kmsKeyId: write.kmsKeyId,
        description: write.description,
      },
    );
  }
  if (write.op === 'rotation') {
    await secrets.rotate(write.name, write);
    return { arn: write.arn };
  }
  // Value first: a failure after it leaves the secret ahead of the role, and the next run
  // brings the role to the secret (see the login role's secret-version).
  if (write.put) {
    await secrets.put(
      write.name,
      { ...write.put.connection, password: password() },
      write.put.versionId,
    );
  }
  if (write.tags) await secrets.tag(write.name, write.tags);
  return { arn: write.arn };
}
