import {
  isAccessLevel,
  validateAppName,
  type ProvisionRequest,
  type ProvisionResult,
} from '@rds-self-service/plugin-rds-common';
import { CsvAuditSink } from '../audit/CsvAuditSink';
import type { RunContext } from '../context';
import type { RdsProvisioner } from '../provisioner/RdsProvisioner';
import { createSecretsManagerClient } from '../secrets/client';
import { runDecommissionCli } from './decommission';
import { CliConfigError, environmentFromEnv } from './environmentFromEnv';
import {
  resolveInstanceIdentity,
  type InstanceIdentity,
} from './instanceIdentity';
import { BackendAuditReport, reportSummary, teeSinks } from './reportAudit';
import { readApplications } from './readApplications';
import {
  cliLogger,
  cliRunContext,
  cliRunner,
  exitStatus,
  invalidInput,
  parseCliArgs,
  provisionerFor,
} from './runHelpers';
import { summaryTable } from './summaryTable';
import { USAGE } from './usage';

/**
 * Where the CLI writes; injectable for tests.
 *
 * @public
 */
export interface CliIo {
  /** Receives the report: plans, results and the summary table. */
  stdout: (text: string) => void;
  /** Receives usage errors and failures. */
  stderr: (text: string) => void;
  /** The environment variables the CLI reads its configuration from. */
  env: NodeJS.ProcessEnv;
}

/**
 * The `rds-provision` CLI: runs it with `argv` (the arguments after the
 * script name) and returns its exit status.
 *
 * @public
 */
export async function main(argv: string[], io: CliIo): Promise<number> {
  // One explicit flag per app to decommission: its own mode (cli/decommission.ts).
  if (
    argv.some(a => a === '--decommission' || a.startsWith('--decommission='))
  ) {
    return runDecommissionCli(argv, io);
  }
  const args = parseCliArgs(
    argv,
    {
      env: { type: 'string' },
      file: { type: 'string', default: 'terraform.tfvars' },
      'default-access-level': { type: 'string', default: 'owner' },
      config: { type: 'string' },
      'instance-name': { type: 'string' },
      'report-to': { type: 'string' },
    },
    USAGE,
    io,
  );
  if (typeof args === 'number') return args;
  const envName = args.env;
  if (!envName) {
    io.stderr(`rds-provision: --env is required\n\n${USAGE}\n`);
    return 1;
  }
  const defaultLevel = args['default-access-level'];
  if (!isAccessLevel(defaultLevel)) {
    io.stderr(
      `rds-provision: --default-access-level must be owner, editor or reader\n`,
    );
    return 1;
  }

  let entries;
  let config;
  let identity: InstanceIdentity;
  let report: BackendAuditReport | undefined;
  try {
    entries = (await readApplications(args.file!, defaultLevel)).filter(
      e => !e.environments || e.environments.includes(envName),
    );
    config = environmentFromEnv(envName, io.env);
    identity = resolveInstanceIdentity({
      envName,
      host: config.environment.instance.host,
      port: config.environment.instance.port,
      flag: args['instance-name'],
      variable: io.env.RDS_INSTANCE_NAME,
      configFile: args.config,
    });
    config.environment.instance.name = identity.name;
    report = reportTo(args['report-to'], io.env);
  } catch (error) {
    io.stderr(`rds-provision: ${(error as Error).message}\n`);
    return 1;
  }

  // Every name is checked before anything connects: one bad entry stops the whole run.
  const problems = entries.flatMap(e =>
    validateAppName(e.appName, envName).map(
      p => `application_databases "${e.appName}": ${p}`,
    ),
  );
  if (problems.length) return invalidInput(io, problems);
  if (entries.length === 0) {
    io.stdout(`No application_databases entries for environment ${envName}.\n`);
    return 0;
  }
  io.stdout(`Instance: ${identity.name} (${identity.source})\n`);
  if (identity.warning) io.stderr(`warning: ${identity.warning}\n`);

  const logger = cliLogger(io, args.verbose);
  const fail = (message: string, error?: unknown) => {
    io.stderr(`rds-provision: ${message}\n`);
    if (args.verbose && error instanceof Error && error.stack) {
      io.stderr(`${error.stack}\n`);
    }
    return 1;
  };
  const secretsManager = createSecretsManagerClient(config.secrets);
  // Before anything connects: a missing credential is one clear line, not a failed run per app.
  try {
    await secretsManager.config.credentials();
  } catch (error) {
    secretsManager.destroy();
    return fail(credentialsHelp(config.secrets.endpoint, error), error);
  }
  const csvSink = CsvAuditSink.forEnvironment(args['governance-dir']!, envName);
  let provisioner: RdsProvisioner;
  try {
    provisioner = provisionerFor({
      environment: config.environment,
      secretsManager,
      logger,
      auditSink: report ? teeSinks(csvSink, report) : csvSink,
    });
  } catch (error) {
    return fail((error as Error).message, error);
  }
  const { actor, buildId, approved } = cliRunner(args, io.env);
  const results: Array<{ appName: string; result: ProvisionResult }> = [];
  try {
    for (const entry of entries) {
      const request = {
        appName: entry.appName,
        environment: envName,
        accessLevel: entry.accessLevel,
        buildId,
      };
      const ctx = cliRunContext(actor);
      if (args['dry-run']) {
        await printPlan(provisioner, request, ctx, approved, io);
      }
      const result = await provisioner.apply(request, ctx, {
        approved,
        dryRun: args['dry-run'],
      });
      results.push({ appName: entry.appName, result });
    }
  } catch (error) {
    // Runs report their own failures as results; this is what could not run at all (the
    // audit file not writable, say): its message, without a stack.
    return fail((error as Error).message, error);
  } finally {
    await provisioner.close();
  }

  io.stdout(`\n${summaryTable(results)}\n\n`);
  const counts = new Map<string, number>();
  for (const { result } of results)
    counts.set(result.outcome, (counts.get(result.outcome) ?? 0) + 1);
  io.stdout(
    `Totals: ${[...counts]
      .map(([outcome, n]) => `${outcome} ${n}`)
      .join(', ')}\n` +
      `Audit: ${csvSink.file}${
        args['dry-run']
          ? ' (a dry run: recorded with dry_run=true, nothing was changed)'
          : ''
      }\n`,
  );
  if (report && report.records.length > 0) {
    try {
      io.stdout(reportSummary(report.url, await report.send()));
    } catch (error) {
      return fail(
        `the runs are in the audit CSV, but reporting them to the rds backend failed: ${
          (error as Error).message
        }`,
        error,
      );
    }
  }
  return exitStatus(results.map(r => r.result.outcome));
}

