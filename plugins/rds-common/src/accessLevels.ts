/**
 * How much a provisioned login role may do in its database.
 *
 * @public
 */
export type AccessLevel = 'owner' | 'editor' | 'reader';

/**
 * All access levels, most privileged first.
 *
 * @public
 */
export const ACCESS_LEVELS: readonly AccessLevel[] = [
  'owner',
  'editor',
  'reader',
];

/**
 * One sentence per access level, for forms, docs and action schemas.
 *
 * @public
 */
export const accessLevelDescriptions: Record<AccessLevel, string> = {
  owner:
    'Full control of the database: create, alter and drop tables and other objects, and read and write all data.',
  editor:
    'Read and write data in every table (select, insert, update, delete), without creating, altering or dropping objects.',
  reader:
    'Read only: select from every table and view, including ones the owner creates later.',
};

/**
 * Type guard for values coming from config, HTTP bodies or CLI flags.
 *
 * @public
 */
export function isAccessLevel(value: unknown): value is AccessLevel {
  return (
    typeof value === 'string' && (ACCESS_LEVELS as string[]).includes(value)
  );
}

/**
 * Whether going from one access level to another takes privileges away
 * (owner to editor or reader, editor to reader). Such a change needs an
 * explicit confirmation (`confirmAccessLevelChange`): the engine blocks it
 * otherwise, and the template's review step asks for it.
 *
 * @public
 */
export function isAccessLevelDowngrade(
  from: AccessLevel,
  to: AccessLevel,
): boolean {
  return ACCESS_LEVELS.indexOf(to) > ACCESS_LEVELS.indexOf(from);
}
