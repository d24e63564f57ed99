import { APP_NAME_PATTERN } from '@rds-self-service/plugin-rds-common';
import type { z as zod } from 'zod/v3';

// The per-field form createTemplateAction takes, with the zod it passes (its zod/v3 API):
// each field a function of that zod. `satisfies` in the schema files types each field's `z` yet
// keeps the field's own schema, so the actions still infer their input and output types.

/** A required string field. */
export type RequiredStringField = (z: typeof zod) => zod.ZodString;
/** An optional string field. */
export type OptionalStringField = (
  z: typeof zod,
) => zod.ZodOptional<zod.ZodString>;

/** The catalog entity that owns the database (required). */
export const entityRefField =
  (description: string): RequiredStringField =>
  z =>
    z.string().min(1).describe(description);

/** The app name the names derive from (optional: the entity's otherwise). */
export const appNameField =
  (description: string): OptionalStringField =>
  z =>
    z
      .string()
      .regex(
        APP_NAME_PATTERN,
        'must start with a lowercase letter and use only a-z, 0-9 and _',
      )
      .optional()
      .describe(description);

/** The configured environment of the database (required). */
export const environmentField = entityRefField;

/** The fields rds:provision and rds:decommission share, each with its own description. */
export const sharedFields: {
  entityRef: (description: string) => RequiredStringField;
  appName: (description: string) => OptionalStringField;
  environment: (description: string) => RequiredStringField;
} = {
  entityRef: entityRefField,
  appName: appNameField,
  environment: environmentField,
};
