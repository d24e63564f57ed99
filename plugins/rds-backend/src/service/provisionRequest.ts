import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  appNameForEntity,
  parseProvisionRequest,
  RDS_APP_NAME_ANNOTATION,
  type PlanRequestBody,
  type ProvisionRequest,
} from '@rds-self-service/plugin-rds-common';
import { normalizeEntityRef } from './catalogEntities';
import type { Caller } from './RdsService';

/**
 * The engine's request: normalizes the entity ref, checks the entity exists
 * (as the caller sees it) and, when no app name is given, uses the entity's
 * ({@link appNameForEntity}). The environment is checked by the caller.
 */
export async function prepareProvisionRequest(
  catalog: CatalogService,
  request: PlanRequestBody,
  caller: Caller,
): Promise<ProvisionRequest> {
  if (request.entityRef === undefined) {
    return complete(request);
  }
  const entityRef = normalizeEntityRef(request.entityRef);
  const entity = await catalog.getEntityByRef(entityRef, {
    credentials: caller.credentials,
  });
  if (!entity) {
    throw new InputError(
      `entityRef '${request.entityRef}' was not found in the catalog`,
    );
  }
  if (request.appName !== undefined) {
    return complete({ ...request, entityRef });
  }
  return complete(
    { ...request, entityRef, appName: appNameForEntity(entity) },
    `the app name of ${entityRef}, from its ${RDS_APP_NAME_ANNOTATION} annotation or else its name; ` +
      'give an appName or set that annotation',
  );
}

/**
 * The request as the engine takes it, checked with the engine's own schema (an
 * app name derived from an entity has not been checked yet); `derived` says
 * where the app name came from, for the message.
 */
function complete(
  request: PlanRequestBody,
  derived?: string,
): ProvisionRequest {
  const parsed = parseProvisionRequest(request);
  if (!parsed.success) {
    const where = derived ? ` (${derived})` : '';
    throw new InputError(
      `Invalid request: ${parsed.problems.join('; ')}${where}`,
    );
  }
  return parsed.data;
}
