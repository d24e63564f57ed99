export { RdsJustificationField } from './RdsJustificationField';
export type { RdsJustificationFieldProps } from './RdsJustificationField';
export { rdsJustificationValidation } from './validation';
export { RdsJustificationFieldSchema } from './schema';
export type { RdsJustificationUiOptions } from './schema';
