import { LinkButton } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import type { DatabaseStatus } from '@rds-self-service/plugin-rds-common';
import {
  decommissionFacts,
  decommissionOf,
  decommissionTemplateUrl,
} from './decommissionSummary';

/** A retained or decommissioned database: when, by whom, the policy, the dump, the secret's window. */
export function DecommissionNotice(props: { status: DatabaseStatus }) {
  const d = decommissionOf(props.status);
  if (!d) return null;
  const { title, text, facts } = decommissionFacts(d);
  return (
    <Box mb={2}>
      <Alert severity="info" aria-label="Decommission">
        <AlertTitle>{title}</AlertTitle>
        {text}
        <Box component="dl" mt={1} mb={0}>
          {facts.map(([name, value]) => (
            <Box key={name} display="flex" style={{ gap: 8 }}>
              <Box component="dt" fontWeight="fontWeightBold">
                {name}
              </Box>
              <Box component="dd" m={0} style={{ wordBreak: 'break-all' }}>
                {value}
              </Box>
            </Box>
          ))}
        </Box>
      </Alert>
    </Box>
  );
}

/** Opens the "Decommission Postgres database" template for a database that exists. */
export function DecommissionButton(props: {
  status: DatabaseStatus;
  entityRef: string;
  appName: string;
}) {
  const { status, entityRef, appName } = props;
  if (!status.exists || status.error) return null;
  return (
    <LinkButton
      to={decommissionTemplateUrl({
        entityRef,
        appName: status.appName || appName,
        environment: status.environment,
      })}
      color="default"
      variant="outlined"
    >
      {`Decommission in ${status.environment}`}
    </LinkButton>
  );
}
