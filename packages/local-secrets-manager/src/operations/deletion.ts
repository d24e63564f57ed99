// Scheduled deletion and its undo: DeleteSecret, RestoreSecret.
import { invalidParameter } from '../errors.ts';
import { assertNotDeleted } from '../store.ts';
import type { Secrets } from '../store.ts';
import { findSecret } from './input.ts';
import type { Operations } from './input.ts';
import { seconds } from './output.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export function deletionOperations(secrets: Secrets): Operations {
  return {
    DeleteSecret(input) {
      const secret = findSecret(secrets, input);
      const days = input.RecoveryWindowInDays;
      if (input.ForceDeleteWithoutRecovery === true) {
        if (days !== undefined) {
          throw invalidParameter(
            "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.",
          );
        }
        secrets.delete(secret.name);
        const DeletionDate = seconds(Date.now());
        return { ARN: secret.arn, Name: secret.name, DeletionDate };
      }
      if (
        days !== undefined &&
        !(Number.isInteger(days) && days >= 7 && days <= 30)
      ) {
        throw invalidParameter(
          'RecoveryWindowInDays must be between 7 and 30.',
        );
      }
      assertNotDeleted(secret);
      secret.deleted = Date.now();
      secret.purgeAt = secret.deleted + (days ?? 30) * DAY_MS;
      const DeletionDate = seconds(secret.purgeAt);
      return { ARN: secret.arn, Name: secret.name, DeletionDate };
    },

    RestoreSecret(input) {
      const secret = findSecret(secrets, input);
      secret.deleted = undefined;
      secret.purgeAt = undefined;
      secret.changed = Date.now();
      return { ARN: secret.arn, Name: secret.name };
    },
  };
}
