/**
 * The platform-managed marker, kept as the role's comment (`COMMENT ON ROLE`), which any
 * non-superuser admin can set and anyone can read. Format:
 * `managed-by=backstage-rds; app=payments; env=dev; kind=login; secret-version=<uuid>`.
 * `secret-version` ties the login role's password to the secret version that holds it.
 */
export const MARKER_PREFIX = 'managed-by=backstage-rds';

export interface RoleMarker {
  app: string;
  env: string;
  kind: string;
  secretVersion?: string;
}

/** The comment text for a managed role. */
export function formatMarker(marker: RoleMarker): string {
  const parts = [
    MARKER_PREFIX,
    `app=${marker.app}`,
    `env=${marker.env}`,
    `kind=${marker.kind}`,
  ];
  if (marker.secretVersion)
    parts.push(`secret-version=${marker.secretVersion}`);
  return parts.join('; ');
}

/** True when a role comment carries the platform's marker. */
export function isManaged(comment: string | null | undefined): boolean {
  return typeof comment === 'string' && comment.startsWith(MARKER_PREFIX);
}

/** Parses a marker comment; undefined when the role is not platform-managed. */
export function parseMarker(
  comment: string | null | undefined,
): RoleMarker | undefined {
  if (!isManaged(comment)) return undefined;
  const fields = new Map<string, string>();
  for (const part of comment!.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key) fields.set(key, rest.join('='));
  }
  return {
    app: fields.get('app') ?? '',
    env: fields.get('env') ?? '',
    kind: fields.get('kind') ?? '',
    secretVersion: fields.get('secret-version') || undefined,
  };
}
