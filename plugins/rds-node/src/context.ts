/**
 * Who started a run; recorded in tags and audit records. What the run is for (entity, build)
 * is the request's (`ProvisionRequest`), so each fact has one place.
 *
 * @public
 */
export interface RunContext {
  /** Unique id of the run, e.g. the scaffolder task id. */
  runId: string;
  /** The user or service that asked, e.g. `user:default/jane`. */
  actor: string;
  /** Extra tags for the secret. */
  tags?: Record<string, string>;
}

/**
 * What the engine needs of a logger: one message per call, never metadata, so
 * Backstage's LoggerService (e.g. `logger.child({ environment })`) and `console`
 * both fit as they are.
 *
 * @public
 */
export interface EngineLogger {
  /** Detail for troubleshooting. */
  debug(message: string): void;
  /** Progress: one line per step that ran. */
  info(message: string): void;
  /** Something to look at that did not fail the run, e.g. a retried attempt. */
  warn(message: string): void;
  /** A failed run, or an audit record that could not be written. */
  error(message: string): void;
}
