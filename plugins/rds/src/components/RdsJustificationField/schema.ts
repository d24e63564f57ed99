import { makeFieldSchema } from '@backstage/plugin-scaffolder-react';

/**
 * What {@link RdsJustificationField} returns and the options it takes, shown in
 * the template editor's custom field explorer.
 *
 * @public
 */
export const RdsJustificationFieldSchema = makeFieldSchema({
  output: z =>
    z
      .string()
      .describe(
        'Why the database is needed; asked for only where the chosen environment requires approval',
      ),
  uiOptions: z =>
    z.object({
      environmentField: z
        .string()
        .optional()
        .describe(
          'The form field holding the environment name (default: environment)',
        ),
      rows: z
        .number()
        .optional()
        .describe('Rows of the text area (default: 3)'),
    }),
});

/**
 * The `ui:options` of {@link RdsJustificationField}.
 *
 * @public
 */
export type RdsJustificationUiOptions =
  typeof RdsJustificationFieldSchema.uiOptionsType;
