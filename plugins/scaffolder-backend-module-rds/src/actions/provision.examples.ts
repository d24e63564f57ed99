import { TemplateExample } from '@backstage/plugin-scaffolder-node';

/**
 * Examples shown on the /create/actions page. provision.examples.test.ts runs
 * each of them against a real rds backend, so they stay correct.
 */
export const examples: TemplateExample[] = [
  {
    description:
      'Give the payments component a dev database it can read and write (no DDL).',
    example: `steps:
  - id: provision-database
    name: Provision Postgres database
    action: rds:provision
    input:
      entityRef: component:default/payments
      appName: payments
      environment: dev
      accessLevel: editor
`,
  },
  {
    description:
      'A prod database owned by the app (DDL allowed), with the CI build id for the audit record and a justification. Prod needs approval: without it the run fails with the reason.',
    example: `steps:
  - id: provision-database
    name: Provision Postgres database
    action: rds:provision
    input:
      entityRef: component:default/payments
      appName: payments
      environment: prod
      accessLevel: owner
      buildId: ci-2931
      justification: Payments moves its ledger off the shared cluster (CHG-1042)
`,
  },
  {
    description:
      'Show the plan (SQL with passwords redacted) for a reader database and change nothing.',
    example: `steps:
  - id: plan-database
    name: Plan Postgres database
    action: rds:provision
    input:
      entityRef: component:default/payments
      appName: payments_reports
      environment: dev
      accessLevel: reader
      dryRun: true
`,
  },
];
