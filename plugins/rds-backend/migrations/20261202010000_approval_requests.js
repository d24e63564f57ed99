// @ts-check

/**
 * The approval workflow: one row per pending request (kept after it is
 * approved, rejected or expired), holding the redacted plan and its SHA-256;
 * and, on each audit run, the request it belongs to and who asked and
 * decided. No column ever holds a password or a secret value.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('rds_approval_requests', table => {
    table.comment(
      'Runs in environments that require approval, waiting for (or past) a decision',
    );
    table.string('id', 36).primary().comment('UUID');
    table
      .string('status', 16)
      .notNullable()
      .comment('pending, applying, approved, failed, rejected or expired');
    table.string('environment', 64).notNullable();
    table.string('instance', 255).notNullable();
    table.string('app_name', 63).notNullable();
    table.string('database', 63).notNullable();
    table.string('role', 63).notNullable();
    table.string('access_level', 16).notNullable();
    table.string('entity_ref', 255).nullable();
    table.string('requester', 255).notNullable();
    table.text('justification').nullable();
    table.string('run_id', 255).notNullable();
    table
      .text('request_json')
      .notNullable()
      .comment('The normalized request, applied as it is on approval');
    table
      .text('plan_json')
      .notNullable()
      .comment('The plan, passwords redacted');
    table.string('plan_hash', 64).notNullable().comment('SHA-256 of the plan');
    table
      .text('plan_changes')
      .nullable()
      .comment('JSON list of plan lines that changed at the last approval');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.timestamp('expires_at', { useTz: true }).notNullable();
    table.string('decided_by', 255).nullable();
    table.timestamp('decided_at', { useTz: true }).nullable();
    table.text('comment').nullable();
    table.string('outcome', 16).nullable();
    table.text('error').nullable();
    table.index(['status', 'expires_at'], 'rds_approval_requests_status_idx');
    table.index(
      ['entity_ref', 'created_at'],
      'rds_approval_requests_entity_ref_idx',
    );
    table.index(['run_id'], 'rds_approval_requests_run_id_idx');
  });

  await knex.schema.alterTable('rds_runs', table => {
    table
      .string('request_id', 36)
      .nullable()
      .comment('The approval request the run belongs to');
    table.string('requested_by', 255).nullable();
    table.string('decided_by', 255).nullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('rds_runs', table => {
    table.dropColumn('request_id');
    table.dropColumn('requested_by');
    table.dropColumn('decided_by');
  });
  await knex.schema.dropTable('rds_approval_requests');
};
