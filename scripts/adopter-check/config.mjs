// The app-config an adopter writes (docs/install.md): Postgres for Backstage, the rds block,
// the template's catalog location with its rules, and the template's owner group.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

const TEMPLATE_OWNER_GROUP = 'platform-team';

/** The template from this repo and a Group for its owner, in <app>/examples/rds/. */
export function addTemplate(appDir, repoRoot) {
  const dir = path.join(appDir, 'examples/rds');
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(
    path.join(repoRoot, 'templates/rds-database/template.yaml'),
    path.join(dir, 'template.yaml'),
  );
  fs.writeFileSync(
    path.join(dir, 'org.yaml'),
    YAML.stringify({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: TEMPLATE_OWNER_GROUP },
      spec: { type: 'team', children: [] },
    }),
  );
}

/**
 * Edits app-config.yaml in place (comments kept). `pg`: { port, superPassword, caFile } of the
 * throw-away cluster, `admin`: the delegated admin, `secretsManager`: the local endpoint.
 */
export function writeAppConfig(
  appDir,
  { backendPort, pg, admin, secretsManager },
) {
  const file = path.join(appDir, 'app-config.yaml');
  // create-app's file, kept once, so that a re-run (--work-dir) starts from it again.
  const pristine = path.join(appDir, '.app-config.pristine.yaml');
  if (!fs.existsSync(pristine)) fs.copyFileSync(file, pristine);
  const doc = YAML.parseDocument(fs.readFileSync(pristine, 'utf8'));
  doc.setIn(['backend', 'baseUrl'], `http://localhost:${backendPort}`);
  doc.setIn(['backend', 'listen', 'port'], backendPort);
  // create-app's default is in-memory SQLite: the audit trail would vanish at every restart.
  doc.setIn(
    ['backend', 'database'],
    doc.createNode({
      client: 'pg',
      connection: {
        host: '127.0.0.1',
        port: pg.port,
        user: 'postgres',
        password: pg.superPassword,
        ssl: { ca: { $file: pg.caFile }, rejectUnauthorized: true },
      },
    }),
  );
  const locations = doc.getIn(['catalog', 'locations']);
  locations.add(
    doc.createNode({
      type: 'file',
      target: '../../examples/rds/template.yaml',
      rules: [{ allow: ['Template'] }],
    }),
  );
  locations.add(
    doc.createNode({
      type: 'file',
      target: '../../examples/rds/org.yaml',
      rules: [{ allow: ['Group'] }],
    }),
  );
  const instance = (name, extra) => ({
    name,
    host: '127.0.0.1',
    port: pg.port,
    ssl: { mode: 'verify-full', caFile: pg.caFile },
    ...extra,
  });
  const secrets = { namePattern: 'rds/{env}/{app}' };
  doc.set(
    'rds',
    doc.createNode({
      secretsManager: {
        region: 'us-east-1',
        endpoint: secretsManager.endpoint,
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      },
      environments: {
        dev: {
          requiresApproval: false,
          instance: instance('adopter-postgres', {
            admin: { user: admin.user, password: admin.password },
          }),
          secrets,
        },
        prod: {
          requiresApproval: true,
          approval: { approvers: [`group:default/${TEMPLATE_OWNER_GROUP}`] },
          instance: instance('adopter-postgres-prod', {
            adminSecretId: admin.secretId,
          }),
          secrets,
        },
      },
    }),
  );
  fs.writeFileSync(file, doc.toString());
}
