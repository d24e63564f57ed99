import { Config, readDurationFromConfig } from '@backstage/config';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { durationToMilliseconds } from '@backstage/types';

/** How long a pending request can be approved, unless configured: 7 days. */
export const DEFAULT_REQUEST_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** The approval workflow of one environment (`rds.environments.<env>.approval`). */
export interface RdsApprovalConfig {
  /**
   * Who may approve (user and group entity refs, lowercased). Empty: nobody,
   * so nothing can be provisioned where approval is required.
   */
  approvers: string[];
  /** Whether an approver may provision directly (approve their own run). */
  selfApproval: boolean;
  /** How long a pending request can be approved, in milliseconds. */
  requestTtlMs: number;
}

/**
 * Reads `<key>.approval`; problems are pushed to `problems`, each naming its key.
 * Self-approval defaults to on only in dev environments.
 */
export function readApproval(
  key: string,
  env: Config,
  dev: boolean,
  problems: string[],
): RdsApprovalConfig {
  const approval = env.getOptionalConfig('approval');
  const approvers: string[] = [];
  for (const ref of approval?.getOptionalStringArray('approvers') ?? []) {
    try {
      const parsed = parseEntityRef(ref, { defaultNamespace: 'default' });
      const kind = parsed.kind.toLocaleLowerCase('en-US');
      if (kind !== 'user' && kind !== 'group') {
        throw new Error('not a user or a group');
      }
      approvers.push(stringifyEntityRef(parsed).toLocaleLowerCase('en-US'));
    } catch (error) {
      problems.push(
        `${key}.approval.approvers: '${ref}' is not a user or group entity reference like group:default/platform-team`,
      );
    }
  }
  let requestTtlMs = DEFAULT_REQUEST_TTL_MS;
  if (approval?.has('expiresAfter')) {
    try {
      requestTtlMs = durationToMilliseconds(
        readDurationFromConfig(approval, { key: 'expiresAfter' }),
      );
    } catch (error) {
      problems.push(
        `${key}.approval.expiresAfter: ${
          (error as Error).message
        }; use e.g. 7d, P7D or { days: 7 }`,
      );
    }
    if (!(requestTtlMs > 0)) {
      problems.push(`${key}.approval.expiresAfter must be longer than zero`);
    }
  }
  return {
    approvers,
    selfApproval: approval?.getOptionalBoolean('selfApproval') ?? dev,
    requestTtlMs,
  };
}
