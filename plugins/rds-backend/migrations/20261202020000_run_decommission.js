// @ts-check

/**
 * Decommission runs share rds_runs with provisioning runs: their policy, where
 * the dump went and until when the deleted secret can be restored. All three
 * are null on provisioning runs (a null policy marks one).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('rds_runs', table => {
    table
      .string('decommission_policy', 32)
      .nullable()
      .comment(
        'retain, snapshot-and-delete or delete; null for provisioning runs',
      );
    table
      .text('dump_location')
      .nullable()
      .comment('Where the verified dump is: a path or an s3:// URL');
    table
      .timestamp('secret_restorable_until', { useTz: true })
      .nullable()
      .comment('Until when the deleted secret can be restored');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('rds_runs', table => {
    table.dropColumn('decommission_policy');
    table.dropColumn('dump_location');
    table.dropColumn('secret_restorable_until');
  });
};
