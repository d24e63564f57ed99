import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import {
  CLI_RUN_ID_PREFIX,
  DECOMMISSION_POLICIES,
  validateAppName,
  type DecommissionPolicy,
  type DecommissionResult,
} from '@rds-self-service/plugin-rds-common';
import { CsvAuditSink } from '../audit/CsvAuditSink';
import type { EngineLogger } from '../context';
import { RdsProvisioner } from '../provisioner/RdsProvisioner';
import { createSecretsManagerClient } from '../secrets/client';
import { DECOMMISSION_USAGE, decommissionFromEnv } from './decommissionConfig';
import { environmentFromEnv } from './environmentFromEnv';
import type { CliIo } from './main';

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
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        env: { type: 'string' },
        decommission: { type: 'string', multiple: true },
        policy: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        'governance-dir': { type: 'string', default: 'governance' },
        actor: { type: 'string' },
        'build-id': { type: 'string' },
        verbose: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    io.stderr(
      `rds-provision: ${(error as Error).message}\n\n${DECOMMISSION_USAGE}\n`,
    );
    return 1;
  }
  if (args.help) {
    io.stdout(`${DECOMMISSION_USAGE}\n`);
    return 0;
  }
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
  if (problems.length) {
    io.stderr(
      `rds-provision: invalid input, nothing was changed:\n${problems
        .map(p => `  - ${p}`)
        .join('\n')}\n`,
    );
    return 1;
  }
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
  const logger: EngineLogger = {
    debug: () => {},
    info: m => args.verbose && io.stderr(`${m}\n`),
    warn: m => io.stderr(`warning: ${m}\n`),
    error: m => io.stderr(`error: ${m}\n`),
  };
  const env = io.env;
  const csv = CsvAuditSink.forEnvironment(args['governance-dir']!, envName!);
  const secretsManager = createSecretsManagerClient(config.secrets);
  let provisioner: RdsProvisioner;
  try {
    provisioner = new RdsProvisioner({
      environment: config.environment,
      secretsManager,
      logger,
      auditSink: csv,
    });
  } catch (error) {
    secretsManager.destroy();
    io.stderr(`rds-provision: ${(error as Error).message}\n`);
    return 1;
  }
  const actor =
    args.actor ?? env.GITHUB_ACTOR ?? env.GITLAB_USER_LOGIN ?? env.USER ?? 'ci';
  const buildId =
    args['build-id'] ?? env.BUILD_ID ?? env.GITHUB_RUN_ID ?? env.CI_PIPELINE_ID;
  const outcomes: string[] = [];
  try {
    for (const appName of apps) {
      const result = await provisioner.decommission(
        { appName, environment: envName!, policy, buildId },
        { actor, runId: `${CLI_RUN_ID_PREFIX}${randomUUID()}` },
        {
          approved: env.ALLOW_DB_PROVISION === 'true',
          dryRun: args['dry-run'],
        },
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
  if (outcomes.includes('failed')) return 1;
  if (outcomes.includes('blocked')) return 2;
  return 0;
}
