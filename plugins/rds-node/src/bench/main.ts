import { runBench, type BenchTarget } from './runBench';

/**
 * Entry point of `yarn bench` in this package. Needs the variables scripts/with-test-env.mjs
 * sets: RDS_TEST_PG17_ADMIN_URL (and RDS_TEST_PG15_ADMIN_URL with BENCH_TARGETS=pg17,pg15),
 * RDS_TEST_SECRETS_ENDPOINT.
 */
export async function benchMain(env: NodeJS.ProcessEnv): Promise<number> {
  const endpoint = env.RDS_TEST_SECRETS_ENDPOINT;
  const wanted = (env.BENCH_TARGETS ?? 'pg17')
    .split(',')
    .map(s => s.trim().toUpperCase());
  const targets: BenchTarget[] = wanted
    .map(name => ({
      name,
      adminUrl: env[`RDS_TEST_${name}_ADMIN_URL`] ?? '',
      secretsEndpoint: endpoint ?? '',
    }))
    .filter(t => t.adminUrl);
  if (!endpoint || targets.length === 0) {
    process.stderr.write(
      'bench: run it under the test environment: node scripts/with-test-env.mjs ./yarnw --cwd plugins/rds-node bench\n',
    );
    return 1;
  }
  let ok = true;
  for (const target of targets) {
    const result = await runBench(target, {
      sequence: Number(env.BENCH_SEQUENCE ?? 100),
      iterations: Number(env.BENCH_ITERATIONS ?? 11),
    });
    ok &&= result.ok;
    process.stdout.write('\n');
  }
  // Targets missed are reported in the table; the command itself succeeds (it is not a test).
  if (!ok)
    process.stdout.write('Some targets were missed (see MISSED above).\n');
  return 0;
}
