/**
 * What an environment's configuration sets of its flags; unset ones get their defaults.
 *
 * @public
 */
export interface EnvironmentFlagSettings {
  /** Marks a development environment. */
  dev?: boolean;
  /** Provisioning needs an explicit approval. */
  requiresApproval?: boolean;
}

/**
 * An environment's `dev` and `requiresApproval` flags with their defaults, one owner for the
 * backend's configuration and the `rds-provision` CLI: `dev` is true for the environment named
 * `dev`; approval is required outside development environments.
 *
 * @public
 */
export function environmentFlags(
  name: string,
  settings: EnvironmentFlagSettings,
): { dev: boolean; requiresApproval: boolean } {
  const dev = settings.dev ?? name === 'dev';
  return { dev, requiresApproval: settings.requiresApproval ?? !dev };
}
