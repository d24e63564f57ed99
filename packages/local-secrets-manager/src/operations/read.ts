// The operations that only read: GetSecretValue, DescribeSecret, ListSecrets.
import { invalidParameter, notFound, ServiceError } from '../errors.ts';
import { CURRENT, purgeExpired } from '../store.ts';
import type { Secret, Secrets } from '../store.ts';
import { findLiveSecret, findSecret, readList, readString } from './input.ts';
import type { Json, Operations } from './input.ts';
import { describe, seconds, versionsToStages } from './output.ts';

export function readOperations(secrets: Secrets): Operations {
  return {
    GetSecretValue(input) {
      const secret = findLiveSecret(secrets, input);
      const versionId = readString(input, 'VersionId');
      const stage =
        readString(input, 'VersionStage') ?? (versionId ? undefined : CURRENT);
      const version = secret.versions.find(
        v =>
          v.secretString !== undefined &&
          (!versionId || v.id === versionId) &&
          (!stage || v.stages.includes(stage)),
      );
      if (!version) {
        throw notFound(
          versionId
            ? `secret value for VersionId: ${versionId}`
            : `secret value for staging label: ${stage}`,
        );
      }
      return {
        ARN: secret.arn,
        Name: secret.name,
        VersionId: version.id,
        SecretString: version.secretString,
        VersionStages: version.stages,
        CreatedDate: seconds(version.created),
      };
    },

    DescribeSecret(input) {
      const secret = findSecret(secrets, input);
      return {
        ...describe(secret),
        VersionIdsToStages: versionsToStages(secret),
      };
    },

    ListSecrets(input) {
      purgeExpired(secrets);
      const filters = readList(input, 'Filters', f => Array.isArray(f?.Values));
      const max = Math.min(Math.max(Number(input.MaxResults) || 100, 1), 100);
      const token = Buffer.from(String(input.NextToken ?? ''), 'base64');
      const offset = Number(token.toString() || 0);
      if (!Number.isInteger(offset) || offset < 0) {
        throw new ServiceError(
          'InvalidNextTokenException',
          'Invalid NextToken.',
        );
      }
      // Map order is creation order; AWS lists newest first unless SortOrder is asc.
      const matching = [...secrets.values()].filter(
        s =>
          (input.IncludePlannedDeletion === true || s.deleted === undefined) &&
          matchesFilters(s, filters),
      );
      if (input.SortOrder !== 'asc') matching.reverse();
      const next = offset + max;
      return {
        SecretList: matching.slice(offset, next).map(s => ({
          ...describe(s),
          SecretVersionsToStages: versionsToStages(s),
        })),
        NextToken:
          next < matching.length
            ? Buffer.from(String(next)).toString('base64')
            : undefined,
      };
    },
  };
}

// ListSecrets filters: each value is a prefix (`!value` negates) and any value may match;
// every filter must match.
function matchesFilters(secret: Secret, filters: Json[]) {
  const fields: Record<string, string[]> = {
    name: [secret.name],
    description: secret.description ? [secret.description] : [],
    'tag-key': secret.tags.map(t => t.Key),
    'tag-value': secret.tags.map(t => t.Value),
  };
  fields.all = Object.values(fields).flat();
  return filters.every(filter => {
    const candidates = fields[filter.Key];
    if (!candidates)
      throw invalidParameter(`Unsupported filter ${filter.Key}.`);
    return (filter.Values as string[]).some(value =>
      value.startsWith('!')
        ? !candidates.some(c => c.startsWith(value.slice(1)))
        : candidates.some(c => c.startsWith(value)),
    );
  });
}
