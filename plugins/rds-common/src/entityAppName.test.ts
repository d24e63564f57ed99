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

  it('names the rds.platform/app-name annotation', () => {
    expect(RDS_APP_NAME_ANNOTATION).toBe('rds.platform/app-name');
  });

  it.each([
    [
      'prefers the annotation',
      { [RDS_APP_NAME_ANNOTATION]: 'ledger' },
      'ledger',
    ],
    [
      'trims the annotation',
      { [RDS_APP_NAME_ANNOTATION]: ' ledger\n' },
      'ledger',
    ],
    [
      'falls back to the entity name for a blank annotation',
      { [RDS_APP_NAME_ANNOTATION]: '  ' },
      'payments_api',
    ],
    [
      'ignores other annotations',
      { 'backstage.io/source-location': 'x' },
      'payments_api',
    ],
  ])('%s', (_, annotations, appName) => {
    expect(appNameForEntity(entity('payments-api', annotations))).toBe(appName);
  });
});
