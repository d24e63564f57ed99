import {
  deriveNames,
  maxAppNameLength,
  POSTGRES_IDENTIFIER_MAX_BYTES,
  renderSecretName,
} from './naming';

describe('deriveNames', () => {
  it('derives the documented names', () => {
    expect(deriveNames('payments', 'dev')).toEqual({
      base: 'payments_dev',
      database: 'payments_dev_db',
      loginRole: 'payments_dev_user',
      ownerRole: 'payments_dev_owner',
      readerRole: 'payments_dev_reader',
      editorRole: 'payments_dev_editor',
      rotationCloneRole: 'payments_dev_user_clone',
    });
  });

  it('keeps every derived name within the identifier limit at the maximum app length', () => {
    const app = 'a'.repeat(maxAppNameLength('prod'));
    const lengths = Object.values(deriveNames(app, 'prod')).map(n => n.length);
    expect(Math.max(...lengths)).toBe(POSTGRES_IDENTIFIER_MAX_BYTES);
  });
});

describe('renderSecretName', () => {
  it('fills every placeholder', () => {
    expect(renderSecretName('rds/{env}/{app}', 'payments', 'prod')).toBe(
      'rds/prod/payments',
    );
    expect(renderSecretName('{role}@{database}', 'payments', 'dev')).toBe(
      'payments_dev_user@payments_dev_db',
    );
  });
});
