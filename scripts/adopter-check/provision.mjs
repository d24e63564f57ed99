// Through the running app's APIs as its guest user: a database from the template through the
// scaffolder, and the approval-required environment refusing the guest (stock allow-all policy).
import pg from 'pg';
import { waitFor } from './steps.mjs';

export const COMPONENT = 'component:default/example-website';
export const APP_NAME = 'example_website';

async function call(baseUrl, path, { token, method = 'GET', body } = {}) {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(token && { authorization: `Bearer ${token}` }),
      ...(body && { 'content-type': 'application/json' }),
      'x-requested-with': 'XMLHttpRequest',
    },
    body: body && JSON.stringify(body),
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}

/** The guest's Backstage token (create-app's guest sign-in). */
export async function guestToken(baseUrl) {
  const res = await call(baseUrl, '/api/auth/guest/refresh');
  const token = res.json?.backstageIdentity?.token;
  if (res.status !== 200 || !token)
    throw new Error(
      `guest sign-in answered ${res.status}: ${res.text.slice(0, 300)}`,
    );
  return token;
}

/** Waits until the catalog has read the template and the component. */
export async function waitForCatalog(baseUrl, token) {
  for (const ref of [
    'template/default/rds-database',
    'component/default/example-website',
  ]) {
    await waitFor(
      `the catalog did not list ${ref} (catalog.locations and catalog.rules; the template needs allow: [Template])`,
      async () => {
        const res = await call(
          baseUrl,
          `/api/catalog/entities/by-name/${ref}`,
          { token },
        );
        return res.status === 200 ? true : undefined;
      },
      { timeoutMs: 180_000, intervalMs: 2000 },
    );
  }
}

/** POST /api/scaffolder/v2/tasks with the template, then polls the task; resolves with it. */
export async function runTemplate(baseUrl, token, values) {
  const created = await call(baseUrl, '/api/scaffolder/v2/tasks', {
    token,
    method: 'POST',
    body: { templateRef: 'template:default/rds-database', values },
  });
  if (created.status !== 201 || !created.json?.id)
    throw new Error(
      `POST /api/scaffolder/v2/tasks answered ${
        created.status
      }: ${created.text.slice(0, 500)}`,
    );
  const id = created.json.id;
  const task = await waitFor(
    `scaffolder task ${id} did not finish`,
    async () => {
      const res = await call(baseUrl, `/api/scaffolder/v2/tasks/${id}`, {
        token,
      });
      return ['completed', 'failed', 'cancelled'].includes(res.json?.status)
        ? res.json
        : undefined;
    },
    { timeoutMs: 180_000 },
  );
  if (task.status !== 'completed') {
    const events = await call(
      baseUrl,
      `/api/scaffolder/v2/tasks/${id}/events`,
      { token },
    );
    const log = (events.json ?? [])
      .map(e => e.body?.message)
      .filter(Boolean)
      .slice(-10)
      .join('\n');
    throw new Error(`scaffolder task ${id} ${task.status}:\n${log}`);
  }
  return task;
}

/** Whether a catalog row exists, read as the cluster's superuser (`cluster`: startCluster's). */
async function catalogHas(cluster, sql, name) {
  const client = new pg.Client({
    connectionString: cluster.superUrl,
    ssl: cluster.ssl,
  });
  await client.connect();
  try {
    const { rows } = await client.query(sql, [name]);
    return rows.length === 1;
  } finally {
    await client.end();
  }
}

/** The database and its login role, read as the cluster's superuser (`cluster`: startCluster's). */
export const databaseExists = (cluster, database) =>
  catalogHas(cluster, 'SELECT 1 FROM pg_database WHERE datname = $1', database);

export const roleExists = (cluster, role) =>
  catalogHas(cluster, 'SELECT 1 FROM pg_roles WHERE rolname = $1', role);

/**
 * On the stock allow-all policy the guest, who is not one of prod's approvers, must not get a
 * database there: a pending request (202) or a refusal (403), never a 200.
 */
export async function provisionAsGuest(baseUrl, token, environment) {
  return call(baseUrl, '/api/rds/provision', {
    token,
    method: 'POST',
    body: {
      entityRef: COMPONENT,
      appName: APP_NAME,
      environment,
      accessLevel: 'editor',
      justification: 'adopter check: the guest is not an approver',
    },
  });
}
