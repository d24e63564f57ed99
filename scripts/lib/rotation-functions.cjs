// The rotation functions the local Secrets Manager endpoint of `yarn start` invokes by ARN: the
// TypeScript ports of AWS's PostgreSQL rotation functions in plugins/rds-node, loaded through
// Backstage's node transform (they are TypeScript with extensionless imports).
'use strict';

require('@backstage/cli/config/nodeTransform.cjs');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const { createPostgresRotationHandler } = require(path.join(
  root,
  'plugins/rds-node/src/rotation/functions/handler.ts',
));
const { SecretsManagerClient } = require('@aws-sdk/client-secrets-manager');

/** The ARNs app-config.yaml names, by strategy. */
const ARNS = {
  'single-user':
    'arn:aws:lambda:us-east-1:000000000000:function:SecretsManagerRDSPostgreSQLRotationSingleUser',
  'alternating-users':
    'arn:aws:lambda:us-east-1:000000000000:function:SecretsManagerRDSPostgreSQLRotationMultiUser',
};

/**
 * Handlers by Lambda ARN for an endpoint; `ca` is the PEM bundle TLS is verified against (the
 * prod-like cluster's local CA).
 */
exports.rotationFunctions = ({ endpoint, ca, log }) => {
  const secretsManager = new SecretsManagerClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return Object.fromEntries(
    Object.entries(ARNS).map(([strategy, arn]) => [
      arn,
      createPostgresRotationHandler({
        strategy,
        secretsManager,
        ca,
        logger: line => log?.(`rotation ${strategy}: ${line}`),
      }),
    ]),
  );
};
