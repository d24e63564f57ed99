import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { exampleStep, stepExample } from './stepExample';

const provisionStep = exampleStep('Provision', 'rds:provision');

/**
 * Examples shown on the /create/actions page. provision.examples.test.ts runs
 * each of them against a real rds backend, so they stay correct.
 */
export const examples: TemplateExample[] = [
  stepExample(
    'Give the payments component a dev database it can read and write (no DDL).',
    provisionStep,
    {
      entityRef: 'component:default/payments',
      appName: 'payments',
      environment: 'dev',
      accessLevel: 'editor',
    },
  ),
  stepExample(
    'A prod database owned by the app (DDL allowed), with the CI build id for the audit record and a justification. Prod needs approval: without it the run fails with the reason.',
    provisionStep,
    {
      entityRef: 'component:default/payments',
      appName: 'payments',
      environment: 'prod',
      accessLevel: 'owner',
      buildId: 'ci-2931',
      justification:
        'Payments moves its ledger off the shared cluster (CHG-1042)',
    },
  ),
  stepExample(
    'Show the plan (SQL with passwords redacted) for a reader database and change nothing.',
    exampleStep('Plan', 'rds:provision'),
    {
      entityRef: 'component:default/payments',
      appName: 'payments_reports',
      environment: 'dev',
      accessLevel: 'reader',
      dryRun: true,
    },
  ),
];
