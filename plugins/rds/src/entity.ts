import { Entity } from '@backstage/catalog-model';
import {
  appNameForEntity,
  RDS_APP_NAME_ANNOTATION,
} from '@rds-self-service/plugin-rds-common';

export { RDS_APP_NAME_ANNOTATION };

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
 * The app name the platform uses for an entity: rds-common's rule, shared with
 * the backend (the annotation if present, else the entity name lowercased with
 * '-' turned into '_').
 *
 * @public
 */
export function getRdsAppName(entity: Entity): string {
  return appNameForEntity(entity);
}