/** A dry run's plan for one app: each step that would change something, with its SQL. */
async function printPlan(
  provisioner: RdsProvisioner,
  request: ProvisionRequest,
  ctx: RunContext,
  approved: boolean,
  io: CliIo,
) {
  let plan;
  try {
    plan = await provisioner.plan(request, ctx, { approved });
  } catch (error) {
    // The dry run's result says why as well (outcome failed); no stack.
    io.stdout(
      `Plan for ${request.appName}: could not be made: ${
        (error as Error).message
      }\n`,
    );
    return;
  }
  io.stdout(
    `Plan for ${request.appName} (${plan.database}, ${plan.role}, secret ${plan.secretName}):\n`,
  );
  const changing = plan.steps.filter(s => s.action !== 'none');
  if (changing.length === 0) io.stdout('  no changes\n');
  for (const s of changing) {
    io.stdout(`  ${s.action.padEnd(6)} ${s.id} (${s.target}): ${s.reason}\n`);
    for (const line of s.sql) io.stdout(`           ${line};\n`);
  }
}

/** What to set when the AWS SDK finds no credentials for Secrets Manager. */
function credentialsHelp(endpoint: string | undefined, error: unknown): string {
  const where = endpoint
    ? `the Secrets Manager endpoint ${endpoint}`
    : 'AWS Secrets Manager';
  return (
    `no AWS credentials for ${where} (${(error as Error).message}). ` +
    'Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary ones), or ' +
    'AWS_PROFILE, or run where the SDK finds a role (EC2, ECS or EKS, or web identity in CI). ' +
    'An endpoint on this machine (RDS_SECRETS_ENDPOINT=http://127.0.0.1:...) needs none.'
  );
}

/** The report to the rds backend that --report-to asks for; its token from RDS_BACKSTAGE_TOKEN. */
function reportTo(
  url: string | undefined,
  vars: NodeJS.ProcessEnv,
): BackendAuditReport | undefined {
  if (!url) return undefined;
  if (!URL.canParse(url)) {
    throw new CliConfigError(
      `--report-to must be the Backstage backend's URL, not ${JSON.stringify(
        url,
      )}`,
    );
  }
  const token = vars.RDS_BACKSTAGE_TOKEN;
  if (!token) {
    throw new CliConfigError(
      '--report-to needs RDS_BACKSTAGE_TOKEN: a static token of the backend\'s backend.auth.externalAccess (docs/engine.md, "CI runs in the Database tab")',
    );
  }
  return new BackendAuditReport({ baseUrl: url, token });
}
