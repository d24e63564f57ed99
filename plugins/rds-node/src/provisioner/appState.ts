import {
  deriveNames,
  renderSecretName,
  type DerivedNames,
  type ProvisionRequest,
} from '@rds-self-service/plugin-rds-common';
import type { PoolClient } from 'pg';
import type { RdsEnvironment } from '../config/types';
import type { RunContext } from '../context';
import type { InstanceConnections } from '../connection/InstanceConnections';
import { readAppRole, readCluster } from '../introspect/readCluster';
import { cloneName, secretUsers } from '../rotation/config';
import type { CloneState } from '../rotation/planRotation';
import {
  introspectDatabase,
  uninspectedDatabase,
} from '../introspect/database';
import { checkLogin } from '../introspect/loginCheck';
import type {
  ClusterState,
  DatabaseState,
  LoginCheck,
} from '../introspect/types';
import { buildPlan, type BuiltPlan } from '../plan/buildPlan';
import type {
  SecretState,
  SecretsManagerStore,
} from '../secrets/SecretsManagerStore';

/** Where an app's state is read from. */
export interface StateSources {
  environment: RdsEnvironment;
  connections: InstanceConnections;
  secrets: SecretsManagerStore;
}

/** Everything a plan is made from, read before any change. */
export interface AppState {
  cluster: ClusterState;
  database: DatabaseState;
  secret: SecretState;
  secretName: string;
  adminSecretArn?: string;
  loginCheck?: LoginCheck;
  /** The `_clone` login of alternating-users rotation, when the environment uses it. */
  clone?: CloneState;
}

/** A plan with whether its in-database steps were planned from a read of the database. */
export type StatePlan = BuiltPlan & { databaseInspected: boolean };

/**
 * Reads cluster, database and secret state: the secret while the cluster is read, then the
 * database and a login with the secret's password side by side.
 */
export async function readAppState(
  sources: StateSources,
  session: PoolClient,
  appName: string,
): Promise<AppState> {
  const { environment: env, connections, secrets } = sources;
  const names = deriveNames(appName, env.name);
  const secretName = renderSecretName(
    env.secrets.namePattern,
    appName,
    env.name,
  );
  // The secret does not depend on the catalog: read it while the catalog is read.
  const secretRead = secrets.read(secretName);
  secretRead.catch(() => {}); // awaited below; avoids an unhandled rejection meanwhile
  // The login with the secret's password needs only the secret: it runs beside the catalog
  // reads, and counts only for a managed login role that may log in.
  const loginRead = secretRead.then(s => checkSecretLogin(env, names, s));
  loginRead.catch(() => {});
  const cluster = await readCluster(connections, session, names, env.instance);
  const clone = await readClone(session, cluster, env, names);
  const [database, secret, admin, loginCheck] = await Promise.all([
    readDatabase(connections, cluster, names),
    secretRead,
    connections.adminLogin(),
    loginRead,
  ]);
  // The check counts for the role the secret names: the login, or its rotation clone.
  const login =
    clone && secret.payload?.username === clone.role.name
      ? clone.role
      : cluster.roles.login;
  return {
    cluster,
    database,
    secret,
    secretName,
    adminSecretArn: admin.secretArn,
    loginCheck:
      login.exists && login.provenance && login.canLogin
        ? loginCheck
        : undefined,
    clone,
  };
}

/** The plan for a request from a state read by {@link readAppState}. */
export function planFromState(
  environment: RdsEnvironment,
  state: AppState,
  request: ProvisionRequest,
  ctx: RunContext,
  approved: boolean,
): StatePlan {
  return {
    ...buildPlan({
      request,
      ctx,
      environment,
      names: deriveNames(request.appName, request.environment),
      secretName: state.secretName,
      cluster: state.cluster,
      database: state.database,
      secret: state.secret,
      adminSecretArn: state.adminSecretArn,
      approved,
      loginCheck: state.loginCheck,
      clone: state.clone,
    }),
    databaseInspected: state.database.inspected,
  };
}

/** Reads and plans in one go. */
export async function readAndPlan(
  sources: StateSources,
  session: PoolClient,
  request: ProvisionRequest,
  ctx: RunContext,
  approved: boolean,
): Promise<StatePlan> {
  const state = await readAppState(sources, session, request.appName);
  return planFromState(sources.environment, state, request, ctx, approved);
}

/**
 * A real login with the secret's password: the only way to see a password changed behind the
 * platform's back. Only when the secret holds one for this login role.
 */
async function checkSecretLogin(
  environment: RdsEnvironment,
  names: DerivedNames,
  secret: SecretState,
): Promise<LoginCheck | undefined> {
  const password = secret.payload?.password;
  if (typeof password !== 'string' || !password) return undefined;
  const user = secret.payload?.username as string;
  if (!secretUsers(environment, names).includes(user)) return undefined;
  return checkLogin(environment.instance, {
    user,
    password,
    database: names.database,
  });
}

/** The clone login of alternating-users rotation; undefined for other environments. */
async function readClone(
  session: PoolClient,
  cluster: ClusterState,
  env: RdsEnvironment,
  names: DerivedNames,
): Promise<CloneState | undefined> {
  const clone = cloneName(env, names);
  if (!clone) return undefined;
  return readAppRole(session, cluster, clone, names.database);
}

/** The in-database state, when the database is the platform's and the admin can enter it. */
async function readDatabase(
  connections: InstanceConnections,
  cluster: ClusterState,
  names: DerivedNames,
): Promise<DatabaseState> {
  const db = cluster.database;
  if (!db.exists) return uninspectedDatabase('the database does not exist yet');
  if (db.owner !== names.ownerRole) {
    return uninspectedDatabase('the database is not owned by the platform');
  }
  if (!cluster.roles.owner.adminInherits) {
    return uninspectedDatabase(
      'the admin cannot connect before it is granted the owner role',
    );
  }
  const session = await connections.databaseSession(db.name);
  try {
    return await introspectDatabase(session, names);
  } finally {
    session.release();
  }
}
