import { randomUUID } from 'node:crypto';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CLI_RUN_ID_PREFIX } from '@rds-self-service/plugin-rds-common';
import type { EngineLogger, RunContext } from '../context';
import {
  RdsProvisioner,
  type RdsProvisionerOptions,
} from '../provisioner/RdsProvisioner';
import type { CliIo } from './main';

/** The flags every CLI mode takes: who runs it, where the audit CSV goes, dry run, verbosity, help. */
export const RUN_OPTIONS = {
  'dry-run': { type: 'boolean', default: false },
  'governance-dir': { type: 'string', default: 'governance' },
  actor: { type: 'string' },
  'build-id': { type: 'string' },
  verbose: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

type CliOptions = NonNullable<ParseArgsConfig['options']>;
/** What parseArgs gives for the flags of {@link RUN_OPTIONS} and `O`. */
type CliValues<O extends CliOptions> = ReturnType<
  typeof parseArgs<{
    args: string[];
    options: typeof RUN_OPTIONS & O;
    strict: true;
  }>
>['values'];

/**
 * The flags of a CLI mode ({@link RUN_OPTIONS} and `options`), strictly; or the exit status when
 * they are wrong (1, with the usage on stderr) or ask for help (0, the usage on stdout).
 */
export function parseCliArgs<O extends CliOptions>(
  argv: string[],
  options: O,
  usage: string,
  io: CliIo,
): CliValues<O> | number {
  let values: CliValues<O>;
  try {
    values = parseArgs({
      args: argv,
      options: { ...RUN_OPTIONS, ...options },
      strict: true,
    }).values as CliValues<O>;
  } catch (error) {
    return usageError(io, error, usage);
  }
  if ((values as { help?: boolean }).help) {
    io.stdout(`${usage}\n`);
    return 0;
  }
  return values;
}

/** A flag error: the message and the usage on stderr; returns the exit status 1. */
export function usageError(io: CliIo, error: unknown, usage: string): number {
  io.stderr(`rds-provision: ${(error as Error).message}\n\n${usage}\n`);
  return 1;
}

/** Progress on stderr: info only with --verbose. */
export function cliLogger(
  io: CliIo,
  verbose: boolean | undefined,
): EngineLogger {
  return {
    debug: () => {},
    info: message => verbose && io.stderr(`${message}\n`),
    warn: message => io.stderr(`warning: ${message}\n`),
    error: message => io.stderr(`error: ${message}\n`),
  };
}

/** Who runs the CLI and in which build: the flags, else the CI's variables. */
export function cliRunner(
  args: { actor?: string; 'build-id'?: string },
  env: NodeJS.ProcessEnv,
): { actor: string; buildId?: string; approved: boolean } {
  return {
    actor:
      args.actor ??
      env.GITHUB_ACTOR ??
      env.GITLAB_USER_LOGIN ??
      env.USER ??
      'ci',
    buildId:
      args['build-id'] ??
      env.BUILD_ID ??
      env.GITHUB_RUN_ID ??
      env.CI_PIPELINE_ID,
    approved: env.ALLOW_DB_PROVISION === 'true',
  };
}

/** One app's run context; not a scaffolder task: the Database tab shows it as a CI run. */
export function cliRunContext(actor: string): RunContext {
  return { actor, runId: `${CLI_RUN_ID_PREFIX}${randomUUID()}` };
}

/** Prints the input problems (nothing ran) and returns the exit status 1. */
export function invalidInput(io: CliIo, problems: string[]): number {
  io.stderr(
    `rds-provision: invalid input, nothing was changed:\n${problems
      .map(p => `  - ${p}`)
      .join('\n')}\n`,
  );
  return 1;
}

/** The run's provisioner; a configuration it refuses also closes the Secrets Manager client. */
export function provisionerFor(options: RdsProvisionerOptions): RdsProvisioner {
  try {
    return new RdsProvisioner(options);
  } catch (error) {
    options.secretsManager.destroy();
    throw error;
  }
}

/** 1 when a run failed, 2 when one was blocked, else 0. */
export function exitStatus(outcomes: string[]): number {
  if (outcomes.includes('failed')) return 1;
  if (outcomes.includes('blocked')) return 2;
  return 0;
}
