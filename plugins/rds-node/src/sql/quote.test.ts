import { quoteIdent, quoteLiteral } from './quote';
import { scramSha256Verifier } from './scram';

describe('quoteIdent', () => {
  it('quotes and doubles embedded quotes', () => {
    expect(quoteIdent('payments_dev_db')).toBe('"payments_dev_db"');
    expect(quoteIdent('a"b')).toBe('"a""b"');
  });

  it('refuses empty, NUL and over-long identifiers instead of letting Postgres truncate them', () => {
    expect(() => quoteIdent('')).toThrow(/invalid SQL identifier/);
    expect(() => quoteIdent('a\0b')).toThrow(/invalid SQL identifier/);
    expect(() => quoteIdent('x'.repeat(64))).toThrow(/longer than 63 bytes/);
    expect(quoteIdent('x'.repeat(63))).toHaveLength(65);
  });
});

describe('quoteLiteral', () => {
  it('doubles single quotes and escapes backslashes safely', () => {
    expect(quoteLiteral("it's")).toBe("'it''s'");
    expect(quoteLiteral('a\\b')).toBe("E'a\\\\b'");
    expect(() => quoteLiteral('\0')).toThrow(/NUL/);
  });
});

describe('scramSha256Verifier', () => {
  it('has the format Postgres stores, and a fresh salt each time', () => {
    const v = scramSha256Verifier('correct horse battery staple');
    expect(v).toMatch(
      /^SCRAM-SHA-256\$4096:[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}:[A-Za-z0-9+/=]{44}$/,
    );
    expect(scramSha256Verifier('correct horse battery staple')).not.toBe(v);
    expect(v).not.toContain('correct horse');
  });

  it('is deterministic for a given salt', () => {
    const salt = Buffer.alloc(16, 7);
    expect(scramSha256Verifier('pw', { salt })).toBe(
      scramSha256Verifier('pw', { salt }),
    );
    expect(scramSha256Verifier('pw', { salt })).not.toBe(
      scramSha256Verifier('pw2', { salt }),
    );
  });
});
