import { maxAppNameLength } from './naming';
import {
  APP_NAME_OR_ENTITY_REF_MESSAGE,
  parsePlanRequestBody,
  parseProvisionRequest,
} from './schemas';
import { validateAppName, validateEnvironmentName } from './validation';

describe('validateAppName', () => {
  it.each(['payments', 'a', 'billing_v2', 'x1_2_3'])('accepts %s', name => {
    expect(validateAppName(name, 'dev')).toEqual([]);
  });

  it.each([
    ['Payments', /not allowed \("P"\).*lowercase letters/],
    ['1payments', /must start with a lowercase letter/],
    ['_payments', /must start with a lowercase letter/],
    ['pay"ments', /not allowed \("\\""\)/],
    ["pay'ments", /not allowed \("'"\)/],
    ['pay;drop', /not allowed \(";"\)/],
    ['pay ments', /not allowed \(" "\)/],
    ['paymënts', /not allowed \("ë"\)/],
    ['pay-ments', /not allowed \("-"\)/],
    ['postgres', /reserved by Postgres or RDS/],
    ['template0', /reserved/],
    ['template1', /reserved/],
    ['rdsadmin', /reserved/],
    ['public', /reserved/],
    ['pg_stats', /starts with "pg_"/],
    ['rds_tools', /starts with "rds_"/],
    ['', /app name is required/],
  ])('refuses %j with a message saying what is allowed', (name, message) => {
    const problems = validateAppName(name, 'dev');
    expect(problems.join('\n')).toMatch(message);
  });

  it('refuses names that exceed 63 bytes after suffixes, and says the maximum', () => {
    const max = maxAppNameLength('staging');
    expect(validateAppName('a'.repeat(max), 'staging')).toEqual([]);
    const problems = validateAppName('a'.repeat(max + 1), 'staging');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('64 bytes');
    expect(problems[0]).toContain(`use at most ${max} characters`);
    expect(problems[0]).toContain('_staging_user_clone');
  });

  it('refuses non-string input', () => {
    expect(validateAppName(42, 'dev')).toEqual([
      expect.stringContaining('app name is required'),
    ]);
  });
});

describe('validateEnvironmentName', () => {
  it('accepts simple environment names', () => {
    expect(validateEnvironmentName('prod')).toEqual([]);
    expect(validateEnvironmentName('qa2')).toEqual([]);
  });

  it('refuses underscores, which would make derived names ambiguous', () => {
    expect(validateEnvironmentName('pre_prod').join()).toMatch(
      /not allowed \("_"\)/,
    );
  });

  it('refuses reserved and malformed names', () => {
    expect(validateEnvironmentName('postgres').join()).toMatch(/reserved/);
    expect(validateEnvironmentName('Prod').join()).toMatch(/lowercase/);
    expect(validateEnvironmentName('').join()).toMatch(/required/);
  });
});

/** A valid request to which a test adds a justification. */
const prodOwner = {
  appName: 'payments',
  environment: 'prod',
  accessLevel: 'owner',
} as const;

describe('parseProvisionRequest', () => {
  it('accepts a valid request', () => {
    expect(
      parseProvisionRequest({
        appName: 'payments',
        environment: 'dev',
        accessLevel: 'editor',
        entityRef: 'component:default/payments',
      }),
    ).toEqual({
      success: true,
      data: {
        appName: 'payments',
        environment: 'dev',
        accessLevel: 'editor',
        entityRef: 'component:default/payments',
      },
    });
  });

  it('reports every problem with the field it concerns', () => {
    const result = parseProvisionRequest({
      appName: 'Pay;ments',
      environment: 'dev',
      accessLevel: 'admin',
    });
    expect(result.success).toBe(false);
    const problems = result.success ? [] : result.problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^accessLevel must be one of owner, editor, reader/,
        ),
        expect.stringMatching(/app name "Pay;ments" contains characters/),
      ]),
    );
  });

  it('keeps a free-text justification with line breaks', () => {
    const justification = 'Ledger moves off the shared cluster\n(CHG-1042)';
    expect(parseProvisionRequest({ ...prodOwner, justification })).toEqual({
      success: true,
      data: { ...prodOwner, justification },
    });
  });

  it.each([
    ['x'.repeat(2001), 'justification must be at most 2000 characters'],
    [
      'ok\u0000hidden',
      'justification must not contain control characters (tabs and line breaks are fine)',
    ],
  ])('refuses the justification %j and says why', (justification, message) => {
    expect(parseProvisionRequest({ ...prodOwner, justification })).toEqual({
      success: false,
      problems: [message],
    });
  });

  it('reports a missing field by name', () => {
    const result = parseProvisionRequest({
      appName: 'payments',
      environment: 'dev',
    });
    expect(result.success ? [] : result.problems).toEqual([
      expect.stringMatching(/^accessLevel/),
    ]);
  });
});

describe('parsePlanRequestBody', () => {
  const base = {
    environment: 'dev',
    accessLevel: 'editor',
    entityRef: 'component:default/payments',
  };

  it('leaves the app name to the entity when only the entity ref is given', () => {
    expect(parsePlanRequestBody(base)).toEqual({ success: true, data: base });
  });

  it('keeps a given app name, and the engine schema still requires one', () => {
    expect(parsePlanRequestBody({ ...base, appName: 'ledger' })).toEqual({
      success: true,
      data: { ...base, appName: 'ledger' },
    });
    expect(parseProvisionRequest(base)).toEqual({
      success: false,
      problems: [expect.stringMatching(/^appName: /)],
    });
  });

  it('says to give an app name or an entity ref when both are missing', () => {
    const { entityRef: _, ...withoutEntity } = base;
    expect(parsePlanRequestBody(withoutEntity)).toEqual({
      success: false,
      problems: [APP_NAME_OR_ENTITY_REF_MESSAGE],
    });
    expect(APP_NAME_OR_ENTITY_REF_MESSAGE).toMatch(
      /give an appName, or the entityRef/,
    );
  });

  it('checks a given app name as the engine does, length included', () => {
    const tooLong = 'a'.repeat(maxAppNameLength('dev') + 1);
    for (const appName of ['Pay;ments', 'pg_x', tooLong]) {
      expect(parsePlanRequestBody({ ...base, appName })).toEqual(
        parseProvisionRequest({ ...base, appName }),
      );
    }
    expect(parsePlanRequestBody({ ...base, appName: tooLong }).success).toBe(
      false,
    );
  });
});
