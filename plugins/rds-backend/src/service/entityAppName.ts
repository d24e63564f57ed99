import { Entity } from '@backstage/catalog-model';

/** Annotation that names an entity's app when its entity name does not fit. */
export const RDS_APP_NAME_ANNOTATION = 'rds.platform/app-name';

/**
 * The app name whose databases belong to an entity: the `rds.platform/app-name`
 * annotation if present, else the entity name lowercased with '-' as '_'.
 */
export function entityAppName(entity: Entity): string {
  return (
    entity.metadata.annotations?.[RDS_APP_NAME_ANNOTATION] ??
    entity.metadata.name.toLowerCase().replace(/-/g, '_')
  );
}
