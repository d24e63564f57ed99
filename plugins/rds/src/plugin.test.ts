import { rdsPlugin } from './plugin';

describe('rds', () => {
  it('should export plugin', () => {
    expect(rdsPlugin).toBeDefined();
  });
});
