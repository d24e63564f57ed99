/** `rds-provision --help`. */
export const USAGE = `Usage: rds-provision --env <name> [--file terraform.tfvars] [--dry-run]
       (in this repo: ./yarnw rds-provision ...)

Provisions every app in the file's application_databases on the environment's instance:
roles, database, grants, default privileges and the Secrets Manager secret. Idempotent.

Options:
  --env <name>                 environment (required), e.g. dev, staging, prod
  --file <path>                terraform.tfvars (HCL), .yaml/.yml or .json (default: terraform.tfvars)
  --dry-run                    plan only: print the steps and SQL (passwords redacted), change nothing;
                               the audit CSV records the run with dry_run=true
  --governance-dir <dir>       audit CSV goes to <dir>/<env>/rds_provision_audit.csv (default: governance)
  --default-access-level <l>   for entries without access_level: owner, editor or reader (default: owner)
  --actor <name>               recorded in the audit (default: $GITHUB_ACTOR, $GITLAB_USER_LOGIN, $USER)
  --build-id <id>              recorded in tags and audit (default: $BUILD_ID, $GITHUB_RUN_ID, $CI_PIPELINE_ID)
  --config <app-config.yaml>   the Backstage backend's config: the instance is named as its
                               rds.environments.<env>.instance.name says (and must be at its host and port)
  --instance-name <name>       the instance's name in the audit and the secret (default: RDS_INSTANCE_NAME,
                               else --config's, else the host, with a warning)
  --report-to <url>            report the runs (not dry runs) to the Backstage backend at <url>, so the
                               Components' Database tabs show them as CI runs; needs RDS_BACKSTAGE_TOKEN, a
                               static token of backend.auth.externalAccess
  --verbose                    log each step to stderr, and the stack of an error
  -h, --help

Instance: RDS_ADMIN_URL (local dev, postgres://user:password@host:port/db) or RDS_HOST, RDS_PORT,
RDS_ADMIN_SECRET_ID, RDS_ADMIN_IAM_USER (RDS IAM authentication: a token per connection, signed in
RDS_ADMIN_IAM_REGION, default AWS_REGION; needs verify-full) or RDS_ADMIN_USER and RDS_ADMIN_PASSWORD (dev);
RDS_INSTANCE_NAME; RDS_CONNECT_TIMEOUT_MS
(default 15000: opening a session, retried) and RDS_QUERY_TIMEOUT_MS (default 120000: one statement; a stalled
one fails the app's run).
TLS, the backend's rule: RDS_SSL_MODE (disable, require, verify-full) and RDS_SSL_CA_FILE (PEM bundle, needed
with verify-full). Only a dev environment on this machine may use less than verify-full; unset, the mode is
disable there and verify-full everywhere else.
Environment flags, the backend's defaults: RDS_DEV=true|false (default: true for the environment named dev),
RDS_REQUIRES_APPROVAL=true|false (default: true outside dev). Where approval is required, ALLOW_DB_PROVISION=true
is needed to change anything.
Secrets: AWS_REGION; RDS_SECRETS_ENDPOINT (a Secrets Manager-compatible endpoint); RDS_SECRET_NAME_PATTERN
(default rds/{env}/{app}); RDS_SECRET_KMS_KEY_ID. AWS credentials: the SDK's chain (AWS_ACCESS_KEY_ID and
AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or a role); for an endpoint on this machine, static test credentials unless
AWS_ACCESS_KEY_ID is set.

Decommission: rds-provision --env <name> --decommission <app> [--policy ...] [--dry-run]; with --help for details.

Exit status: 0 all created, updated or unchanged; 2 something blocked; 1 a failure or invalid input.`;
