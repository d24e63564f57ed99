import {
  devInSync,
  prodBlockedWithDrift,
  prodUnreadable,
  stagingNeverProvisioned,
} from '../../testing/fixtures';
import { statusHeadline, statusProblems } from './statusSummary';

describe('statusHeadline', () => {
  it('names the most serious state', () => {
    expect(statusHeadline(devInSync)).toEqual({
      level: 'ok',
      label: 'In sync',
    });
    // As the blocked run's outcome reads: a refusal to act on, not a breakage.
    expect(statusHeadline(prodBlockedWithDrift)).toEqual({
      level: 'warning',
      label: 'Blocked',
    });
    expect(statusHeadline(stagingNeverProvisioned)).toEqual({
      level: 'pending',
      label: 'Not provisioned',
    });
    expect(statusHeadline({ ...devInSync, exists: false })).toEqual({
      level: 'error',
      label: 'Missing',
    });
    expect(statusHeadline({ ...devInSync, drift: ['grants differ'] })).toEqual({
      level: 'warning',
      label: 'Drift found',
    });
    expect(statusHeadline({ ...devInSync, secretPresent: false })).toEqual({
      level: 'warning',
      label: 'Secret missing',
    });
    expect(statusHeadline({ ...devInSync, lastOutcome: 'failed' })).toEqual({
      level: 'warning',
      label: 'Last run failed',
    });
  });
});

describe('statusProblems', () => {
  it('has nothing to say about a database in sync', () => {
    expect(statusProblems(devInSync)).toEqual([]);
    expect(statusProblems(stagingNeverProvisioned)).toEqual([]);
  });

  it('explains a block in one sentence with what to do, and raises no alarm under it', () => {
    const problems = statusProblems(prodBlockedWithDrift);
    // The drift and the missing secret are what the block keeps from converging.
    expect(problems.map(p => [p.severity, p.title])).toEqual([
      ['warning', 'Provisioning is blocked'],
    ]);
    expect(problems[0].text).toBe(
      'Database "payments_api_prod_db" exists and is owned by "legacy_dba", not by the platform\'s owner role "payments_api_prod_owner".',
    );
    expect(problems[0].fix).toMatch(/^Choose another app name; or, /);
    expect(problems[0].fix).toMatch(/then re-run\.$/);
    expect(problems[0].details).toBe(
      'The platform does not take over databases it did not create, so nothing was changed.',
    );
  });

  it('explains drift and a missing secret, and what to do', () => {
    const drift = ['payments_api_dev_user lacks SELECT on table public.orders'];
    const problems = statusProblems({
      ...devInSync,
      drift,
      secretPresent: false,
    });
    expect(problems.map(p => [p.severity, p.title])).toEqual([
      ['warning', 'Drift found'],
      ['warning', 'Credentials secret missing'],
    ]);
    expect(problems[0].items).toEqual(drift);
    expect(problems[0].text).toContain('Re-running the template for dev');
    expect(problems[1].text).toContain('rds/dev/payments_api');
  });

  it('shows no drift for a database that was never provisioned', () => {
    // The engine's plan for an app that has nothing yet: everything is missing.
    const never = {
      ...stagingNeverProvisioned,
      drift: ['database payments_api_staging_db does not exist'],
    };
    expect(statusProblems(never)).toEqual([]);
    expect(statusHeadline(never)).toEqual({
      level: 'pending',
      label: 'Not provisioned',
    });
  });

  it('reports a database that was provisioned but is gone', () => {
    expect(
      statusProblems({ ...devInSync, exists: false, secretPresent: false }).map(
        p => p.title,
      ),
    ).toEqual(['The database no longer exists']);
  });

  it('does not call a database missing when it was never created', () => {
    const failedFirstRun = {
      ...stagingNeverProvisioned,
      lastProvisionedAt: '2026-11-22T09:00:00.000Z',
      lastProvisionedBy: 'user:default/carol',
      lastOutcome: 'failed' as const,
      lastRunId: 'cli-1',
    };
    expect(statusHeadline(failedFirstRun)).toEqual({
      level: 'pending',
      label: 'Not provisioned',
    });
    expect(statusProblems(failedFirstRun).map(p => p.title)).toEqual([
      'Last run: Failed',
    ]);
    expect(
      statusHeadline({ ...stagingNeverProvisioned, lastOutcome: 'planned' }),
    ).toEqual({ level: 'pending', label: 'Not provisioned' });
  });

  it('reports a failed last run', () => {
    expect(
      statusProblems({ ...devInSync, lastOutcome: 'failed' }).map(p => [
        p.severity,
        p.title,
      ]),
    ).toEqual([['error', 'Last run: Failed']]);
  });

  it('reports an unreadable status and nothing it cannot know', () => {
    expect(statusHeadline(prodUnreadable)).toEqual({
      level: 'error',
      label: 'Status unknown',
    });
    const problems = statusProblems({
      ...prodUnreadable,
      lastOutcome: 'failed',
    });
    expect(problems.map(p => p.title)).toEqual([
      'Could not read the live status',
      'Last run: Failed',
    ]);
    expect(problems[0].text).toContain('connect ECONNREFUSED 10.0.0.5:5432.');
  });
});
