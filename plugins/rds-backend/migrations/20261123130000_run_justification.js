// @ts-check

/**
 * Keeps the requester's justification (free text, e.g. a change ticket) with
 * each run. Nullable: older runs and runs without one have none.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('rds_runs', table => {
    table
      .text('justification')
      .nullable()
      .comment('Why the run was asked for, as the requester wrote it');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('rds_runs', table => {
    table.dropColumn('justification');
  });
};
