import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import {
  JUSTIFICATION_MAX_LENGTH,
  requiresJustification,
} from '@rds-self-service/plugin-rds-common';
import TextField from '@material-ui/core/TextField';
import { useEffect } from 'react';
import { justificationHelp } from '../shared/approval';
import { FieldFrame } from '../shared/FieldFrame';
import { textFieldProps } from '../shared/textFieldProps';
import { useRdsEnvironments } from '../shared/useRdsEnvironments';
import { chosenEnvironment } from './environment';
import type { RdsJustificationUiOptions } from './schema';

/**
 * Props of {@link RdsJustificationField}: a scaffolder field whose value is the
 * justification text, if any.
 *
 * @public
 */
export type RdsJustificationFieldProps = FieldExtensionComponentProps<
  string | undefined,
  RdsJustificationUiOptions
>;

/**
 * Scaffolder form field (`ui:field: RdsJustification`): a required text area
 * shown exactly where the environment chosen in the form requires approval
 * (`requiresApproval` from the rds backend's `GET /environments`, the same list
 * `RdsEnvironmentPicker` offers), and nothing elsewhere. It says "requires
 * approval" only where this user's run stops for it (`approvalRequiredForYou`);
 * a user allowed to provision there is told the audit trail keeps the reason. A justification typed
 * for one environment is dropped when another that needs none is chosen, so
 * the task gets what the form shows. If the list cannot be loaded, the field is
 * shown and optional: the `rds:provision` action decides.
 *
 * @public
 */
export function RdsJustificationField(props: RdsJustificationFieldProps) {
  const { uiSchema, formData, formContext, onChange } = props;
  const options = uiSchema?.['ui:options'];
  const { value: environments, loading, error } = useRdsEnvironments();

  const name = chosenEnvironment(formContext?.formData, options);
  const environment = environments?.find(e => e.name === name);
  const required = !!environment && requiresJustification(environment);
  const shown = required || (!loading && !!error);

  useEffect(() => {
    if (loading) return;
    if (required && formData === undefined) {
      // Present in the form data, so the form validates it before the review.
      onChange('');
    } else if (!shown && formData !== undefined) {
      onChange(undefined);
    }
  }, [loading, required, shown, formData, onChange]);

  if (!shown) {
    return null;
  }
  return (
    <FieldFrame field={props} required={required}>
      <TextField
        {...textFieldProps(props, 'Justification', required)}
        multiline
        minRows={options?.rows ?? 3}
        inputProps={{ maxLength: JUSTIFICATION_MAX_LENGTH }}
        helperText={
          required && environment ? justificationHelp(environment) : undefined
        }
      />
    </FieldFrame>
  );
}
