/**
 * Annotation that names an entity's app when its entity name does not fit.
 *
 * @public
 */
export const RDS_APP_NAME_ANNOTATION = 'rds.platform/app-name';

/**
 * The app name whose databases belong to a catalog entity: the
 * `rds.platform/app-name` annotation if set (trimmed; a blank one counts as
 * unset), else the entity name lowercased with '-' as '_'.
 *
 * The one owner of this rule: the backend applies it to plan and provision
 * requests that name an entity but no app name (the template sends none unless
 * the user types one), and the entity tab to show that entity's databases, so
 * the tab shows the databases the template created. The result is not
 * validated: call {@link validateAppName} before using it.
 *
 * @public
 */
export function appNameForEntity(entity: {
  metadata: { name: string; annotations?: Record<string, string> };
}): string {
  const annotated = entity.metadata.annotations?.[RDS_APP_NAME_ANNOTATION];
  if (annotated?.trim()) {
    return annotated.trim();
  }
  // Entity names are ASCII, so no locale is involved in lowercasing.
  return entity.metadata.name.toLowerCase().replace(/-/g, '_');
}
