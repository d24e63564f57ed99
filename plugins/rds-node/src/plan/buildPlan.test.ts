import { deriveNames } from '@rds-self-service/plugin-rds-common';
import type { RdsEnvironment } from '../config/types';
import { ABSENT_ATTRIBUTES } from '../introspect/cluster';
import type {
  ClusterState,
  DatabaseState,
  LoginCheck,
  RoleAttributes,
  RoleState,
} from '../introspect/types';
import type { SecretState } from '../secrets/SecretsManagerStore';
import { buildPlan } from './buildPlan';
import { formatMarker } from './marker';
import { GROUP_LEVELS, ROLE_KINDS, roleNames, type RoleKind } from './model';

/**
 * The planner without a database: introspected state in, steps out. The real-Postgres suites
 * prove that the state is read right and the steps do what they say; these say, per case,
 * which steps a state gives.
 */
const names = deriveNames('pay', 'dev');
const roles = roleNames(names);
const ADMIN = 'rds_admin';
const PROVENANCE = 'backstage_rds_managed';
const SECRET_VERSION = 'v-1';

const environment: RdsEnvironment = {
  name: 'dev',
  requiresApproval: false,
  instance: { name: 'main', host: 'db', port: 5432, admin: { secretId: 'x' } },
  secrets: { namePattern: 'rds/{env}/{app}' },
};

const attributes = (
  overrides: Partial<RoleAttributes> = {},
): RoleAttributes => ({ ...ABSENT_ATTRIBUTES, inherit: true, ...overrides });

/** A role as a converged run leaves it. */
function managedRole(kind: RoleKind): RoleState {
  const login = kind === 'login';
  return {
    name: roles[kind],
    exists: true,
    canLogin: login,
    superuser: false,
    attributes: attributes({ login }),
    comment: formatMarker({
      app: 'pay',
      env: 'dev',
      kind,
      secretVersion: login ? SECRET_VERSION : undefined,
    }),
    provenance: true,
    memberOf: login ? [PROVENANCE, roles.editor] : [PROVENANCE],
    grants: [
      { role: PROVENANCE, grantor: ADMIN, roleIsSuperuser: false },
      ...(login
        ? [{ role: roles.editor, grantor: ADMIN, roleIsSuperuser: false }]
        : []),
    ],
    members: [
      { member: ADMIN, grantor: 'postgres', adminOption: true },
      ...(kind === 'editor'
        ? [{ member: roles.login, grantor: ADMIN, adminOption: false }]
        : []),
    ],
    adminCanSet: true,
    adminInherits: true,
    adminHasAdminOption: true,
  };
}

function absentRole(kind: RoleKind): RoleState {
  return {
    name: roles[kind],
    exists: false,
    canLogin: false,
    superuser: false,
    attributes: attributes({ inherit: false }),
    provenance: false,
    memberOf: [],
    grants: [],
    members: [],
    adminCanSet: false,
    adminInherits: false,
    adminHasAdminOption: false,
  };
}

const byKind = (make: (kind: RoleKind) => RoleState) =>
  Object.fromEntries(ROLE_KINDS.map(k => [k, make(k)])) as Record<
    RoleKind,
    RoleState
  >;

/** A cluster where nothing of the app exists yet (the provenance role does). */
function freshCluster(serverVersion = 170000): ClusterState {
  return {
    serverVersion,
    admin: ADMIN,
    adminAttributes: attributes({
      createrole: true,
      createdb: true,
      login: true,
    }),
    provenance: {
      name: PROVENANCE,
      exists: true,
      attributes: attributes(),
      memberOf: [],
      otherAdmins: [],
      adminHasAdminOption: true,
    },
    roles: byKind(absentRole),
    database: {
      name: names.database,
      exists: false,
      acl: [],
      loginSettings: [],
    },
  };
}

/** A cluster as a converged editor-level run leaves it. */
function convergedCluster(serverVersion = 170000): ClusterState {
  return {
    ...freshCluster(serverVersion),
    roles: byKind(managedRole),
    database: {
      name: names.database,
      exists: true,
      owner: roles.owner,
      acl: [
        { grantee: roles.owner, privilege: 'CONNECT' },
        ...GROUP_LEVELS.map(l => ({ grantee: roles[l], privilege: 'CONNECT' })),
      ],
      loginSettings: [],
    },
  };
}

const convergedDatabase: DatabaseState = {
  inspected: true,
  schemas: [
    {
      schema: 'public',
      publicCreate: false,
      usage: { reader: true, editor: true },
      missing: { reader: [], editor: [] },
    },
  ],
  defaultAcl: {
    r: [
      { grantee: roles.reader, privilege: 'SELECT' },
      ...['SELECT', 'INSERT', 'UPDATE', 'DELETE'].map(privilege => ({
        grantee: roles.editor,
        privilege,
      })),
    ],
    S: [
      { grantee: roles.reader, privilege: 'SELECT' },
      { grantee: roles.editor, privilege: 'SELECT' },
      { grantee: roles.editor, privilege: 'USAGE' },
    ],
    f: GROUP_LEVELS.map(l => ({ grantee: roles[l], privilege: 'EXECUTE' })),
    n: GROUP_LEVELS.map(l => ({ grantee: roles[l], privilege: 'USAGE' })),
  },
};

