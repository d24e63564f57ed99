import {
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import type { SecretRotationStatus } from '@rds-self-service/plugin-rds-common';
import { formatTimestamp } from '../shared/format';

const STRATEGY: Record<
  NonNullable<SecretRotationStatus['strategy']>,
  string
> = {
  'single-user': 'single user',
  'alternating-users': 'alternating users',
};

/** The credentials secret's rotation: on or off, last and next rotation. */
export function RotationInfo(props: { rotation: SecretRotationStatus }) {
  const { rotation } = props;
  if (!rotation.enabled) {
    return (
      <>
        <StatusWarning>Off</StatusWarning>
        <Typography variant="body2" color="textSecondary">
          {rotation.strategy
            ? 'The environment rotates its secrets: re-run the template to turn rotation on'
            : 'The password changes only when the template is run with "Rotate password"'}
        </Typography>
      </>
    );
  }
  const how = [
    rotation.strategy && STRATEGY[rotation.strategy],
    rotation.scheduleDays && `every ${rotation.scheduleDays} days`,
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <>
      {rotation.inProgress ? (
        <StatusPending>Rotating now</StatusPending>
      ) : (
        <StatusOK>On{how && ` (${how})`}</StatusOK>
      )}
      <Typography variant="body2" color="textSecondary">
        Last rotated:{' '}
        {rotation.lastRotatedAt
          ? formatTimestamp(rotation.lastRotatedAt)
          : 'not yet'}
        {' · '}Next rotation:{' '}
        {rotation.nextRotationAt
          ? formatTimestamp(rotation.nextRotationAt)
          : 'not scheduled'}
      </Typography>
      {rotation.currentUser && (
        <Typography variant="body2" color="textSecondary">
          Current login: {rotation.currentUser}
        </Typography>
      )}
    </>
  );
}
