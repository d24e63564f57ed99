import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { rdsApiRef } from '../../api';
import {
  accessLevelChange,
  confirmationLabel,
  planRequestFromForm,
} from './planRequest';

/**
 * Validation of {@link RdsPlanReview}: a run that lowers an existing login
 * role's access level needs the confirmation ticked. The engine blocks such a
 * run without `confirmAccessLevelChange` too; this says so before the task
 * starts. When the plan cannot be made the field says why, and the run decides.
 *
 * @public
 */
export const rdsPlanReviewValidation: CustomFieldValidator<
  boolean | undefined
> = async (value, validation, { apiHolder, formData }) => {
  const request = planRequestFromForm(formData);
  const rdsApi = apiHolder.get(rdsApiRef);
  if (!request || !rdsApi || value === true) return;
  let change;
  try {
    change = accessLevelChange(await rdsApi.plan(request));
  } catch {
    return;
  }
  if (change?.downgrade) {
    validation.addError(
      `Tick "${confirmationLabel(change)}", or go back and keep access level ${
        change.from
      }.`,
    );
  }
};