const storedSecret: SecretState = {
  name: 'rds/dev/pay',
  exists: true,
  arn: 'arn:aws:secretsmanager:us-east-1:1:secret:rds/dev/pay',
  versionId: SECRET_VERSION,
  tags: {
    ManagedBy: 'backstage-rds',
    ClusterName: 'main',
    Environment: 'dev',
    App: 'pay',
    Owner: 'user:default/jane',
  },
  payload: {
    engine: 'postgres',
    host: 'db',
    port: 5432,
    username: roles.login,
    password: 'p'.repeat(40),
    dbname: names.database,
    dbInstanceIdentifier: 'main',
  },
};

const absentSecret: SecretState = {
  name: 'rds/dev/pay',
  exists: false,
  tags: {},
};

function plan(state: {
  cluster: ClusterState;
  database?: DatabaseState;
  secret?: SecretState;
  loginCheck?: LoginCheck;
  requiresApproval?: boolean;
}) {
  return buildPlan({
    request: { appName: 'pay', environment: 'dev', accessLevel: 'editor' },
    ctx: { runId: 'r', actor: 'user:default/jane' },
    environment: {
      ...environment,
      requiresApproval: state.requiresApproval ?? false,
    },
    names,
    secretName: 'rds/dev/pay',
    cluster: state.cluster,
    database: state.database ?? {
      inspected: false,
      reason: 'the database does not exist yet',
      schemas: [],
      defaultAcl: {},
    },
    secret: state.secret ?? absentSecret,
    approved: false,
    loginCheck: state.loginCheck,
  });
}

/** `id:action` of the steps that do something. */
const changes = (built: ReturnType<typeof plan>) =>
  built.steps.filter(s => s.action !== 'none').map(s => `${s.id}:${s.action}`);

const converged = () => ({
  cluster: convergedCluster(),
  database: convergedDatabase,
  secret: storedSecret,
  loginCheck: { result: 'ok' } as LoginCheck,
});

/** A change of the cluster: `role` granted to the login role by `grantor` (not a superuser role). */
const loginGranted = (role: string, grantor: string) => (c: ClusterState) => {
  c.roles.login.grants.push({ role, grantor, roleIsSuperuser: false });
};

