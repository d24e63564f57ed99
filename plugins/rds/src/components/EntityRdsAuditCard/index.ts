export { EntityRdsAuditCard } from './EntityRdsAuditCard';
export type { EntityRdsAuditCardProps } from './EntityRdsAuditCard';
