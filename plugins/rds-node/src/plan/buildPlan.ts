import { randomUUID } from 'node:crypto';
import type {
  DerivedNames,
  Plan,
  ProvisionRequest,
} from '@internal/plugin-rds-common';
import type { RdsEnvironment } from '../config/types';
import type { RunContext } from '../context';
import type {
  ClusterState,
  DatabaseState,
  LoginCheck,
} from '../introspect/types';
import type {
  SecretState,
  SecretsManagerStore,
} from '../secrets/SecretsManagerStore';
import { payloadDrift, type SecretPayload } from '../secrets/payload';
import { generatePassword } from '../secrets/password';
import {
  createDatabase,
  grantConnect,
  grantRole,
  resetSessionRole,
  revokeDatabaseFromPublic,
  revokeRole,
  setSessionRole,
} from '../sql/builders';
import type { SqlStatement } from '../sql/statement';
import { planDatabaseSteps } from './databaseSteps';
import {
  approvalMessage,
  deletedSecretMessage,
  foreignDatabaseMessage,
  foreignSecretMessage,
} from './guardrails';
import { GROUP_LEVELS, levelRole, roleNames } from './model';
import { planProvenance } from './provenance';
import {
  planGroupRoles,
  planLoginRole,
  type RolePlanContext,
} from './roleSteps';
import { changeAction, publicStep, step, type ExecutableStep } from './types';

export const MANAGED_BY = 'backstage-rds';

/** Everything the planner needs; all of it read before any change. */
export interface PlanInputs {
  request: ProvisionRequest;
  ctx: RunContext;
  environment: RdsEnvironment;
  names: DerivedNames;
  secretName: string;
  cluster: ClusterState;
  database: DatabaseState;
  secret: SecretState;
  secrets: SecretsManagerStore;
  adminSecretArn?: string;
  approved: boolean;
  /** A real login with the secret's password, when there is one to try. */
  loginCheck?: LoginCheck;
}

/** A plan with what apply needs to run it. `password` never leaves the engine. */
export interface BuiltPlan {
  plan: Plan;
  steps: ExecutableStep[];
  /** Secret ARN known before apply (existing secret). */
  secretArn?: string;
  /** The password that the secret holds or will hold; redaction uses it as a last net. */
  password: () => string;
  /** The login role's password is set by this plan: apply proves it logs in afterwards. */
  setsPassword: boolean;
}

/** Tags the secret should carry; `BuildId` is only written along with a new value. */
function desiredTags(inputs: PlanInputs): Record<string, string> {
  const { request, ctx, environment, secret } = inputs;
  return {
    ...environment.secrets.tags,
    ...ctx.tags,
    ManagedBy: MANAGED_BY,
    Environment: request.environment,
    App: request.appName,
    Owner: request.entityRef ?? ctx.entityRef ?? secret.tags.Owner ?? ctx.actor,
  };
}

