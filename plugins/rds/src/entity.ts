import { Entity } from '@backstage/catalog-model';

/**
 * Annotation that names the app when the entity name is not a valid app name.
 *
 * @public
 */
export const RDS_APP_NAME_ANNOTATION = 'rds.platform/app-name';

/**
 * Whether the entity can have platform databases: the Database tab and the
 * audit card only make sense for Components.
 *
 * @public
 */
export function isRdsAvailable(entity: Entity): boolean {
  return entity.kind.toLocaleLowerCase('en-US') === 'component';
}

/**
 * The app name the platform uses for an entity, the same rule the backend
 * applies: the annotation if present, else the entity name lowercased with
 * '-' turned into '_'.
 *
 * @public
 */
export function getRdsAppName(entity: Entity): string {
  const annotated = entity.metadata.annotations?.[RDS_APP_NAME_ANNOTATION];
  if (annotated && annotated.trim()) {
    return annotated.trim();
  }
  return entity.metadata.name.toLocaleLowerCase('en-US').replace(/-/g, '_');
}
