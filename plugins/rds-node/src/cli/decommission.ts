import {
  DECOMMISSION_POLICIES,
  validateAppName,
  type DecommissionPolicy,
  type DecommissionResult,
} from '@rds-self-service/plugin-rds-common';
import { CsvAuditSink } from '../audit/CsvAuditSink';
import type { RdsProvisioner } from '../provisioner/RdsProvisioner';
import { createSecretsManagerClient } from '../secrets/client';
import { DECOMMISSION_USAGE, decommissionFromEnv } from './decommissionConfig';
import { environmentFromEnv } from './environmentFromEnv';
import type { CliIo } from './main';
import * as cli from './runHelpers';

/** What one app's run prints: the preflight's findings, then each step. */
function report(appName: string, r: DecommissionResult): string {
  const p = r.preflight;
  const lines = [
    `${appName}: ${r.outcome}${r.dryRun ? ' (dry run)' : ''}, policy ${
      r.policy
    } (${r.database})`,
  ];
  if (p.sessions.length)
    lines.push(
      `  sessions: ${p.sessions
        .map(s => `${s.user}@${s.database || '-'} pid ${s.pid}`)
        .join(', ')}`,
    );
  for (const [what, list] of [
    ['prepared transactions', p.preparedTransactions],
    ['replication slots', p.replicationSlots],
    ['subscriptions', p.subscriptions],
    ['disables', p.disables],
    ['dumps', p.dumps],
    ['drops', p.drops],
    ['deletes', p.deletes],
  ] as const) {
    if (list.length) lines.push(`  ${what}: ${list.join('; ')}`);
  }
  for (const s of r.steps) {
    lines.push(
      `  ${s.outcome.padEnd(9)} ${s.id} (${s.target})${
        s.message ? `: ${s.message}` : ''
      }`,
    );
  }
  if (r.dumpLocation) lines.push(`  dump: ${r.dumpLocation}`);
  if (r.secretRestorableUntil)
    lines.push(`  secret restorable until: ${r.secretRestorableUntil}`);
  if (r.error) lines.push(`  error: ${r.error}`);
  return `${lines.join('\n')}\n`;
}

/**
 * `rds-provision --env <env> --decommission <app> [--policy <p>] [--dry-run]`: decommissions
 * the named apps, one explicit flag per app. Returns the exit status.
 */
export async function runDecommissionCli(
  argv: string[],
  io: CliIo,
): Promise<number> {
  const args = cli.parseCliArgs(
    argv,
    {
      env: { type: 'string' },
      decommission: { type: 'string', multiple: true },
      policy: { type: 'string' },
    },
    DECOMMISSION_USAGE,
    io,
  );
  if (typeof args === 'number') return args;
  const envName = args.env;
  const apps = args.decommission ?? [];
  const policy = args.policy as DecommissionPolicy | undefined;
  const problems = [
    ...(envName ? [] : ['--env is required']),
    ...(policy && !DECOMMISSION_POLICIES.includes(policy)
      ? [`--policy must be one of ${DECOMMISSION_POLICIES.join(', ')}`]
      : []),
    ...(envName
      ? apps.flatMap(a =>
          validateAppName(a, envName).map(p => `--decommission ${a}: ${p}`),
        )
      : []),
  ];
  if (problems.length) return cli.invalidInput(io, problems);
  let config;
  try {
    config = environmentFromEnv(envName!, io.env);
    config.environment.instance.name =
      io.env.RDS_INSTANCE_NAME ?? config.environment.instance.host;
    config.environment.decommission = decommissionFromEnv(
      io.env,
      config.environment.requiresApproval,
    );
  } catch (error) {
    io.stderr(`rds-provision: ${(error as Error).message}\n`);
    return 1;
  }
  const logger = cli.cliLogger(io, args.verbose);
  const csv = CsvAuditSink.forEnvironment(args['governance-dir']!, envName!);
  const secretsManager = createSecretsManagerClient(config.secrets);
  let provisioner: RdsProvisioner;
  try {
    provisioner = cli.provisionerFor({
      environment: config.environment,
      secretsManager,
      logger,
      auditSink: csv,
    });
  } catch (error) {
    io.stderr(`rds-provision: ${(error as Error).message}\n`);
    return 1;
  }
  const { actor, buildId, approved } = cli.cliRunner(args, io.env);
  const outcomes: string[] = [];
  try {
    for (const appName of apps) {
      const result = await provisioner.decommission(
        { appName, environment: envName!, policy, buildId },
        cli.cliRunContext(actor),
        { approved, dryRun: args['dry-run'] },
      );
      io.stdout(report(appName, result));
      outcomes.push(result.outcome);
    }
  } catch (error) {
    io.stderr(`rds-provision: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await provisioner.close();
  }
  io.stdout(`Audit: ${csv.file}\n`);
  return cli.exitStatus(outcomes);
}
