import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import {
  RdsEnvironmentPicker as Component,
  RdsEnvironmentPickerFieldSchema,
  rdsEnvironmentPickerValidation,
} from '../../components/RdsEnvironmentPicker';

/** The field as the new frontend system's scaffolder loads it. */
export const RdsEnvironmentPicker = createFormField({
  name: 'RdsEnvironmentPicker',
  component: Component,
  validation: rdsEnvironmentPickerValidation,
  schema: RdsEnvironmentPickerFieldSchema,
});
