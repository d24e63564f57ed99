import { explainBlock } from './blockExplanation';

const FOREIGN_DATABASE_BLOCK =
  'database "payments_api_prod_db" exists and is owned by "legacy_dba", not by the platform\'s owner role "payments_api_prod_owner". ' +
  'The platform does not take over databases it did not create, so nothing was changed. Fix: choose another ' +
  'app name; or, if the platform should own this database, have "legacy_dba" rename or drop it when it is not ' +
  'in use, or have the platform team hand it over as the runbook describes (docs/runbook.md, "Blocked"), then re-run.';

describe('explainBlock', () => {
  it('puts the cause first, then the fix, and the rest apart', () => {
    expect(explainBlock(FOREIGN_DATABASE_BLOCK)).toEqual({
      cause:
        'Database "payments_api_prod_db" exists and is owned by "legacy_dba", not by the platform\'s owner role "payments_api_prod_owner".',
      fix: 'Choose another app name; or, if the platform should own this database, have "legacy_dba" rename or drop it when it is not in use, or have the platform team hand it over as the runbook describes (docs/runbook.md, "Blocked"), then re-run.',
      details:
        'The platform does not take over databases it did not create, so nothing was changed.',
    });
  });

  it('keeps names and time stamps with dots in one sentence', () => {
    expect(
      explainBlock(
        'secret "rds/dev/payments.api" is scheduled for deletion (since 2026-11-20T10:15:00.000Z). ' +
          "Fix: restore it (aws secretsmanager restore-secret --secret-id 'rds/dev/payments.api') and re-run, or wait until the deletion completes.",
      ),
    ).toEqual({
      cause:
        'Secret "rds/dev/payments.api" is scheduled for deletion (since 2026-11-20T10:15:00.000Z).',
      fix: "Restore it (aws secretsmanager restore-secret --secret-id 'rds/dev/payments.api') and re-run, or wait until the deletion completes.",
    });
  });

  it('asks the platform team when the message has no fix', () => {
    expect(
      explainBlock('Role payments_api_staging_user exists but is not managed'),
    ).toEqual({
      cause: 'Role payments_api_staging_user exists but is not managed.',
      fix: 'Ask the platform team to resolve it; until then a re-run of the template is blocked too.',
    });
  });
});
