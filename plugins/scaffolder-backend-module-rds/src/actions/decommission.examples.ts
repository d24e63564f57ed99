import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { exampleStep, stepExample } from './stepExample';

const decommissionStep = exampleStep('Decommission', 'rds:decommission');

/**
 * Examples shown on the /create/actions page. decommission.examples.test.ts
 * runs each of them against a real rds backend.
 */
export const decommissionExamples: TemplateExample[] = [
  stepExample(
    "Retain the payments component's dev database: its login is disabled and its sessions end; data and secret stay, and provisioning again brings it back.",
    decommissionStep,
    {
      entityRef: 'component:default/payments',
      appName: 'payments',
      environment: 'dev',
      policy: 'retain',
    },
  ),
  stepExample(
    'Delete a dev database, its roles and its secret (restorable within its recovery window), with a justification. Deleting needs confirm: true.',
    decommissionStep,
    {
      entityRef: 'component:default/payments',
      appName: 'payments',
      environment: 'dev',
      policy: 'delete',
      confirm: true,
      justification: 'CHG-1234 payments moved to the orders database',
    },
  ),
];
