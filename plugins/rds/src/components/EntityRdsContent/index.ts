export { EntityRdsContent } from './EntityRdsContent';
