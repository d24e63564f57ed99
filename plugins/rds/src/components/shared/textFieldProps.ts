import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import type { ChangeEvent } from 'react';

/**
 * What an rds field's TextField takes from the scaffolder's props of the
 * field: its id, the schema's title as label (else `defaultTitle`), the value
 * and its changes, and whether it is required, disabled (or read-only) and in
 * error.
 */
export function textFieldProps(
  field: Pick<
    FieldExtensionComponentProps<string | undefined>,
    | 'idSchema'
    | 'schema'
    | 'formData'
    | 'onChange'
    | 'disabled'
    | 'readonly'
    | 'rawErrors'
  >,
  defaultTitle: string,
  required: boolean | undefined,
) {
  const id = field.idSchema?.$id;
  return {
    id,
    name: id,
    label: field.schema.title ?? defaultTitle,
    value: field.formData ?? '',
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      field.onChange(event.target.value),
    required,
    disabled: field.disabled || field.readonly,
    error: (field.rawErrors ?? []).length > 0,
  };
}
