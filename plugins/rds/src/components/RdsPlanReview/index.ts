export { RdsPlanReview } from './RdsPlanReview';
export type { RdsPlanReviewProps } from './RdsPlanReview';
export { rdsPlanReviewValidation } from './validation';
export { RdsPlanReviewFieldSchema } from './schema';
