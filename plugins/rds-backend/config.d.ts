export interface Config {
  /**
   * Self-service Postgres (RDS) databases. See docs/configuration.md for the
   * full reference and examples.
   */
  rds?: {
    /**
     * Where database credentials are stored. On AWS, leave `endpoint` and
     * `credentials` unset so the SDK uses the default credential chain (IAM role).
     */
    secretsManager?: {
      /** AWS region of the Secrets Manager, e.g. `eu-west-1`. Defaults to the SDK's region chain (AWS_REGION). */
      region?: string;
      /** A Secrets Manager-compatible endpoint, e.g. the local one at `http://127.0.0.1:4566`. */
      endpoint?: string;
      /** Static credentials, only allowed together with `endpoint` (local development). */
      credentials?: {
        accessKeyId: string;
        /** @visibility secret */
        secretAccessKey: string;
      };
    };

    /** The environments databases can be provisioned in, keyed by environment name (e.g. `dev`, `prod`). */
    environments?: {
      [name: string]: {
        /**
         * Marks a development environment. Defaults to true for the environment named `dev`.
         * Only development environments may hold a plain admin password or use a TLS mode other than verify-full.
         */
        dev?: boolean;
        /**
         * Whether provisioning needs an explicit approval through the permission policy
         * (`rds.environment.provision`). Defaults to false for dev environments, true otherwise.
         */
        requiresApproval?: boolean;
        /**
         * Who approves runs where `requiresApproval` is true, and how. The rds backend checks
         * it on top of the permission policy, so an allow-all policy never opens such an
         * environment: without approvers nobody can provision there. See docs/security.md.
         */
        approval?: {
          /**
           * Users and groups (entity refs, e.g. `group:default/platform-team`) who may approve
           * or reject requests; the policy must also allow them `rds.environment.approve`.
           */
          approvers?: string[];
          /**
           * Whether an approver may provision directly (their own run needs no second person).
           * Defaults to true in dev environments, false elsewhere.
           */
          selfApproval?: boolean;
          /**
           * How long a pending request can be approved, e.g. `7d`, `PT12H` or `{ days: 3 }`.
           * Defaults to 7 days. Expired (and rejected) requests are kept.
           */
          expiresAfter?: string | { [unit: string]: number };
        };
        /** The Postgres (RDS) instance of this environment. */
        instance: {
          /** A display name for audit records and the UI. Defaults to the host. */
          name?: string;
          host: string;
          /** Defaults to 5432. */
          port?: number;
          /** The database the admin connects to. Defaults to `postgres`. */
          adminDatabase?: string;
          /**
           * The NOLOGIN role whose membership (granted by the admin) marks the roles the platform
           * created; one per platform admin on an instance. Defaults to `backstage_rds_managed`.
           * See docs/security.md.
           */
          provenanceRole?: string;
          /** Plain admin credentials: dev environments only. */
          admin?: {
            user: string;
            /** @visibility secret */
            password: string;
          };
          /**
           * The Secrets Manager secret (name or ARN) holding the admin credentials as
           * JSON `{ "username", "password" }`, like the RDS master user secret.
           */
          adminSecretId?: string;
          /**
           * RDS IAM database authentication for the admin (instead of `admin` or `adminSecretId`):
           * a token signed per connection with the backend's AWS credentials, no stored password.
           * Needs `ssl.mode: verify-full` with the CA bundle. See docs/configuration.md#iam-admin.
           */
          adminIam?: {
            /** The database user: holds `rds_iam`, and IAM allows it `rds-db:connect`. */
            user: string;
            /** The instance's AWS region, e.g. `eu-west-1`. */
            region: string;
          };
          ssl?: {
            /** `verify-full` (required outside dev), `require`, or `disable`. */
            mode?: 'disable' | 'require' | 'verify-full';
            /** PEM bundle of the CA that signed the server certificate (e.g. the RDS global bundle). */
            ca?: string;
            /** Path of a PEM CA bundle file, read at startup. */
            caFile?: string;
          };
          /**
           * How long the engine waits for the instance, in milliseconds, before a run fails
           * with a message naming the key. See docs/engine.md#timeouts.
           */
          timeouts?: {
            /** Opening a session (TCP, TLS, authentication) or waiting for a free one; retried up to 3 attempts. Defaults to 15000. */
            connectMs?: number;
            /**
             * One statement (its statement_timeout, and how long the client waits for its answer
             * before it closes the session and fails the run, without retrying). Defaults to 120000.
             */
            queryMs?: number;
          };
        };
        /** How database credentials are stored. */
        secrets?: {
          /** Secret name, with `{env}` and `{app}` placeholders. Defaults to `rds/{env}/{app}`. */
          namePattern?: string;
          /** KMS key (id, ARN or alias) that encrypts the secrets. Defaults to the account's AWS managed key. */
          kmsKeyId?: string;
          /** Extra tags on every secret, e.g. cost centre. */
          tags?: { [key: string]: string };
          /**
           * Secrets Manager rotation of the app secrets: provisioning turns it on for each secret.
           * See docs/configuration.md#rotation.
           */
          rotation?: {
            /** Turn rotation on for the environment's secrets. Defaults to true when the block is present. */
            enabled?: boolean;
            /** ARN of the rotation Lambda (AWS's SecretsManagerRDSPostgreSQLRotationSingleUser or ...MultiUser). */
            lambdaArn: string;
            /** Days between rotations, 1 to 1000. Defaults to 30. */
            scheduleDays?: number;
            /** `single-user` (default) or `alternating-users` (the `<login>_clone` scheme). */
            strategy?: 'single-user' | 'alternating-users';
            /**
             * Alternating users: the master secret's ARN the function logs in with (written as
             * `masterarn`). Defaults to the admin secret; required with `adminIam`.
             */
            masterSecretArn?: string;
          };
        };
        /**
         * How databases are decommissioned (POST /api/rds/decommission, the rds:decommission
         * action, the CLI's --decommission). See docs/configuration.md#decommission.
         */
        decommission?: {
          /**
           * The most destructive policy a request may ask for, and the default: `retain` (logins
           * disabled, data and secret kept), `snapshot-and-delete` (pg_dump first) or `delete`.
           * Defaults to `retain`.
           */
          policy?: 'retain' | 'snapshot-and-delete' | 'delete';
          /** Whether a real decommission needs approval. Defaults to true outside dev environments. */
          requiresApproval?: boolean;
          /** Where snapshot-and-delete puts its dumps: a folder or an S3 bucket. */
          destination?: {
            /** A folder on the backend's disk (the embedded setup). */
            folder?: string;
            s3?: {
              bucket: string;
              /** Key prefix, e.g. `rds-dumps/`. */
              prefix?: string;
              /** The bucket's region. Defaults to AWS_REGION. */
              region?: string;
              /** An S3-compatible endpoint (tests); path-style addressing then. */
              endpoint?: string;
              /** KMS key for SSE-KMS; AES256 when absent. */
              kmsKeyId?: string;
            };
          };
          /** The pg_dump binary; its major version must be at least the server's. Defaults to `pg_dump` on PATH. */
          pgDumpPath?: string;
          /** The pg_restore that verifies dumps. Defaults to the one next to pgDumpPath. */
          pgRestorePath?: string;
          /** Bound of one dump, in milliseconds. Defaults to 1800000 (30 min). */
          dumpTimeoutMs?: number;
          /** Recovery window of deleted secrets, 7 to 30 days. Defaults to 30. */
          secretRecoveryDays?: number;
        };
      };
    };
  };
}
