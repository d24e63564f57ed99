/**
 * Who started a run; recorded in tags and audit records. What the run is for (entity, build)
 * is the request's (`ProvisionRequest`), so each fact has one place.
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
 */
export interface EngineLogger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}
