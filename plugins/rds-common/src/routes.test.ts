import { databaseTabPath, RDS_DATABASE_TAB_PATH } from './routes';

describe('databaseTabPath', () => {
  it('is the entity page at the default entity route plus the tab', () => {
    expect(RDS_DATABASE_TAB_PATH).toBe('/database');
    expect(
      databaseTabPath({
        kind: 'Component',
        namespace: 'default',
        name: 'payments-api',
      }),
    ).toBe('/catalog/default/component/payments-api/database');
  });

  it('encodes each part', () => {
    expect(
      databaseTabPath({ kind: 'Component', namespace: 'a b', name: 'x/y' }),
    ).toBe('/catalog/a%20b/component/x%2Fy/database');
  });
});
