import type { AuditRecord } from '@rds-self-service/plugin-rds-common';
import type { AuditSink } from '@rds-self-service/plugin-rds-node';
import { AsyncLocalStorage } from 'node:async_hooks';

type ApprovalFields = Pick<
  AuditRecord,
  'requestId' | 'requestedBy' | 'decidedBy'
>;

const current = new AsyncLocalStorage<ApprovalFields>();

/**
 * Runs `fn` (an approved apply) so that the audit record the engine writes
 * during it names the request, its requester and its approver.
 */
export function withApprovalFields<T>(
  fields: ApprovalFields,
  fn: () => Promise<T>,
): Promise<T> {
  return current.run(fields, fn);
}

/**
 * The engine's audit sink, adding the approval request's fields to the
 * records written inside {@link withApprovalFields}.
 */
export function approvalAuditSink(sink: AuditSink): AuditSink {
  return {
    write: record => sink.write({ ...record, ...current.getStore() }),
  };
}
