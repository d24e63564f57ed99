import { CopyTextButton, Link } from '@backstage/core-components';
import type { ConnectionDetails } from '@rds-self-service/plugin-rds-common';
import Box from '@material-ui/core/Box';
import { makeStyles } from '@material-ui/core/styles';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import Typography from '@material-ui/core/Typography';
import { ReactNode, useState } from 'react';
import { connectSnippets, RDS_CA_BUNDLE_URL } from '../shared/connectSnippets';
import { FactsTable } from '../shared/FactsTable';

const useStyles = makeStyles(theme => ({
  code: {
    fontFamily: 'monospace',
    wordBreak: 'break-all',
  },
  url: {
    display: 'block',
    marginTop: theme.spacing(0.5),
    fontFamily: 'monospace',
    wordBreak: 'break-all',
  },
  snippet: {
    flex: 1,
    margin: 0,
    padding: theme.spacing(1.5),
    overflowX: 'auto',
    fontSize: '0.8125rem',
    background: theme.palette.background.default,
    borderRadius: theme.shape.borderRadius,
    whiteSpace: 'pre',
  },
  // A long command is wrapped so it can be read without scrolling sideways;
  // a manifest keeps its lines.
  wrapped: {
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-word',
  },
}));

/** Props for {@link ConnectSection}. */
export interface ConnectSectionProps {
  connection: ConnectionDetails;
  appName: string;
  environment: string;
}

/**
 * How to connect to one environment's database: the facts with copy buttons,
 * and the commands and manifest that work for the backend's Secrets Manager
 * endpoint and the instance's TLS mode. Nothing here is a credential: every
 * snippet reads the password from the secret when it runs.
 */
export function ConnectSection(props: ConnectSectionProps) {
  const { connection, appName, environment } = props;
  const classes = useStyles();
  const [tab, setTab] = useState(0);
  const snippets = connectSnippets(connection, { appName, environment });

  const facts: Array<[string, string, string]> = [
    ['Host', connection.host, 'host'],
    ['Port', String(connection.port), 'port'],
    ['Database', connection.database, 'database'],
    ['User', connection.user, 'user'],
    ['Secret name', connection.secretName, 'secret name'],
    ...(connection.secretArn
      ? [
          ['Secret ARN', connection.secretArn, 'secret ARN'] as [
            string,
            string,
            string,
          ],
        ]
      : []),
  ];
  const metadata = Object.fromEntries(
    facts.map(([label, value, what]) => [
      label,
      <Box display="flex" alignItems="center" style={{ gap: 4 }}>
        <span className={classes.code}>{value}</span>
        <CopyTextButton
          text={value}
          aria-label={`Copy ${what}`}
          tooltipText={`Copied the ${what}`}
          variant="tertiary"
        />
      </Box>,
    ]),
  );

  const panels: Array<{
    label: string;
    what: string;
    text: string;
    about: ReactNode;
    wrap: boolean;
  }> = [
    {
      label: 'AWS CLI',
      what: 'the AWS CLI command',
      text: snippets.readSecretCommand,
      wrap: true,
      about: (
        <>
          Prints the secret's JSON: host, port, dbname, username and password.
          {snippets.placeholderKeys &&
            ' The local endpoint checks no signatures: the placeholder keys only satisfy the AWS CLI.'}
        </>
      ),
    },
    {
      label: 'psql',
      what: 'the psql command',
      text: snippets.psqlCommand,
      wrap: true,
      about: (
        <>
          Opens a session as {connection.user}, with the password read from the
          secret (needs the AWS CLI and jq).
          {connection.sslMode === 'verify-full' && (
            <>
              {' '}
              verify-full checks the server's certificate: save the instance's
              CA bundle as global-bundle.pem first (for RDS,{' '}
              <Link to={RDS_CA_BUNDLE_URL}>the RDS CA bundle</Link>).
            </>
          )}
        </>
      ),
    },
    {
      label: 'Kubernetes',
      what: 'the ExternalSecret',
      text: snippets.externalSecret,
      wrap: false,
      about: (
        <>
          An External Secrets Operator ExternalSecret that renders{' '}
          <span className={classes.code}>DATABASE_URL</span> from the secret's
          keys, so the password stays only in the secret that rotation updates
          (point secretStoreRef at your cluster's store):
          <span className={classes.url}>{snippets.maskedUrl}</span>
        </>
      ),
    },
  ];
  const panel = panels[tab];

  return (
    <Box
      component="section"
      aria-labelledby={`connect-${environment}-${appName}`}
    >
      <Box display="flex" alignItems="baseline" style={{ gap: 16 }}>
        <Typography
          variant="h6"
          component="h3"
          id={`connect-${environment}-${appName}`}
        >
          Connect
        </Typography>
        {snippets.consoleUrl && (
          <Link to={snippets.consoleUrl}>
            Open the secret in the AWS console
          </Link>
        )}
      </Box>
      <FactsTable metadata={metadata} />
      <Tabs
        value={tab}
        onChange={(_event, value: number) => setTab(value)}
        indicatorColor="primary"
        textColor="primary"
        aria-label={`Connection snippets for ${environment}`}
      >
        {panels.map((p, index) => (
          <Tab
            key={p.label}
            label={p.label}
            id={`connect-${environment}-${appName}-tab-${index}`}
            aria-controls={`connect-${environment}-${appName}-panel-${index}`}
          />
        ))}
      </Tabs>
      <Box
        role="tabpanel"
        id={`connect-${environment}-${appName}-panel-${tab}`}
        aria-labelledby={`connect-${environment}-${appName}-tab-${tab}`}
        pt={1}
      >
        <Typography variant="body2" paragraph>
          {panel.about}
        </Typography>
        <Box display="flex" alignItems="flex-start" style={{ gap: 4 }}>
          <pre
            className={
              panel.wrap
                ? `${classes.snippet} ${classes.wrapped}`
                : classes.snippet
            }
          >
            <code>{panel.text}</code>
          </pre>
          <CopyTextButton
            text={panel.text}
            aria-label={`Copy ${panel.what}`}
            tooltipText={`Copied ${panel.what}`}
            variant="secondary"
          />
        </Box>
      </Box>
    </Box>
  );
}
