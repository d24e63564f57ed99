export { RotationInfo } from './RotationInfo';
