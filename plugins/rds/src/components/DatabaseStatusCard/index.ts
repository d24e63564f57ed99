export { DatabaseStatusCard } from './DatabaseStatusCard';
export type { DatabaseStatusCardProps } from './DatabaseStatusCard';
