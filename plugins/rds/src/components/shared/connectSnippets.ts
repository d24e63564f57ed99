import type { ConnectionDetails } from '@internal/plugin-rds-common';

/** What the Connect section offers to copy, built for the backend's Secrets Manager and instance. */
export interface ConnectSnippets {
  /** Prints the secret's JSON (host, port, dbname, username, password). */
  readSecretCommand: string;
  /** Opens a psql session as the login role, the password read from the secret. */
  psqlCommand: string;
  /** An ExternalSecret that renders `DATABASE_URL` from the secret's keys. */
  externalSecret: string;
  /** The URL the ExternalSecret renders, with the password masked. */
  maskedUrl: string;
  /** Whether the command carries placeholder AWS keys (a local endpoint checks no signatures). */
  placeholderKeys: boolean;
  /** The secret in the AWS console; only when Secrets Manager is AWS's own endpoint. */
  consoleUrl?: string;
}

/** The CA bundle RDS instances' certificates chain to, for `sslmode=verify-full`. */
export const RDS_CA_BUNDLE_URL =
  'https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem';

/**
 * The commands and manifests of the Connect section. They take `--region`
 * always (the AWS CLI has no default) and `--endpoint-url` when the backend
 * uses an endpoint of its own; for an endpoint on this machine (the local one
 * of `yarn start`) they carry placeholder keys, since the AWS CLI refuses to
 * run without any. The same shapes as the task page's connect output
 * (scaffolder-backend-module-rds, actions/connect.ts).
 */
export function connectSnippets(
  connection: ConnectionDetails,
  names: { appName: string; environment: string },
): ConnectSnippets {
  const endpoint = connection.secretsManagerEndpoint;
  const placeholderKeys = !!endpoint && isLoopback(endpoint);
  const readSecretCommand = [
    `${
      placeholderKeys
        ? 'AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local '
        : ''
    }aws secretsmanager get-secret-value`,
    `--secret-id ${shellWord(connection.secretName)}`,
    `--region ${shellWord(connection.region)}`,
    ...(endpoint ? [`--endpoint-url ${shellWord(endpoint)}`] : []),
    '--query SecretString --output text',
  ].join(' ');

  const conninfo = [
    `host=${connection.host}`,
    `port=${connection.port}`,
    `dbname=${connection.database}`,
    `user=${connection.user}`,
    ...(connection.sslMode ? [`sslmode=${connection.sslMode}`] : []),
    ...(connection.sslMode === 'verify-full'
      ? ['sslrootcert=global-bundle.pem']
      : []),
  ].join(' ');
  const psqlCommand = `PGPASSWORD="$(${readSecretCommand} | jq -r .password)" psql ${shellWord(
    conninfo,
  )}`;

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
    readSecretCommand,
    psqlCommand,
    externalSecret,
    maskedUrl,
    placeholderKeys,
    ...(!endpoint && {
      consoleUrl: `https://${
        connection.region
      }.console.aws.amazon.com/secretsmanager/secret?name=${encodeURIComponent(
        connection.secretName,
      )}&region=${encodeURIComponent(connection.region)}`,
    }),
  };
}

function isLoopback(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return (
      host === 'localhost' ||
      host === '[::1]' ||
      /^127\.\d+\.\d+\.\d+$/.test(host)
    );
  } catch {
    return false;
  }
}

/** The value as one shell word: as it is when that is safe, else in single quotes. */
function shellWord(value: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(value)
    ? value
    : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A Kubernetes object name: lowercase letters, digits and '-'. */
function kubernetesName(value: string): string {
  return value
    .toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);
}
