import { makeFieldSchema } from '@backstage/plugin-scaffolder-react';

/**
 * What {@link RdsEnvironmentPicker} returns, shown in the template editor's
 * custom field explorer.
 *
 * @public
 */
export const RdsEnvironmentPickerFieldSchema = makeFieldSchema({
  output: z =>
    z
      .string()
      .describe(
        'Name of an environment configured in the rds backend (rds.environments)',
      ),
});
