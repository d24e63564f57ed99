import type { Component } from './scaffolder';

/** An example Component (examples/) and the database a journey's runs are about. */
export function exampleComponent(name: string, database: string): Component {
  return { name, ref: `component:default/${name}`, database };
}

/** The rds journey's Component; it gets a real database. */
export const COMPONENT = exampleComponent(
  'payments-api',
  'payments_api_dev_db',
);

/** The dry run uses another Component, so "creates nothing" is not hidden by the real run's database. */
export const DRY_RUN_COMPONENT = exampleComponent(
  'ledger-worker',
  'ledger_worker_dev_db',
);

export const TEMPLATE_REF = 'template:default/rds-database';

/** The example Components (examples/) that /catalog lists. */
export const EXAMPLE_COMPONENTS = [
  'payments-api',
  'orders-service',
  'storefront-web',
  'ledger-worker',
  'inventory-service',
  'reporting-api',
];
