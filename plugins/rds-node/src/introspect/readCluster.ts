import type { DerivedNames } from '@rds-self-service/plugin-rds-common';
import type { PoolClient } from 'pg';
import type { InstanceConnections } from '../connection/InstanceConnections';
import { DEFAULT_PROVENANCE_ROLE } from '../plan/provenance';
import { introspectCluster, introspectRole } from './cluster';
import type { ClusterState } from './types';

/** Reads the server version, then the app's roles and database with the instance's provenance role. */
export async function readCluster(
  connections: InstanceConnections,
  session: PoolClient,
  names: DerivedNames,
  instance: { provenanceRole?: string },
): Promise<ClusterState> {
  const serverVersion = await connections.serverVersion(session);
  return introspectCluster(
    session,
    serverVersion,
    names,
    instance.provenanceRole ?? DEFAULT_PROVENANCE_ROLE,
  );
}

/** Reads one more role of the app (e.g. a rotation clone) as {@link readCluster} read its roles. */
export function readAppRole(
  session: PoolClient,
  cluster: ClusterState,
  role: string,
  database: string,
) {
  return introspectRole(
    session,
    cluster.serverVersion,
    role,
    database,
    cluster.provenance.name,
  );
}
