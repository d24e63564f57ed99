import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import {
  RdsJustificationField as Component,
  RdsJustificationFieldSchema,
  rdsJustificationValidation,
} from '../../components/RdsJustificationField';

/** The field as the new frontend system's scaffolder loads it. */
export const RdsJustification = createFormField({
  name: 'RdsJustification',
  component: Component,
  validation: rdsJustificationValidation,
  schema: RdsJustificationFieldSchema,
});
