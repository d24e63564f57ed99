import { makeFieldSchema } from '@backstage/plugin-scaffolder-react';

/**
 * What {@link RdsPlanReview} returns, shown in the template editor's custom
 * field explorer.
 *
 * @public
 */
export const RdsPlanReviewFieldSchema = makeFieldSchema({
  output: z =>
    z
      .boolean()
      .optional()
      .describe(
        'Whether the requester confirmed a lower access level than the existing login role has; ' +
          'pass it to rds:provision as confirmAccessLevelChange',
      ),
});
