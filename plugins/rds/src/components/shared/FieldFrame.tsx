import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { ScaffolderField } from '@backstage/plugin-scaffolder-react/alpha';
import type { ReactNode } from 'react';

/**
 * The scaffolder's frame of a form field (its description, errors and help)
 * for one of the rds fields, from the field's own props.
 */
export function FieldFrame(props: {
  field: FieldExtensionComponentProps<any, any>;
  required?: boolean;
  children: ReactNode;
}) {
  const { schema, uiSchema, rawErrors = [], disabled, errors } = props.field;
  return (
    <ScaffolderField
      rawErrors={rawErrors}
      rawDescription={uiSchema?.['ui:description'] ?? schema.description}
      required={props.required}
      disabled={disabled}
      errors={errors}
    >
      {props.children}
    </ScaffolderField>
  );
}
