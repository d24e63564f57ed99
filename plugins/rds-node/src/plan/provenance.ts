import { LOCK_NAMESPACE } from '../locking/advisoryLock';
import type { ClusterState } from '../introspect/types';
import { grantRole } from '../sql/builders';
import { quoteIdent, quoteLiteral } from '../sql/quote';
import { sql, type SqlStatement } from '../sql/statement';
import { untrustedProvenanceMessage } from './guardrails';
import { step, type ExecutableStep } from './types';

/**
 * Provenance: a role is the platform's when it is a member of this NOLOGIN role, granted by
 * the platform admin. Unlike a comment, which anyone with ADMIN on a role can write, only a
 * role holding ADMIN OPTION on this one (the admin that created it) or a superuser can grant
 * it. The membership confers nothing (INHERIT FALSE, SET FALSE from Postgres 16), and the
 * role is checked to carry no privileges. One per instance, for all apps.
 */
export const DEFAULT_PROVENANCE_ROLE = 'backstage_rds_managed';

/** Two runs for different apps may both create the provenance role: they serialize on this. */
const PROVENANCE_LOCK = 'provenance-role';

/**
 * Creates the provenance role unless it exists (checked under a transaction-level advisory
 * lock, so concurrent first runs on an instance do not fail on a duplicate).
 */
export function createProvenanceRole(name: string): SqlStatement[] {
  const role = quoteIdent(name);
  const comment = quoteLiteral(
    'backstage-rds: members are roles the platform created; grant it to nothing else',
  );
  return [
    sql(
      `SELECT pg_advisory_xact_lock(${LOCK_NAMESPACE}, hashtext(${quoteLiteral(
        `${PROVENANCE_LOCK}/${name}`,
      )}))`,
    ),
    sql(
      `DO $rds$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = ${quoteLiteral(
        name,
      )}) THEN CREATE ROLE ${role} NOLOGIN; COMMENT ON ROLE ${role} IS ${comment}; END IF; END $rds$`,
    ),
  ];
}

/** Marks a role as the platform's: membership in the provenance role that grants nothing. */
export function grantProvenance(
  cluster: Pick<ClusterState, 'provenance' | 'serverVersion'>,
  role: string,
): SqlStatement {
  return grantRole(cluster.provenance.name, role, cluster.serverVersion, {
    inherit: false,
    set: false,
  });
}

/** What makes the provenance role untrustworthy, one phrase and its fix each. */
function provenanceProblems(
  cluster: ClusterState,
): Array<{ problem: string; fix: string }> {
  const p = cluster.provenance;
  const role = quoteIdent(p.name);
  const out: Array<{ problem: string; fix: string }> = [];
  const a = p.attributes;
  if (a) {
    const extra = (
      [
        ['superuser', 'SUPERUSER'],
        ['createrole', 'CREATEROLE'],
        ['createdb', 'CREATEDB'],
        ['replication', 'REPLICATION'],
        ['bypassrls', 'BYPASSRLS'],
        ['login', 'LOGIN'],
      ] as const
    ).filter(([key]) => a[key]);
    if (extra.length) {
      out.push({
        problem: `it has ${extra.map(([, k]) => k).join(', ')}`,
        fix: `ALTER ROLE ${role} ${extra.map(([, k]) => `NO${k}`).join(' ')}`,
      });
    }
  }
  if (p.memberOf.length) {
    out.push({
      problem: `it is a member of ${p.memberOf.join(
        ', ',
      )} (every managed role would inherit that)`,
      fix: p.memberOf
        .map(r => `REVOKE ${quoteIdent(r)} FROM ${role}`)
        .join('; '),
    });
  }
  if (p.otherAdmins.length) {
    out.push({
      problem: `${p.otherAdmins.join(
        ', ',
      )} may grant it (ADMIN OPTION), so could mark any role as the platform's`,
      fix: p.otherAdmins
        .map(u => `REVOKE ADMIN OPTION FOR ${role} FROM ${quoteIdent(u)}`)
        .join('; '),
    });
  }
  // From 16 the creator of a role holds ADMIN OPTION on it; without it, someone else made it.
  if (cluster.serverVersion >= 160000 && !p.adminHasAdminOption) {
    out.push({
      problem: `the platform admin "${cluster.admin}" holds no ADMIN OPTION on it, so it did not create it`,
      fix: `if no managed role is a member yet, DROP ROLE ${role} and re-run (the platform creates it)`,
    });
  }
  return out;
}

/** The first step of every plan: the provenance role exists and can be trusted. */
export function planProvenance(cluster: ClusterState): ExecutableStep {
  const p = cluster.provenance;
  const base = {
    id: 'provenance',
    kind: 'role',
    target: p.name,
  };
  if (!p.exists) {
    return step({
      ...base,
      scope: 'cluster',
      action: 'create',
      statements: createProvenanceRole(p.name),
      reason: `role ${p.name} does not exist: the platform marks the roles it creates with membership in it`,
    });
  }
  const problems = provenanceProblems(cluster);
  if (problems.length) {
    return step({
      ...base,
      scope: 'none',
      action: 'block',
      reason: untrustedProvenanceMessage(p.name, problems),
    });
  }
  return step({
    ...base,
    scope: 'cluster',
    action: 'none',
    reason: `role ${p.name} exists and only the platform admin can grant it`,
  });
}
