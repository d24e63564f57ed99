import type { DerivedNames } from '@rds-self-service/plugin-rds-common';
import type { PoolClient } from 'pg';
import type { RdsEnvironment } from '../config/types';
import type { InstanceConnections } from '../connection/InstanceConnections';
import { introspectCluster } from '../introspect/cluster';
import { ROLE_KINDS, roleNames } from '../plan/model';
import { DEFAULT_PROVENANCE_ROLE } from '../plan/provenance';
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
  const serverVersion = await connections.serverVersion(session);
  const cluster = await introspectCluster(
    session,
    serverVersion,
    names,
    environment.instance.provenanceRole ?? DEFAULT_PROVENANCE_ROLE,
  );
  const byKind = roleNames(names);
  const facts = await readDecommissionFacts(
    session,
    ROLE_KINDS.map(k => byKind[k]),
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
    ...facts,
    secret,
    secretName,
    pgDump,
    existingDumps,
  };
}