/** introspected state + request → ordered steps. Pure apart from generating a password. */
export function buildPlan(inputs: PlanInputs): BuiltPlan {
  const { request, names, cluster, environment, secret, secretName } = inputs;
  const roles = roleNames(names);
  const version = cluster.serverVersion;
  const roleCtx: RolePlanContext = {
    cluster,
    names,
    appName: request.appName,
    environment: request.environment,
    accessLevel: request.accessLevel,
  };
  const steps: ExecutableStep[] = [planProvenance(cluster)];

  // The secret first: it is the password's home, so a secret store that refuses the write
  // stops the run before anything exists in Postgres, and the login role never gets a
  // password that no secret holds.
  const { secretStep, password, secretVersion } = planSecret(inputs);
  steps.push(secretStep);

  // NOLOGIN owner and group roles.
  steps.push(...planGroupRoles(roleCtx));

  // The admin needs SET (16+) or membership (13-15) on the owner role for CREATE DATABASE ...
  // OWNER and SET ROLE, and inheritance to connect to the database once PUBLIC is revoked.
  const owner = cluster.roles.owner;
  const adminReady = owner.exists && owner.adminCanSet && owner.adminInherits;
  steps.push(
    step({
      id: 'admin.membership',
      kind: 'membership',
      target: `${cluster.admin} in ${roles.owner}`,
      scope: 'cluster',
      action: changeAction(adminReady ? 0 : 1, owner.exists),
      statements: adminReady
        ? []
        : [grantRole(roles.owner, cluster.admin, version)],
      reason: adminReady
        ? `${cluster.admin} can act as ${roles.owner}`
        : `${cluster.admin} needs ${
            version >= 160000 ? 'SET and INHERIT on' : 'membership in'
          } ${roles.owner} to create its database and grant inside it`,
    }),
  );

  // The database.
  const db = cluster.database;
  if (!db.exists) {
    steps.push(
      step({
        id: 'database',
        kind: 'database',
        target: names.database,
        scope: 'cluster',
        action: 'create',
        statements: [createDatabase(names.database, roles.owner)],
        transaction: false,
        reason: `database ${names.database} does not exist`,
      }),
    );
  } else if (db.owner !== roles.owner) {
    steps.push(
      step({
        id: 'database',
        kind: 'database',
        target: names.database,
        scope: 'none',
        action: 'block',
        reason: foreignDatabaseMessage(
          names.database,
          db.owner ?? '?',
          roles.owner,
        ),
      }),
    );
  } else {
    steps.push(
      step({
        id: 'database',
        kind: 'database',
        target: names.database,
        scope: 'cluster',
        action: 'none',
        reason: `database ${names.database} exists, owned by ${roles.owner}`,
      }),
    );
  }

  // Who may connect: the owner (implicitly) and the group roles; not PUBLIC.
  const dbSql: SqlStatement[] = [];
  const dbWhy: string[] = [];
  const publicPrivileges = db.exists
    ? db.acl.filter(e => e.grantee === 'PUBLIC').map(e => e.privilege)
    : ['CONNECT', 'TEMPORARY'];
  if (publicPrivileges.length) {
    dbSql.push(revokeDatabaseFromPublic(names.database));
    dbWhy.push(`PUBLIC has ${publicPrivileges.join(', ')} on the database`);
  }
  const noConnect = GROUP_LEVELS.map(l => roles[l]).filter(
    r => !db.acl.some(e => e.grantee === r && e.privilege === 'CONNECT'),
  );
  if (noConnect.length) {
    dbSql.push(grantConnect(names.database, noConnect));
    dbWhy.push(`${noConnect.join(' and ')} cannot connect`);
  }
  steps.push(
    step({
      id: 'database.privileges',
      kind: 'grant',
      target: names.database,
      scope: 'cluster',
      action: changeAction(dbSql.length, db.exists),
      statements: dbSql,
      transaction: true,
      reason: dbWhy.length
        ? dbWhy.join('; ')
        : 'only the app roles can connect',
    }),
  );

  steps.push(...planDatabaseSteps(names, inputs.database));

  // The login role.
  const login = cluster.roles.login;
  const loginRole = planLoginRole(roleCtx, {
    password,
    secretVersion,
    check: inputs.loginCheck,
  });
  steps.push(loginRole.step);

  // Membership of the login role: exactly the role of its access level.
  const wanted = levelRole(names, request.accessLevel);
  const memberSql: SqlStatement[] = [];
  const memberWhy: string[] = [];
  if (!login.memberOf.includes(wanted)) {
    memberSql.push(grantRole(wanted, login.name, version));
    memberWhy.push(`${login.name} is not a member of ${wanted}`);
  }
  for (const other of [roles.owner, roles.reader, roles.editor]) {
    if (other !== wanted && login.memberOf.includes(other)) {
      memberSql.push(revokeRole(other, login.name));
      memberWhy.push(`${login.name} is still a member of ${other}`);
    }
  }
  steps.push(
    step({
      id: 'login.membership',
      kind: 'membership',
      target: `${login.name} in ${wanted}`,
      scope: 'cluster',
      action: changeAction(memberSql.length, login.exists),
      statements: memberSql,
      transaction: true,
      reason: memberWhy.length
        ? memberWhy.join('; ')
        : `${login.name} has access level ${request.accessLevel}`,
    }),
  );

  // Owner-level logins create objects as the owner role, so default privileges apply to them.
  const roleSetting = db.loginSettings.find(s => s.startsWith('role='));
  const wantSetting =
    request.accessLevel === 'owner' ? `role=${roles.owner}` : undefined;
  const settingSql: SqlStatement[] = [];
  let settingWhy = 'session role setting matches the access level';
  if (wantSetting && roleSetting !== wantSetting) {
    settingSql.push(setSessionRole(login.name, names.database, roles.owner));
    settingWhy = `sessions of ${login.name} in ${names.database} should run as ${roles.owner}, so new objects belong to it`;
  } else if (!wantSetting && roleSetting) {
    settingSql.push(resetSessionRole(login.name, names.database));
    settingWhy = `sessions of ${login.name} in ${names.database} should not switch role (access level ${request.accessLevel})`;
  }
  steps.push(
    step({
      id: 'login.settings',
      kind: 'role_setting',
      target: login.name,
      scope: 'cluster',
      action: changeAction(
        settingSql.length,
        Boolean(roleSetting) || login.exists,
      ),
      statements: settingSql,
      reason: settingWhy,
    }),
  );

  // Approval gate for environments that need it, only when something would change.
  const changes = steps.filter(
    s => s.action === 'create' || s.action === 'update',
  ).length;
  if (environment.requiresApproval && !inputs.approved && changes > 0) {
    steps.unshift(
      step({
        id: 'approval',
        kind: 'approval',
        target: request.environment,
        scope: 'none',
        action: 'block',
        reason: approvalMessage(request.environment, changes),
      }),
    );
  }

  const plan: Plan = {
    request,
    instance: environment.instance.name,
    database: names.database,
    role: names.loginRole,
    secretName,
    steps: steps.map(publicStep),
    blocked: steps.some(s => s.action === 'block'),
    drift: steps
      .filter(s => s.action === 'create' || s.action === 'update')
      .map(s => `${s.id}: ${s.reason}`),
  };
  return {
    plan,
    steps,
    secretArn: secret.arn,
    password,
    setsPassword: loginRole.setsPassword,
  };
}

