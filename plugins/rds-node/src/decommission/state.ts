import type { DerivedNames } from '@rds-self-service/plugin-rds-common';
import type { PoolClient } from 'pg';
import type { RdsEnvironment } from '../config/types';
import type { InstanceConnections } from '../connection/InstanceConnections';
import { readAppRole, readCluster } from '../introspect/readCluster';
import type { RoleState } from '../introspect/types';
import { ROLE_KINDS, roleNames } from '../plan/model';
import type { SecretsManagerStore } from '../secrets/SecretsManagerStore';
import type { DumpStore } from './destination';
import { readDecommissionFacts } from './introspect';
import { readPgDumpVersion } from './pgDump';
import type { DecommissionState } from './types';

/** Where a decommission reads from. */
export interface DecommissionSources {
  environment: RdsEnvironment;
  connections: InstanceConnections;
  secrets: SecretsManagerStore;
  /** Absent when no destination is configured. */
  dumps?: DumpStore;
  pgDumpPath: string;
}

/** Reads everything the decommission planner needs, before any change. */
export async function readDecommissionState(
  sources: DecommissionSources,
  session: PoolClient,
  names: DerivedNames,
  secretName: string,
  wantsDump: boolean,
): Promise<DecommissionState> {
  const { environment, connections, secrets } = sources;
  const secretRead = secrets.read(secretName);
  secretRead.catch(() => {});
  const cluster = await readCluster(
    connections,
    session,
    names,
    environment.instance,
  );
  const byKind = roleNames(names);
  const clone = await readClone(session, names, cluster);
  const facts = await readDecommissionFacts(
    session,
    [...ROLE_KINDS.map(k => byKind[k]), ...(clone ? [clone.name] : [])],
    names.database,
  );
  const [secret, pgDump, existingDumps] = await Promise.all([
    secretRead,
    wantsDump && cluster.database.exists
      ? readPgDumpVersion(sources.pgDumpPath)
      : undefined,
    sources.dumps && wantsDump
      ? sources.dumps.list(names.database)
      : Promise.resolve([]),
  ]);
  return {
    cluster,
    clone,
    ...facts,
    secret,
    secretName,
    pgDump,
    existingDumps,
  };
}

/** The rotation clone of the login, whatever the rotation config says now, when it is the platform's. */
async function readClone(
  session: PoolClient,
  names: DerivedNames,
  cluster: DecommissionState['cluster'],
): Promise<RoleState | undefined> {
  const name = `${names.loginRole}_clone`;
  if (Buffer.byteLength(name) > 63) return undefined;
  const { role } = await readAppRole(session, cluster, name, names.database);
  return role.exists && role.provenance ? role : undefined;
}
