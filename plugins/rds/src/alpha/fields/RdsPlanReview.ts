import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import {
  RdsPlanReview as Component,
  RdsPlanReviewFieldSchema,
  rdsPlanReviewValidation,
} from '../../components/RdsPlanReview';

/** The field as the new frontend system's scaffolder loads it. */
export const RdsPlanReview = createFormField({
  name: 'RdsPlanReview',
  component: Component,
  validation: rdsPlanReviewValidation,
  schema: RdsPlanReviewFieldSchema,
});
