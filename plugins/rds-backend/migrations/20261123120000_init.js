// @ts-check

/**
 * The audit trail of provisioning runs: one row per run in rds_runs, one row
 * per engine step in rds_run_steps. Runs are append-only; a retried run with
 * the same run id gets a second row rather than overwriting the first.
 * No column ever holds a password or a secret value.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('rds_runs', table => {
    table.comment('One row per provisioning run (plan-only dry runs included)');
    table.bigIncrements('id').primary();
    table
      .string('run_id', 255)
      .notNullable()
      .comment('Scaffolder task id or generated id');
    table.string('build_id', 255).nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.string('environment', 64).notNullable();
    table.string('instance', 255).notNullable();
    table.string('database', 63).notNullable();
    table.string('role', 63).notNullable();
    table.string('access_level', 16).notNullable();
    table.string('actor', 255).notNullable();
    table.string('entity_ref', 255).nullable();
    table.string('app_name', 63).notNullable();
    table.string('outcome', 16).notNullable();
    table.boolean('dry_run').notNullable();
    table.text('error').nullable();
    table.index(
      ['entity_ref', 'created_at'],
      'rds_runs_entity_ref_created_at_idx',
    );
    table.index(
      ['environment', 'created_at'],
      'rds_runs_environment_created_at_idx',
    );
    table.index(
      ['app_name', 'environment', 'created_at'],
      'rds_runs_app_name_environment_created_at_idx',
    );
    table.index(['run_id'], 'rds_runs_run_id_idx');
  });

  await knex.schema.createTable('rds_run_steps', table => {
    table.comment('One row per engine step of a run, in execution order');
    table
      .bigInteger('run_row_id')
      .notNullable()
      .references('id')
      .inTable('rds_runs')
      .onDelete('CASCADE');
    table.integer('position').notNullable();
    table.string('step_id', 255).notNullable();
    table.string('kind', 64).notNullable();
    table.string('target', 255).notNullable();
    table.string('outcome', 16).notNullable();
    table.text('message').nullable();
    table.primary(['run_row_id', 'position']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('rds_run_steps');
  await knex.schema.dropTable('rds_runs');
};
