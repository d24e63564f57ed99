import { Progress } from '@backstage/core-components';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import ListItemText from '@material-ui/core/ListItemText';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import type { EnvironmentSummary } from '@rds-self-service/plugin-rds-common';
import { approvalStopsYou } from '../shared/approval';
import { FieldFrame } from '../shared/FieldFrame';
import { textFieldProps } from '../shared/textFieldProps';
import { useRdsEnvironments } from '../shared/useRdsEnvironments';
import { errorMessage } from '../shared/format';

/**
 * Props of {@link RdsEnvironmentPicker}: a scaffolder field whose value is an
 * environment name.
 *
 * @public
 */
export type RdsEnvironmentPickerProps = FieldExtensionComponentProps<string>;

/**
 * Scaffolder form field (`ui:field: RdsEnvironmentPicker`) that offers the
 * environments configured in the rds backend (`rds.environments`), so templates
 * do not repeat that list in an enum.
 *
 * @public
 */
export function RdsEnvironmentPicker(props: RdsEnvironmentPickerProps) {
  const { formData, required } = props;
  const { value: environments, loading, error } = useRdsEnvironments();

  const field = (children: JSX.Element) => (
    <FieldFrame field={props} required={required}>
      {children}
    </FieldFrame>
  );

  if (loading) {
    return field(<Progress aria-label="Loading environments" />);
  }
  if (error) {
    return field(
      <Alert severity="error">
        Could not load the environments: {errorMessage(error)}
      </Alert>,
    );
  }

  const items = environments ?? [];
  const selected = items.find(env => env.name === formData);
  // A value that is not configured (an old link, a default the platform does
  // not have) stays visible so the validation message can name it.
  const unknownValue = formData && !selected ? formData : undefined;

  // The standard variant, like the template's other selects (rjsf's widgets).
  return field(
    <TextField
      select
      {...textFieldProps(props, 'Environment', required)}
      helperText={
        items.length === 0
          ? 'No environments are configured (rds.environments). Ask the platform team.'
          : selected && selectedHelp(selected)
      }
      SelectProps={{ renderValue: value => value as string }}
    >
      {items.map(env => (
        <MenuItem key={env.name} value={env.name}>
          <ListItemText
            primary={env.name}
            secondary={approvalStopsYou(env) ? 'approval required' : undefined}
          />
        </MenuItem>
      ))}
      {unknownValue && (
        <MenuItem value={unknownValue} disabled>
          <ListItemText primary={unknownValue} secondary="not configured" />
        </MenuItem>
      )}
    </TextField>,
  );
}

/** What the picker says under the chosen environment. */
function selectedHelp(environment: EnvironmentSummary): string | undefined {
  if (approvalStopsYou(environment)) {
    return `${environment.name} requires approval: say why in the justification.`;
  }
  return environment.requiresApproval
    ? `${environment.name} asks for a justification; you may provision there without waiting for approval.`
    : undefined;
}
