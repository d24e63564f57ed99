import {
  connectCommands,
  type ConnectCommands,
  type ConnectionDetails,
} from '@rds-self-service/plugin-rds-common';

/** What the Connect section offers to copy: rds-common's commands plus the Kubernetes manifest. */
export interface ConnectSnippets extends ConnectCommands {
  /** An ExternalSecret that renders `DATABASE_URL` from the secret's keys. */
  externalSecret: string;
  /** The URL the ExternalSecret renders, with the password masked. */
  maskedUrl: string;
}

/** The CA bundle RDS instances' certificates chain to, for `sslmode=verify-full`. */
export const RDS_CA_BUNDLE_URL =
  'https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem';

/** The commands (rds-common's `connectCommands`, also the task page's) and the ExternalSecret. */
export function connectSnippets(
  connection: ConnectionDetails,
  names: { appName: string; environment: string },
): ConnectSnippets {
  const query = connection.sslMode ? `?sslmode=${connection.sslMode}` : '';
  const maskedUrl = `postgresql://${connection.user}:***@${connection.host}:${connection.port}/${connection.database}${query}`;
  const name = kubernetesName(`${names.appName}-${names.environment}-db`);
  const externalSecret = [
    'apiVersion: external-secrets.io/v1beta1',
    'kind: ExternalSecret',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  # Picks up a rotated password within the hour.',
    '  refreshInterval: 1h',
    '  secretStoreRef:',
    `    # Your store for Secrets Manager in ${connection.region}.`,
    '    kind: ClusterSecretStore',
    '    name: aws-secrets-manager',
    '  target:',
    `    name: ${name}`,
    '    template:',
    '      engineVersion: v2',
    '      data:',
    `        DATABASE_URL: 'postgresql://{{ .username }}:{{ .password | urlquery }}@{{ .host }}:{{ .port }}/{{ .dbname }}${query}'`,
    '  dataFrom:',
    '    - extract:',
    `        key: ${connection.secretName}`,
    '',
  ].join('\n');

  return {
    ...connectCommands(connection),
    externalSecret,
    maskedUrl,
  };
}

/** A Kubernetes object name: lowercase letters, digits and '-'. */
function kubernetesName(value: string): string {
  return value
    .toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);
}
