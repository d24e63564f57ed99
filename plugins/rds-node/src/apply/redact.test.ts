import { redact } from './redact';
import { scramSha256Verifier } from '../sql/scram';

describe('redact', () => {
  it('removes known passwords and any SCRAM verifier', () => {
    const password = 'Zx9Qm2Lp8Rt4Wv6Yb1Nc3Kd5';
    const verifier = scramSha256Verifier(password);
    const text = `failed: ALTER ROLE "x" PASSWORD '${verifier}' (pw ${password})`;
    const out = redact(text, [password, undefined]);
    expect(out).toBe(
      `failed: ALTER ROLE "x" PASSWORD '********' (pw ********)`,
    );
  });

  it('leaves short strings alone so it cannot mangle ordinary words', () => {
    expect(redact('the role exists', ['the'])).toBe('the role exists');
  });
});