describe('buildPlan (no database)', () => {
  it('plans everything for a new app, the secret before anything in Postgres', () => {
    const built = plan({ cluster: freshCluster() });
    expect(built.steps.map(s => `${s.id}:${s.action}`)).toEqual([
      'provenance:none',
      'secret:create',
      'role.owner:create',
      'role.reader:create',
      'role.editor:create',
      'admin.membership:create',
      'database:create',
      'database.privileges:create',
      'schema.privileges:create',
      'object.privileges:none',
      'default.privileges:create',
      'role.login:create',
      'login.membership:create',
      'login.settings:none',
    ]);
    expect(built.steps.find(s => s.id === 'role.owner')!.sql).toEqual([
      `CREATE ROLE "${roles.owner}" NOLOGIN`,
      `COMMENT ON ROLE "${roles.owner}" IS 'managed-by=backstage-rds; app=pay; env=dev; kind=owner'`,
      `GRANT "${PROVENANCE}" TO "${roles.owner}" WITH INHERIT FALSE, SET FALSE`,
    ]);
    expect(built.setsPassword).toBe(false);
    // The secret write is data, and the plan's public view has none of it.
    expect(built.steps.find(s => s.id === 'secret')!.secretWrite).toMatchObject(
      {
        op: 'create',
        name: 'rds/dev/pay',
        connection: { username: roles.login, dbname: names.database },
      },
    );
    expect(JSON.stringify(built.plan)).not.toContain('secretWrite');
  });

  it('creates the provenance role first on a new instance; on 15 the grant has no options', () => {
    const cluster = freshCluster(150000);
    cluster.provenance = {
      ...cluster.provenance,
      exists: false,
      attributes: undefined,
      adminHasAdminOption: false,
    };
    const built = plan({ cluster });
    expect(changes(built)[0]).toBe('provenance:create');
    expect(built.steps.find(s => s.id === 'role.owner')!.sql[2]).toBe(
      `GRANT "${PROVENANCE}" TO "${roles.owner}"`,
    );
  });

  it('changes nothing when everything is converged', () => {
    const built = plan(converged());
    expect(changes(built)).toEqual([]);
    expect(built.plan.drift).toEqual([]);
    expect(built.setsPassword).toBe(false);
  });

  it.each<[string, (c: ClusterState) => void, string[]]>([
    [
      'a role of the app without provenance (a copied comment is no proof)',
      c => {
        c.roles.reader.provenance = false;
      },
      ['role.reader:block'],
    ],
    [
      'a provenance role that is a member of pg_read_all_data',
      c => {
        c.provenance.memberOf = ['pg_read_all_data'];
      },
      ['provenance:block'],
    ],
    [
      'a provenance role another role may grant',
      c => {
        c.provenance.otherAdmins = ['mallory'];
      },
      ['provenance:block'],
    ],
    [
      'on 16+, a provenance role the admin did not create',
      c => {
        c.provenance.adminHasAdminOption = false;
      },
      ['provenance:block'],
    ],
    [
      'BYPASSRLS on the login role (only a superuser can undo it)',
      c => {
        c.roles.login.attributes.bypassrls = true;
      },
      ['role.login:block'],
    ],
    [
      'on 16+, pg_read_all_data granted to the login role by a superuser',
      loginGranted('pg_read_all_data', 'postgres'),
      ['role.login:block'],
    ],
    [
      'a database owned by someone else',
      c => {
        c.database.owner = 'postgres';
      },
      ['database:block'],
    ],
  ])('blocks %s', (_what, change, blocks) => {
    const state = converged();
    change(state.cluster);
    const built = plan(state);
    expect(built.plan.blocked).toBe(true);
    expect(changes(built).filter(s => s.endsWith(':block'))).toEqual(blocks);
  });

  it.each<[string, number, (c: ClusterState) => void, string, string[]]>([
    [
      'CREATEDB on a group role',
      170000,
      c => {
        c.roles.editor.attributes.createdb = true;
      },
      'role.editor',
      [`ALTER ROLE "${roles.editor}" NOCREATEDB`],
    ],
    [
      'a membership the admin granted outside the app',
      170000,
      loginGranted('other_dev_reader', ADMIN),
      'role.login',
      [`REVOKE "other_dev_reader" FROM "${roles.login}"`],
    ],
    [
      'on 15, pg_read_all_data granted by a superuser (CREATEROLE may revoke it there)',
      150000,
      loginGranted('pg_read_all_data', 'postgres'),
      'role.login',
      [`REVOKE "pg_read_all_data" FROM "${roles.login}"`],
    ],
    [
      'a stranger made a member of the owner role',
      170000,
      c => {
        c.roles.owner.members.push({
          member: 'intruder',
          grantor: ADMIN,
          adminOption: false,
        });
      },
      'role.owner',
      [`REVOKE "${roles.owner}" FROM "intruder"`],
    ],
    [
      'an expiry on the login role',
      170000,
      c => {
        c.roles.login.attributes.validUntil = '2000-01-01 00:00:00+00';
      },
      'role.login',
      [`ALTER ROLE "${roles.login}" VALID UNTIL 'infinity'`],
    ],
  ])('reverts %s', (_what, version, change, stepId, sql) => {
    const state = { ...converged(), cluster: convergedCluster(version) };
    change(state.cluster);
    const built = plan(state);
    expect(built.plan.blocked).toBe(false);
    expect(changes(built)).toEqual([`${stepId}:update`]);
    expect(built.steps.find(s => s.id === stepId)!.sql).toEqual(sql);
  });

  it('sets the password from the secret again when the secret no longer logs in', () => {
    const built = plan({
      ...converged(),
      loginCheck: {
        result: 'rejected',
        message: `password authentication failed for user "${roles.login}"`,
      },
    });
    expect(changes(built)).toEqual(['role.login:update']);
    expect(built.setsPassword).toBe(true);
    expect(built.steps.find(s => s.id === 'role.login')!.sql[0]).toBe(
      `ALTER ROLE "${roles.login}" LOGIN PASSWORD '********'`,
    );
  });

  it('grants USAGE again when a group lacks its explicit schema entry', () => {
    const database: DatabaseState = {
      ...convergedDatabase,
      schemas: [
        {
          ...convergedDatabase.schemas[0],
          usage: { reader: false, editor: true },
        },
      ],
    };
    const built = plan({ ...converged(), database });
    expect(changes(built)).toEqual(['schema.privileges:update']);
    expect(built.steps.find(s => s.id === 'schema.privileges')!.sql).toEqual([
      `GRANT USAGE ON SCHEMA "public" TO "${roles.reader}"`,
    ]);
  });

  it('puts the approval gate first when something would change, and only then', () => {
    expect(
      changes(plan({ cluster: freshCluster(), requiresApproval: true }))[0],
    ).toBe('approval:block');
    expect(changes(plan({ ...converged(), requiresApproval: true }))).toEqual(
      [],
    );
  });

  it('names no secret version that does not exist yet: the drift reads the same on every plan', () => {
    // The secret was written for another host (e.g. by the CLI with another instance name).
    const state = {
      ...converged(),
      secret: {
        ...storedSecret,
        payload: { ...storedSecret.payload, host: '127.0.0.1' },
      },
    };
    const first = plan(state);
    expect(changes(first)).toEqual(['secret:update', 'role.login:update']);
    const login = first.steps.find(s => s.id === 'role.login')!;
    expect(login.reason).toBe(
      `role ${roles.login}: the secret gets a new value in this run, and the role's password follows it`,
    );
    expect(plan(state).plan.drift).toEqual(first.plan.drift);
  });
});
