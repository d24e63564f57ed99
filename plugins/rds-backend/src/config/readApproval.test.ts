import { ConfigReader } from '@backstage/config';
import { DEFAULT_REQUEST_TTL_MS, readApproval } from './readApproval';

function read(approval: object | undefined, dev = false) {
  const problems: string[] = [];
  const result = readApproval(
    'rds.environments.prod',
    new ConfigReader(approval ? { approval } : {}),
    dev,
    problems,
  );
  return { result, problems };
}

describe('readApproval', () => {
  it('names nobody by default: fail closed; self-approval only in dev; 7 days to decide', () => {
    expect(read(undefined).result).toEqual({
      approvers: [],
      selfApproval: false,
      requestTtlMs: DEFAULT_REQUEST_TTL_MS,
    });
    expect(read(undefined, true).result.selfApproval).toBe(true);
  });

  it('normalizes approvers (default namespace, lowercase) and reads the expiry in any Backstage form', () => {
    for (const expiresAfter of ['12h', 'PT12H', { hours: 12 }]) {
      expect(
        read({
          approvers: ['Group:Platform-Team', 'user:default/pat.platform'],
          selfApproval: true,
          expiresAfter,
        }),
      ).toEqual({
        result: {
          approvers: [
            'group:default/platform-team',
            'user:default/pat.platform',
          ],
          selfApproval: true,
          requestTtlMs: 12 * 60 * 60 * 1000,
        },
        problems: [],
      });
    }
  });

  it('refuses approvers that are not users or groups, and an expiry that is no duration, naming the key', () => {
    const { problems } = read({
      approvers: ['component:default/payments', 'not a ref:'],
      expiresAfter: 'soon',
    });
    expect(problems).toEqual([
      "rds.environments.prod.approval.approvers: 'component:default/payments' is not a user or group entity reference like group:default/platform-team",
      "rds.environments.prod.approval.approvers: 'not a ref:' is not a user or group entity reference like group:default/platform-team",
      expect.stringMatching(
        /^rds\.environments\.prod\.approval\.expiresAfter: .*; use e\.g\. 7d, P7D or \{ days: 7 \}$/,
      ),
    ]);
  });
});
