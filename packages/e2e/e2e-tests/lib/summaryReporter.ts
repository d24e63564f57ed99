import type { FullResult, Reporter, Suite } from '@playwright/test/reporter';

/**
 * Ends the output with the closing line `yarn test:e2e` has always printed,
 * "e2e: N passed, N failed" (", N skipped" when tests did not run). A run that fails
 * outside any test (the app does not start, the global timeout) counts as one failure.
 */
export default class SummaryReporter implements Reporter {
  private suite: Suite | undefined;

  onBegin(_config: unknown, suite: Suite): void {
    this.suite = suite;
  }

  onEnd(result: FullResult): void {
    const outcomes = (this.suite?.allTests() ?? []).map(t => t.outcome());
    const passed = outcomes.filter(
      o => o === 'expected' || o === 'flaky',
    ).length;
    const skipped = outcomes.filter(o => o === 'skipped').length;
    let failed = outcomes.filter(o => o === 'unexpected').length;
    if (result.status !== 'passed' && failed === 0) failed = 1;
    console.log(
      `e2e: ${passed} passed, ${failed} failed${
        skipped ? `, ${skipped} skipped` : ''
      }`,
    );
  }

  printsToStdio(): boolean {
    return true;
  }
}
