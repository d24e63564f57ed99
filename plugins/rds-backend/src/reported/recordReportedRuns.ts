import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  appNameForEntity,
  deriveNames,
  RDS_APP_NAME_ANNOTATION,
  validateAppName,
  type AuditRecord,
} from '@rds-self-service/plugin-rds-common';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { RdsEnvironmentConfig } from '../config/types';
import type { RdsAuditStore } from '../store/RdsAuditStore';

/** What became of one reported record. */
export interface ReportedRun {
  runId: string;
  /** `recorded`, or `duplicate` when a record of that run id was reported before. */
  status: 'recorded' | 'duplicate';
  /** The entity whose history shows it; absent when no Component has the app name. */
  entityRef?: string;
}

/** What {@link recordReportedRuns} needs. */
export interface ReportedRunsDeps {
  environment: (name: string) => RdsEnvironmentConfig;
  store: RdsAuditStore;
  catalog: CatalogService;
  /** The reporting service's credentials, for the catalog lookups. */
  credentials: BackstageCredentials;
}

/**
 * The CLI's (CI's) audit records, checked against the backend's own config
 * before any is stored: a configured environment, the instance by the name the
 * backend gives it, the names the app name derives. Each is attached to the
 * Component whose app name it is (its entity ref if given, else the one
 * Component whose app name matches), so its Database tab shows it.
 */
export async function recordReportedRuns(
  records: AuditRecord[],
  deps: ReportedRunsDeps,
): Promise<ReportedRun[]> {
  for (const record of records) checkRecord(record, deps);
  const results: ReportedRun[] = [];
  for (const record of records) {
    if (await deps.store.hasRun(record.runId)) {
      results.push({ runId: record.runId, status: 'duplicate' });
      continue;
    }
    const entityRef = await entityFor(record, deps);
    await deps.store.write({ ...record, ...(entityRef && { entityRef }) });
    results.push({
      runId: record.runId,
      status: 'recorded',
      ...(entityRef && { entityRef }),
    });
  }
  return results;
}

/** The record agrees with the backend's config, or an InputError says where it does not. */
function checkRecord(record: AuditRecord, deps: ReportedRunsDeps): void {
  const where = `record ${record.runId}`;
  const environment = deps.environment(record.environment);
  const key = `rds.environments.${environment.name}.instance.name`;
  if (record.instance !== environment.instance.name) {
    throw new InputError(
      `${where}: instance "${record.instance}" is not the backend's "${environment.instance.name}" (${key}); ` +
        'run rds-provision with --config <app-config.yaml> or --instance-name so both name it the same',
    );
  }
  const problems = validateAppName(record.appName, environment.name);
  if (problems.length) {
    throw new InputError(`${where}: ${problems.join('; ')}`);
  }
  const names = deriveNames(record.appName, environment.name);
  if (record.database !== names.database || record.role !== names.loginRole) {
    throw new InputError(
      `${where}: database "${record.database}" and role "${record.role}" are not the names of app ` +
        `"${record.appName}" in ${environment.name} (${names.database}, ${names.loginRole})`,
    );
  }
}

/** The Component the record belongs to, as the reporting service may see it. */
async function entityFor(
  record: AuditRecord,
  deps: ReportedRunsDeps,
): Promise<string | undefined> {
  const { catalog, credentials } = deps;
  if (record.entityRef) {
    const entity = await catalog.getEntityByRef(record.entityRef, {
      credentials,
    });
    if (!entity) {
      throw new InputError(
        `record ${record.runId}: entityRef '${record.entityRef}' was not found in the catalog`,
      );
    }
    return stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  }
  // Its annotation, or its name with '-' as '_' (appNameForEntity): either finds it.
  const { items } = await catalog.getEntities(
    {
      filter: [
        {
          kind: 'component',
          [`metadata.annotations.${RDS_APP_NAME_ANNOTATION}`]: record.appName,
        },
        {
          kind: 'component',
          'metadata.name': record.appName.replace(/_/g, '-'),
        },
      ],
    },
    { credentials },
  );
  const matches = [
    ...new Set(
      items
        .filter(entity => appNameForEntity(entity) === record.appName)
        .map(entity => stringifyEntityRef(entity).toLocaleLowerCase('en-US')),
    ),
  ];
  // Two Components with one app name: attaching to either would be a guess.
  return matches.length === 1 ? matches[0] : undefined;
}
