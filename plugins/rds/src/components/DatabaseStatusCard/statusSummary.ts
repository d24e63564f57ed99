import {
  explainBlock,
  sentence,
  type DatabaseStatus,
} from '@rds-self-service/plugin-rds-common';
import { decommissionLabel, decommissionOf } from '../DecommissionNotice';
import { outcomeLabel } from '../shared/format';

/** The headline of an environment's database: one word and a colour. */
export interface StatusHeadline {
  level: 'ok' | 'warning' | 'error' | 'pending';
  label: string;
}

/** A problem to explain to the team, with what to do about it. */
export interface StatusProblem {
  severity: 'error' | 'warning' | 'info';
  title: string;
  /** The cause, in a sentence or two. */
  text: string;
  /** What to do about it, shown on its own so it stands out. */
  fix?: string;
  /** The rest of the explanation, behind "Details". */
  details?: string;
  /** Details such as the individual drift findings. */
  items?: string[];
}

/** Most serious state first: a block hides everything else a re-run could fix. */
export function statusHeadline(status: DatabaseStatus): StatusHeadline {
  if (status.error) {
    return { level: 'error', label: 'Status unknown' };
  }
  // Retained or decommissioned on purpose: its notice says when, by whom, and how back.
  const decommissioned = decommissionOf(status);
  if (decommissioned) {
    return { level: 'pending', label: decommissionLabel(decommissioned) };
  }
  // A block is a refusal, not a breakage: a warning, as its run is in the
  // history and on the card's "Last run".
  if (status.blockedReason) {
    return { level: 'warning', label: 'Blocked' };
  }
  if (!status.exists) {
    return wasProvisioned(status)
      ? { level: 'error', label: 'Missing' }
      : { level: 'pending', label: 'Not provisioned' };
  }
  if (status.drift.length > 0) {
    return { level: 'warning', label: 'Drift found' };
  }
  if (!status.secretPresent) {
    return { level: 'warning', label: 'Secret missing' };
  }
  if (status.lastOutcome === 'failed') {
    return { level: 'warning', label: 'Last run failed' };
  }
  return { level: 'ok', label: 'In sync' };
}

/** Every problem worth a warning, each saying why it matters and what to do. */
export function statusProblems(status: DatabaseStatus): StatusProblem[] {
  // A disabled login or a missing database is what a decommission does, not a problem.
  if (decommissionOf(status)) return [];
  const problems: StatusProblem[] = [];
  if (status.error) {
    // Live fields are unknown, so only the error and the last run can be trusted.
    problems.push({
      severity: 'error',
      title: 'Could not read the live status',
      text: `${sentence(
        status.error,
      )} The details below come from the last provisioning run; ask the platform team if this persists.`,
    });
    return problems.concat(lastRunProblems(status));
  }
  if (status.blockedReason) {
    // The block is the one thing to act on: drift and a missing secret are
    // what the blocked run could not converge, so they are not alarms of their own.
    const { cause, fix, details } = explainBlock(status.blockedReason);
    problems.push({
      severity: 'warning',
      title: 'Provisioning is blocked',
      text: cause,
      fix,
      details,
    });
    return problems.concat(lastRunProblems(status));
  }
  if (!status.exists && wasProvisioned(status)) {
    problems.push({
      severity: 'error',
      title: 'The database no longer exists',
      text: `${status.database} was provisioned on ${status.instance} before but is not there now. Re-run the template for ${status.environment} to create it again.`,
    });
  }
  if (status.exists && status.drift.length > 0) {
    problems.push({
      severity: 'warning',
      title: 'Drift found',
      text: `The live state of ${status.environment} differs from what the platform set up. Re-running the template for ${status.environment} converges it; nothing else is changed.`,
      items: status.drift,
    });
  }
  if (status.exists && !status.secretPresent) {
    problems.push({
      severity: 'warning',
      title: 'Credentials secret missing',
      text: `The database exists but the secret ${status.secretName} is not in Secrets Manager, so applications cannot read their credentials. Re-run the template for ${status.environment} with a new password to store fresh credentials.`,
    });
  }
  return problems.concat(lastRunProblems(status));
}

// The last run may have been a dry run, or blocked or failed before creating
// anything; only a run that changed something (or a completed one) means the
// database existed.
export function wasProvisioned(status: DatabaseStatus): boolean {
  return (
    status.lastChangedRunId !== undefined ||
    status.lastOutcome === 'created' ||
    status.lastOutcome === 'updated' ||
    status.lastOutcome === 'no_change'
  );
}

// A blocked last run is already explained when the block is still there.
function lastRunProblems(status: DatabaseStatus): StatusProblem[] {
  const last = status.lastOutcome;
  if (last === 'failed' || (last === 'blocked' && !status.blockedReason)) {
    return [
      {
        severity: last === 'failed' ? 'error' : 'warning',
        title: `Last run: ${outcomeLabel(last)}`,
        text: 'The most recent provisioning run did not finish; its steps are in the history below.',
      },
    ];
  }
  return [];
}
