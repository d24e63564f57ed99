import {
  policyAllowed,
  type DecommissionPreflight,
} from '@rds-self-service/plugin-rds-common';
import type { RoleState } from '../introspect/types';
import { unmanagedRoleMessage } from '../plan/guardrails';
import { ROLE_KINDS } from '../plan/model';
import { grantProvenance, planProvenance } from '../plan/provenance';
import { MANAGED_BY } from '../plan/secretSteps';
import { quoteIdent } from '../sql/quote';
import {
  blockingObjectsMessage,
  dependenciesMessage,
  foreignDatabaseOwner,
  foreignSessionsMessage,
  pgDumpMessage,
  policyMessage,
} from './messages';
import type { DecommissionPlanInputs } from './plan';
import { block } from './steps';
import type { DecommissionStep } from './types';

/** The checks that keep the run from touching anything that is not provably the platform's. */
export function preflightBlocks(
  inputs: DecommissionPlanInputs,
): DecommissionStep[] {
  const { state, names, policy, config, environment } = inputs;
  const { cluster } = state;
  const deletes = policy !== 'retain';
  const out: DecommissionStep[] = [];
  if (!policyAllowed(policy, config.policy)) {
    out.push(
      block(
        { id: 'policy', kind: 'policy', target: environment },
        policyMessage(environment, policy, config.policy),
      ),
    );
  }
  const provenance = planProvenance(cluster);
  if (provenance.action === 'block') {
    out.push(block(provenance, provenance.reason));
  }
  const roles: Array<[string, RoleState]> = [
    ...ROLE_KINDS.map(k => [k, cluster.roles[k]] as [string, RoleState]),
    ...(state.clone ? [['clone', state.clone] as [string, RoleState]] : []),
  ];
  for (const [kind, role] of roles) {
    const base = {
      id: `preflight.role.${kind}`,
      kind: 'role',
      target: role.name,
    };
    if (role.exists && !role.provenance) {
      out.push(
        block(
          base,
          unmanagedRoleMessage(
            role.name,
            cluster.provenance.name,
            cluster.admin,
            grantProvenance(cluster, role.name).redacted,
            role.comment,
          ),
        ),
      );
    } else if (role.exists && role.superuser) {
      out.push(
        block(
          base,
          `role "${
            role.name
          }" was made a superuser outside the platform; the platform admin cannot change or drop it. Fix: have a superuser run ALTER ROLE ${quoteIdent(
            role.name,
          )} NOSUPERUSER, then re-run.`,
        ),
      );
    }
  }
  const db = cluster.database;
  const dbBase = {
    id: 'preflight.database',
    kind: 'database',
    target: db.name,
  };
  if (db.exists && db.owner !== names.ownerRole) {
    out.push(
      block(
        dbBase,
        foreignDatabaseOwner(db.name, db.owner ?? '?', names.ownerRole),
      ),
    );
  }
  if (!deletes) return out;
  const lost: Array<[string, string[], string]> = [
    [
      'prepared transactions',
      state.preparedTransactions,
      'have their owner COMMIT PREPARED or ROLLBACK PREPARED them',
    ],
    [
      'logical replication slots',
      state.replicationSlots,
      'make sure their consumers are gone and drop them with pg_drop_replication_slot()',
    ],
    [
      'subscriptions',
      state.subscriptions,
      'DROP SUBSCRIPTION them once nothing depends on them',
    ],
  ];
  for (const [what, list, fix] of lost) {
    if (list.length)
      out.push(block(dbBase, blockingObjectsMessage(db.name, what, list, fix)));
  }
  const foreign = state.sessions.filter(
    s => !s.managed && s.database === db.name,
  );
  if (foreign.length) {
    out.push(
      block(
        { id: 'preflight.sessions', kind: 'session', target: db.name },
        foreignSessionsMessage(db.name, [...new Set(foreign.map(s => s.user))]),
      ),
    );
  }
  if (state.dependencies.length) {
    out.push(
      block(
        { id: 'preflight.dependencies', kind: 'role', target: names.base },
        dependenciesMessage(state.dependencies),
      ),
    );
  }
  const secret = state.secret;
  if (secret.exists && secret.tags.ManagedBy !== MANAGED_BY) {
    out.push(
      block(
        { id: 'preflight.secret', kind: 'secret', target: state.secretName },
        `secret "${
          state.secretName
        }" is not managed by the platform (tag ManagedBy is ${
          secret.tags.ManagedBy
            ? JSON.stringify(secret.tags.ManagedBy)
            : 'missing'
        }); the platform never deletes secrets it did not create, so nothing was changed. Fix: delete it yourself if it is not needed, or decommission with policy "retain".`,
      ),
    );
  }
  if (policy === 'snapshot-and-delete' && db.exists) {
    const serverMajor = Math.floor(cluster.serverVersion / 10000);
    const dump = state.pgDump;
    const base = {
      id: 'preflight.pg_dump',
      kind: 'dump',
      target: dump?.path ?? 'pg_dump',
    };
    if (!config.destination) {
      out.push(
        block(
          { ...base, target: environment },
          `policy "snapshot-and-delete" needs a dump destination, and rds.environments.${environment}.decommission.destination is not set. Nothing was changed. Fix: configure a folder or an S3 bucket there, or decommission with policy "retain".`,
        ),
      );
    } else if (!dump || dump.error) {
      out.push(
        block(
          base,
          pgDumpMessage(dump?.error ?? 'pg_dump was not checked', serverMajor),
        ),
      );
    } else if ((dump.major ?? 0) < serverMajor) {
      out.push(
        block(
          base,
          pgDumpMessage(
            `${dump.path} is version ${dump.version}, older than the server (Postgres ${serverMajor}), and pg_dump refuses to dump a newer server`,
            serverMajor,
          ),
        ),
      );
    }
  }
  return out;
}

/** What the preflight found, for people: sessions, what blocks, what goes. */
export function preflightSummary(
  inputs: DecommissionPlanInputs,
  steps: DecommissionStep[],
): DecommissionPreflight {
  const { state } = inputs;
  const of = (id: string) =>
    steps.find(s => s.id === id && s.action !== 'none');
  const serverMajor = Math.floor(state.cluster.serverVersion / 10000);
  return {
    sessions: state.sessions,
    preparedTransactions: state.preparedTransactions,
    replicationSlots: state.replicationSlots,
    subscriptions: state.subscriptions,
    drops: [of('database.drop'), of('roles.drop')]
      .filter(Boolean)
      .map(s => `${s!.kind} ${s!.target}`),
    dumps: of('dump')
      ? [`database ${state.cluster.database.name} to ${inputs.dumpTarget}`]
      : [],
    deletes: of('secret.delete')
      ? [
          `secret ${state.secretName} (recovery window ${inputs.config.secretRecoveryDays} days)`,
        ]
      : [],
    disables: of('login.disable')
      ? [`logins of role ${of('login.disable')!.target}`]
      : [],
    ...(state.pgDump && {
      pgDump: {
        path: state.pgDump.path,
        ...(state.pgDump.version && { version: state.pgDump.version }),
        serverVersion: String(serverMajor),
      },
    }),
    existingDumps: state.existingDumps,
  };
}
