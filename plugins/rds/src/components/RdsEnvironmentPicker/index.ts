export { RdsEnvironmentPicker } from './RdsEnvironmentPicker';
export type { RdsEnvironmentPickerProps } from './RdsEnvironmentPicker';
export { rdsEnvironmentPickerValidation } from './validation';
export { RdsEnvironmentPickerFieldSchema } from './schema';
