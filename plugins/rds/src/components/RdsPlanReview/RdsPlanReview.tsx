import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { accessLevelDescriptions } from '@rds-self-service/plugin-rds-common';
import { useEffect } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { rdsApiRef } from '../../api';
import { FieldFrame } from '../shared/FieldFrame';
import { errorMessage } from '../shared/format';
import { useRdsEnvironments } from '../shared/useRdsEnvironments';
import { PlanSummary } from './PlanSummary';
import {
  accessLevelChange,
  confirmationLabel,
  planRequestFromForm,
} from './planRequest';

/**
 * Props of {@link RdsPlanReview}: a scaffolder field whose value is the
 * confirmation of a lower access level, if one is needed.
 *
 * @public
 */
export type RdsPlanReviewProps = FieldExtensionComponentProps<
  boolean | undefined
>;

/**
 * Scaffolder form field (`ui:field: RdsPlanReview`) for the template's last
 * page: what the run will do, from the rds backend's `POST /plan` with the
 * form's values (database, role and secret names, whether each exists, the
 * steps, anything that would block it, or that it waits for approval), and
 * a change of access level called out. A lower level than the login role has now needs the checkbox ticked;
 * the field's value is that confirmation, for `rds:provision`'s
 * `confirmAccessLevelChange`.
 *
 * @public
 */
export function RdsPlanReview(props: RdsPlanReviewProps) {
  const { idSchema, formData, formContext, onChange, disabled, readonly } =
    props;
  const title = props.schema.title ?? 'What the run will do';
  const rdsApi = useApi(rdsApiRef);
  const request = planRequestFromForm(formContext?.formData);
  const key = JSON.stringify(request ?? null);
  const {
    value: plan,
    loading,
    error,
  } = useAsync(
    async () => (request ? rdsApi.plan(request) : undefined),
    // The request, by value: the form hands a new object on each render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [rdsApi, key],
  );
  const change = plan ? accessLevelChange(plan) : undefined;
  // Who approves, when the backend says, for a run that waits for approval.
  const { value: environments } = useRdsEnvironments();
  const approvers = environments?.find(
    e => e.name === request?.environment,
  )?.approvers;

  // Unticked is `false`, in the form data, so the scaffolder runs the field's
  // validation (it validates only the keys the form holds). A confirmation
  // given for another level does not carry over.
  useEffect(() => {
    if (!plan) return;
    if (change?.downgrade && formData === undefined) {
      onChange(false);
    } else if (!change?.downgrade && formData !== undefined) {
      onChange(undefined);
    }
  }, [plan, change?.downgrade, formData, onChange]);

  let body: JSX.Element;
  if (!request) {
    body = (
      <Alert severity="info">
        Choose the component, environment and access level first: the plan shows
        what the run will do.
      </Alert>
    );
  } else if (loading) {
    body = <Progress aria-label="Making the plan" />;
  } else if (error) {
    body = (
      <Alert severity="warning">
        <AlertTitle>Could not make the plan: {errorMessage(error)}</AlertTitle>
        The run checks the same when it starts and stops with the cause.
      </Alert>
    );
  } else if (plan) {
    body = (
      <>
        <PlanSummary plan={plan} approvers={approvers} />
        {change?.downgrade && (
          <Box mt={2}>
            <Alert severity="warning">
              <AlertTitle>
                The access level goes down from {change.from} to {change.to}
              </AlertTitle>
              {plan.role} can do less after this run:{' '}
              {accessLevelDescriptions[change.to]} An application that runs its
              own migrations stops working with less than owner. To keep{' '}
              {change.from}, go back and choose it.
              <Box>
                <FormControlLabel
                  control={
                    <Checkbox
                      id={idSchema?.$id}
                      checked={formData === true}
                      onChange={event => onChange(event.target.checked)}
                      disabled={disabled || readonly}
                    />
                  }
                  label={confirmationLabel(change)}
                />
              </Box>
            </Alert>
          </Box>
        )}
      </>
    );
  } else {
    body = <></>;
  }

  return (
    <FieldFrame field={props}>
      <Box component="section" aria-label={title}>
        {body}
      </Box>
    </FieldFrame>
  );
}
