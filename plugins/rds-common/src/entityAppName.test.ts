import { appNameForEntity, RDS_APP_NAME_ANNOTATION } from './entityAppName';
import { validateAppName } from './validation';

const entity = (name: string, annotations?: Record<string, string>) => ({
  metadata: { name, ...(annotations && { annotations }) },
});

describe('appNameForEntity', () => {
  it('lowercases the entity name and turns every - into _', () => {
    expect(appNameForEntity(entity('Payments-Ledger-API'))).toBe(
      'payments_ledger_api',
    );
    expect(
      validateAppName(appNameForEntity(entity('Orders-V2')), 'dev'),
    ).toEqual([]);
  });

  it('prefers the rds.platform/app-name annotation', () => {
    expect(RDS_APP_NAME_ANNOTATION).toBe('rds.platform/app-name');
    expect(
      appNameForEntity(
        entity('payments-api', { [RDS_APP_NAME_ANNOTATION]: 'ledger' }),
      ),
    ).toBe('ledger');
  });

  it('trims the annotation, and falls back to the entity name when it is blank', () => {
    expect(
      appNameForEntity(
        entity('payments-api', { [RDS_APP_NAME_ANNOTATION]: ' ledger\n' }),
      ),
    ).toBe('ledger');
    expect(
      appNameForEntity(
        entity('payments-api', { [RDS_APP_NAME_ANNOTATION]: '  ' }),
      ),
    ).toBe('payments_api');
  });

  it('ignores other annotations', () => {
    expect(
      appNameForEntity(
        entity('payments-api', { 'backstage.io/source-location': 'x' }),
      ),
    ).toBe('payments_api');
  });
});
