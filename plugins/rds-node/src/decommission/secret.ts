import {
  DeleteSecretCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { SecretStoreError } from '../secrets/SecretsManagerStore';

/**
 * Schedules a secret's deletion with a recovery window (7-30 days): until then
 * `RestoreSecret` brings it back. Resolves to the date it is purged.
 */
export async function scheduleSecretDeletion(
  client: SecretsManagerClient,
  name: string,
  recoveryDays: number,
): Promise<Date> {
  try {
    const out = await client.send(
      new DeleteSecretCommand({
        SecretId: name,
        RecoveryWindowInDays: recoveryDays,
      }),
    );
    return out.DeletionDate ?? new Date(Date.now() + recoveryDays * 86_400_000);
  } catch (error) {
    throw new SecretStoreError('DeleteSecret', name, error);
  }
}
