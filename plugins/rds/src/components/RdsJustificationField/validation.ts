import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { requiresJustification } from '@rds-self-service/plugin-rds-common';
import { rdsApiRef } from '../../api';
import {
  chosenEnvironment,
  JUSTIFICATION_MIN_LENGTH,
  justificationProblem,
} from './environment';
import type { RdsJustificationUiOptions } from './schema';

/**
 * Validation of {@link RdsJustificationField}: where the chosen environment
 * requires approval (rds-common's `requiresJustification`, from the rds
 * backend's `GET /environments`), a justification of a sentence is required;
 * elsewhere nothing is. The `rds:provision` action enforces the same rule; this
 * says so before the task starts.
 *
 * @public
 */
export const rdsJustificationValidation: CustomFieldValidator<
  string | undefined,
  RdsJustificationUiOptions
> = async (value, validation, { apiHolder, formData, uiSchema }) => {
  const name = chosenEnvironment(formData, uiSchema?.['ui:options']);
  const rdsApi = apiHolder.get(rdsApiRef);
  if (!name || !rdsApi) {
    return;
  }
  let environment;
  try {
    environment = (await rdsApi.getEnvironments()).find(e => e.name === name);
  } catch {
    // The environment field already says the list could not be loaded; the
    // action still refuses a missing justification.
    return;
  }
  // An unknown environment is the environment field's error.
  if (!environment || !requiresJustification(environment)) {
    return;
  }
  if ((value ?? '').trim().length < JUSTIFICATION_MIN_LENGTH) {
    validation.addError(justificationProblem(name));
  }
};
