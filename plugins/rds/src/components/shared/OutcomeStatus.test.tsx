import { renderInTestApp } from '@backstage/test-utils';
import type { RunOutcome } from '@rds-self-service/plugin-rds-common';
import { screen } from '@testing-library/react';
import { OutcomeStatus } from './OutcomeStatus';

describe('OutcomeStatus', () => {
  it.each<[RunOutcome, string, string]>([
    ['created', 'Status ok', 'Created'],
    ['no_change', 'Status ok', 'No change'],
    ['planned', 'Status pending', 'Planned'],
    ['blocked', 'Status warning', 'Blocked'],
    // Refused before anything ran, for want of approval: not a fault.
    ['denied', 'Status warning', 'Not approved'],
    ['failed', 'Status error', 'Failed'],
  ])('shows %s as %s, labelled %s', async (outcome, status, label) => {
    await renderInTestApp(<OutcomeStatus outcome={outcome} />);
    expect(screen.getByLabelText(status)).toHaveTextContent(label);
  });
});
