import { entityAppName } from './entityAppName';

describe('entityAppName', () => {
  it('derives the app name from the entity name', () => {
    expect(
      entityAppName({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'Payments-API' },
      }),
    ).toBe('payments_api');
  });

  it('prefers the rds.platform/app-name annotation', () => {
    expect(
      entityAppName({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'payments-api',
          annotations: { 'rds.platform/app-name': 'ledger' },
        },
      }),
    ).toBe('ledger');
  });
});
