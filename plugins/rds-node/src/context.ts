/** Who and what started a run; recorded in tags and audit records. */
export interface RunContext {
  /** Unique id of the run, e.g. the scaffolder task id. */
  runId: string;
  buildId?: string;
  /** The user or service that asked, e.g. `user:default/jane`. */
  actor: string;
  entityRef?: string;
  /** Extra tags for the secret. */
  tags?: Record<string, string>;
}

/** The subset of Backstage's LoggerService the engine uses; `console` works too. */
export interface EngineLogger {
  debug(message: string, meta?: Record<string, unknown>): void;
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
}
