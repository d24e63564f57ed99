// The operations that write a secret or its value: CreateSecret, PutSecretValue, UpdateSecret.
import { invalidParameter, invalidRequest, ServiceError } from '../errors.ts';
import {
  addVersion,
  ARN_PREFIX,
  CURRENT,
  mergeTags,
  purgeExpired,
  randomSuffix,
} from '../store.ts';
import type { Secret, Secrets } from '../store.ts';
import {
  findLiveSecret,
  readList,
  readSecretString,
  readString,
} from './input.ts';
import type { Operations } from './input.ts';

export function writeOperations(secrets: Secrets): Operations {
  return {
    CreateSecret(input) {
      purgeExpired(secrets);
      const name = readString(input, 'Name', true)!;
      if (!/^[A-Za-z0-9/_+=.@-]{1,512}$/.test(name)) {
        throw invalidParameter(
          'Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!',
        );
      }
      const secretString = readSecretString(input);
      const token = readString(input, 'ClientRequestToken');
      const existing = secrets.get(name);
      if (existing?.deleted !== undefined) {
        throw invalidRequest(
          "You can't create this secret because a secret with this name is already scheduled for deletion.",
        );
      }
      // The SDK retries with the same token: answer a retry like the original request.
      if (existing && token && existing.createToken === token) {
        const version = existing.versions.find(v => v.id === token);
        return { ARN: existing.arn, Name: name, VersionId: version?.id };
      }
      if (existing) {
        throw new ServiceError(
          'ResourceExistsException',
          `The operation failed because the secret ${name} already exists.`,
        );
      }
      const tags = readList(input, 'Tags', t => typeof t?.Key === 'string');
      const secret: Secret = {
        arn: `${ARN_PREFIX}${name}-${randomSuffix()}`,
        name,
        description: readString(input, 'Description'),
        kmsKeyId: readString(input, 'KmsKeyId'),
        tags: mergeTags([], tags),
        created: Date.now(),
        changed: Date.now(),
        createToken: token,
        versions: [],
      };
      const version =
        secretString === undefined
          ? undefined
          : addVersion(secret, secretString, token, [CURRENT]);
      secrets.set(name, secret);
      return { ARN: secret.arn, Name: name, VersionId: version?.id };
    },

    PutSecretValue(input) {
      const secret = findLiveSecret(secrets, input);
      const secretString = readSecretString(input);
      if (secretString === undefined) {
        throw invalidParameter('You must provide SecretString.');
      }
      const stages = input.VersionStages ?? [CURRENT];
      readList(input, 'VersionStages', s => typeof s === 'string');
      const token = readString(input, 'ClientRequestToken');
      const version = addVersion(secret, secretString, token, stages);
      return {
        ARN: secret.arn,
        Name: secret.name,
        VersionId: version.id,
        VersionStages: version.stages,
      };
    },

    UpdateSecret(input) {
      const secret = findLiveSecret(secrets, input);
      const secretString = readSecretString(input);
      const token = readString(input, 'ClientRequestToken');
      const description = readString(input, 'Description');
      const kmsKeyId = readString(input, 'KmsKeyId');
      // The version first: it is the only step that can still be refused.
      const version =
        secretString === undefined
          ? undefined
          : addVersion(secret, secretString, token, [CURRENT]);
      secret.description = description ?? secret.description;
      secret.kmsKeyId = kmsKeyId ?? secret.kmsKeyId;
      secret.changed = Date.now();
      return { ARN: secret.arn, Name: secret.name, VersionId: version?.id };
    },
  };
}
