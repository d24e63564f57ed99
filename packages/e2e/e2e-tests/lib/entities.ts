import type { Component } from './scaffolder';

/** The rds journey's Component; it gets a real database. */
export const COMPONENT: Component = {
  name: 'payments-api',
  ref: 'component:default/payments-api',
  database: 'payments_api_dev_db',
};

/** The dry run uses another Component, so "creates nothing" is not hidden by the real run's database. */
export const DRY_RUN_COMPONENT: Component = {
  name: 'ledger-worker',
  ref: 'component:default/ledger-worker',
  database: 'ledger_worker_dev_db',
};

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
