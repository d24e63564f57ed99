import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  type Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';

/** `Component:default/Payments` and `component:default/payments` are the same entity. */
export function normalizeEntityRef(entityRef: string): string {
  try {
    return stringifyEntityRef(parseEntityRef(entityRef)).toLocaleLowerCase(
      'en-US',
    );
  } catch (error) {
    throw new InputError(
      `entityRef '${entityRef}' is not an entity reference like component:default/payments`,
    );
  }
}

/**
 * The entity of a per-entity route, looked up with the caller's credentials
 * so the catalog's read rules apply: an entity hidden from the caller is a
 * NotFoundError, the same as a missing one, before anything is read about it.
 */
export async function entityForCaller(
  catalog: CatalogService,
  entityRef: string,
  credentials: BackstageCredentials,
): Promise<{ ref: string; entity: Entity }> {
  const ref = normalizeEntityRef(entityRef);
  const entity = await catalog.getEntityByRef(ref, { credentials });
  if (!entity) {
    throw new NotFoundError(`No entity ${ref} in the catalog`);
  }
  return { ref, entity };
}
