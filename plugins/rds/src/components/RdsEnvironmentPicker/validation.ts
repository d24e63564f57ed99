import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { rdsApiRef } from '../../api';

/**
 * Validation of {@link RdsEnvironmentPicker}: a value is chosen and it is one of
 * the configured environments. The scaffolder backend checks the template's
 * pattern and the rds:provision action refuses unknown environments too; this
 * says so before the task starts.
 *
 * @public
 */
export const rdsEnvironmentPickerValidation: CustomFieldValidator<
  string
> = async (value, validation, { apiHolder }) => {
  if (!value) {
    validation.addError('Choose an environment.');
    return;
  }
  const rdsApi = apiHolder.get(rdsApiRef);
  if (!rdsApi) {
    return;
  }
  let names: string[];
  try {
    names = (await rdsApi.getEnvironments()).map(env => env.name);
  } catch {
    // The field already shows why the list could not be loaded; the backend
    // still refuses an unknown environment.
    return;
  }
  if (!names.includes(value)) {
    validation.addError(
      `"${value}" is not a configured environment. Choose one of: ${names.join(
        ', ',
      )}.`,
    );
  }
};
