import {
  renderInTestApp,
  TestApiProvider,
  TestApiRegistry,
} from '@backstage/test-utils';
import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { createFieldValidation } from '@backstage/plugin-scaffolder-react/alpha';
import { useState, type ComponentType } from 'react';
import { rdsApiRef } from '../api';
import type { mockRdsApi } from '../testing/fixtures';

/** How a field test sets the scaffolder form around the field. */
export interface FieldHarnessOptions<T> {
  /** The field's schema: title, type, description. */
  schema: Record<string, unknown>;
  /** The field's id, e.g. `root_environment`. */
  id: string;
  initial?: T;
  /** The rest of the form (the field's own value is added under `key`). */
  form?: Record<string, unknown>;
  /** The field's key in the form data. */
  key?: string;
  uiOptions?: Record<string, unknown>;
  rawErrors?: string[];
  required?: boolean;
}

/**
 * Renders a scaffolder field as the form holds it: its value lives in the
 * form and comes back through `formData`, the whole form's data in
 * `formContext`. Resolves to every value the field sent through onChange.
 */
export async function renderField<T>(
  Field: ComponentType<any>,
  api: ReturnType<typeof mockRdsApi>,
  options: FieldHarnessOptions<T>,
): Promise<(T | undefined)[]> {
  const changes: (T | undefined)[] = [];
  function Harness() {
    const [value, setValue] = useState<T | undefined>(options.initial);
    return (
      <Field
        schema={options.schema}
        uiSchema={{ 'ui:options': options.uiOptions ?? {} }}
        idSchema={{ $id: options.id }}
        formData={value}
        formContext={{
          formData: { ...options.form, [options.key ?? 'value']: value },
        }}
        onChange={(next: T | undefined) => {
          changes.push(next);
          setValue(next);
        }}
        required={options.required ?? false}
        disabled={false}
        readonly={false}
        rawErrors={options.rawErrors ?? []}
      />
    );
  }
  await renderInTestApp(
    <TestApiProvider apis={[[rdsApiRef, api]]}>
      <Harness />
    </TestApiProvider>,
  );
  return changes;
}

/** Runs a field's validation as the scaffolder does; resolves to its errors. */
export async function validateField<T>(
  validator: CustomFieldValidator<T, any>,
  value: T,
  api: ReturnType<typeof mockRdsApi>,
  formData: Parameters<CustomFieldValidator<T>>[2]['formData'],
): Promise<string[] | undefined> {
  const validation = createFieldValidation();
  await validator(value, validation, {
    apiHolder: TestApiRegistry.from([rdsApiRef, api]),
    formData,
    schema: {},
  });
  return validation.__errors;
}
