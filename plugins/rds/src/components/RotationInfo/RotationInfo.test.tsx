import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { RotationInfo } from './RotationInfo';

describe('RotationInfo', () => {
  it('shows rotation on with its strategy, schedule, last and next rotation and the current login', async () => {
    await renderInTestApp(
      <RotationInfo
        rotation={{
          enabled: true,
          strategy: 'alternating-users',
          scheduleDays: 30,
          lastRotatedAt: '2026-12-01T10:00:00.000Z',
          nextRotationAt: '2026-12-31T10:00:00.000Z',
          currentUser: 'payments_dev_user_clone',
        }}
      />,
    );
    expect(
      screen.getByText('On (alternating users, every 30 days)'),
    ).toBeInTheDocument();
    const dates = screen.getByText(/Last rotated:/).textContent!;
    expect(dates).toContain(
      new Date('2026-12-01T10:00:00.000Z').toLocaleString(undefined, {
        dateStyle: 'medium',
        timeStyle: 'short',
      }),
    );
    expect(dates).toContain('Next rotation:');
    expect(
      screen.getByText('Current login: payments_dev_user_clone'),
    ).toBeInTheDocument();
  });

  it('says rotation is off, and how to turn it on when the environment rotates', async () => {
    await renderInTestApp(
      <RotationInfo rotation={{ enabled: false, strategy: 'single-user' }} />,
    );
    expect(screen.getByText('Off')).toBeInTheDocument();
    expect(
      screen.getByText(
        'The environment rotates its secrets: re-run the template to turn rotation on',
      ),
    ).toBeInTheDocument();
  });

  it('says when a rotation is under way', async () => {
    await renderInTestApp(
      <RotationInfo
        rotation={{ enabled: true, inProgress: true, scheduleDays: 30 }}
      />,
    );
    expect(screen.getByText('Rotating now')).toBeInTheDocument();
    expect(screen.getByText(/Last rotated: not yet/)).toBeInTheDocument();
  });
});