/** Decides the secret step and which password and version the login role must have. */
function planSecret(inputs: PlanInputs): {
  secretStep: ExecutableStep;
  password: () => string;
  secretVersion: string;
} {
  const { request, ctx, environment, names, secret, secretName, secrets } =
    inputs;
  const base = { id: 'secret', kind: 'secret', target: secretName };
  const connection: Omit<SecretPayload, 'password'> = {
    engine: 'postgres',
    host: environment.instance.host,
    port: environment.instance.port,
    username: names.loginRole,
    dbname: names.database,
    dbInstanceIdentifier: environment.instance.name,
    masterarn: inputs.adminSecretArn,
  };
  const tags = desiredTags(inputs);
  const buildTag: Record<string, string> = {};
  const buildId = ctx.buildId ?? request.buildId;
  if (buildId) buildTag.BuildId = buildId;
  const stored = secret.payload?.password;
  const storedPassword =
    typeof stored === 'string' && stored ? stored : undefined;

  // Generated once per plan, only when needed.
  let fresh: string | undefined;
  const newPassword = () => (fresh ??= generatePassword());
  const newVersion = randomUUID();
  const blocked = (reason: string) => ({
    secretStep: step({ ...base, scope: 'none', action: 'block', reason }),
    password: () => storedPassword ?? newPassword(),
    secretVersion: secret.versionId ?? '',
  });

  if (!secret.exists) {
    return {
      secretStep: step({
        ...base,
        scope: 'secret',
        action: 'create',
        reason: `secret ${secretName} does not exist: create it with a new generated password`,
        secretWrite: () =>
          secrets.create(
            secretName,
            { ...connection, password: newPassword() },
            {
              versionId: newVersion,
              tags: { ...tags, ...buildTag },
              kmsKeyId: environment.secrets.kmsKeyId,
              description: `Postgres login ${names.loginRole} for ${names.database} (managed by Backstage)`,
            },
          ),
      }),
      password: newPassword,
      secretVersion: newVersion,
    };
  }
  if (secret.deletedDate)
    return blocked(deletedSecretMessage(secretName, secret.deletedDate));
  if (secret.tags.ManagedBy !== MANAGED_BY) {
    return blocked(foreignSecretMessage(secretName, secret.tags.ManagedBy));
  }

  const why: string[] = [];
  let rotate = false;
  if (!storedPassword) {
    rotate = true;
    why.push(
      `${
        secret.problem ?? 'the secret holds no password'
      }: store a new generated password`,
    );
  } else if (request.rotatePassword) {
    rotate = true;
    why.push('password rotation requested: store a new generated password');
  }
  const drifted = secret.payload
    ? payloadDrift(secret.payload, connection)
    : [];
  if (!rotate && drifted.length)
    why.push(`fields ${drifted.join(', ')} differ from the instance`);
  const tagDrift = Object.entries(tags)
    .filter(([k, v]) => secret.tags[k] !== v)
    .map(([k]) => k);

  const putValue = rotate || drifted.length > 0;
  if (tagDrift.length)
    why.push(`tags ${tagDrift.join(', ')} are missing or differ`);
  const password = rotate ? newPassword : () => storedPassword!;
  return {
    secretStep: step({
      ...base,
      scope: 'secret',
      action: why.length ? 'update' : 'none',
      reason: why.length
        ? `secret ${secretName}: ${why.join('; ')}`
        : `secret ${secretName} is current`,
      secretWrite: why.length
        ? async () => {
            // Value first: a failure after it leaves the secret ahead of the role, and the
            // next run brings the role to the secret (see the login role's secret-version).
            if (putValue) {
              await secrets.put(
                secretName,
                { ...connection, password: password() },
                newVersion,
              );
            }
            if (tagDrift.length || putValue) {
              await secrets.tag(
                secretName,
                putValue ? { ...tags, ...buildTag } : tags,
              );
            }
            return { arn: secret.arn };
          }
        : undefined,
    }),
    password,
    secretVersion: putValue ? newVersion : secret.versionId ?? '',
  };
}
