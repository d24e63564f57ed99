import { Entity } from '@backstage/catalog-model';
import { getRdsAppName, isRdsAvailable } from './entity';

function entity(
  kind: string,
  name: string,
  annotations?: Record<string, string>,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, annotations },
  };
}

describe('isRdsAvailable', () => {
  it('is true for Components of any casing and false for other kinds', () => {
    expect(isRdsAvailable(entity('Component', 'payments'))).toBe(true);
    expect(isRdsAvailable(entity('component', 'payments'))).toBe(true);
    expect(isRdsAvailable(entity('API', 'payments'))).toBe(false);
    expect(isRdsAvailable(entity('System', 'payments'))).toBe(false);
  });
});

describe('getRdsAppName', () => {
  it('lowercases the entity name and turns dashes into underscores', () => {
    expect(getRdsAppName(entity('Component', 'Payments-API'))).toBe(
      'payments_api',
    );
  });

  it('prefers the rds.platform/app-name annotation', () => {
    expect(
      getRdsAppName(
        entity('Component', 'payments-api', {
          'rds.platform/app-name': 'billing',
        }),
      ),
    ).toBe('billing');
  });
});
