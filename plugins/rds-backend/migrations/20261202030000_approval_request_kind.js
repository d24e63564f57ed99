// @ts-check

/**
 * Approval requests are for provisioning or for decommissioning: a kind
 * column (existing rows are provisioning requests). A decommission request's
 * request_json and plan_json hold the decommission request and plan.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('rds_approval_requests', table => {
    table
      .string('kind', 16)
      .notNullable()
      .defaultTo('provision')
      .comment('provision or decommission');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('rds_approval_requests', table => {
    table.dropColumn('kind');
  });
};
