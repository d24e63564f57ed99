import type {
  AuditorService,
  AuditorServiceCreateEventOptions,
  AuditorServiceEvent,
} from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import type { JsonObject } from '@backstage/types';
import type { Request } from 'express';

/** Runs a route's work as an audit event; see {@link createAudited}. */
export type Audited = (
  req: Request,
  eventOptions: Pick<
    AuditorServiceCreateEventOptions,
    'eventId' | 'severityLevel'
  >,
  handle: (event: AuditorServiceEvent) => Promise<void>,
) => Promise<void>;

/**
 * Plans and runs are audit events with the request's known, non-secret fields
 * (`requestMeta`); an error thrown by `handle` marks the event failed and is
 * passed on to the error handler.
 */
export function createAudited(
  auditor: AuditorService,
  requestMeta: (body: unknown) => JsonObject,
): Audited {
  return async (req, eventOptions, handle) => {
    const event = await auditor.createEvent({
      ...eventOptions,
      request: req,
      meta: requestMeta(req.body),
    });
    try {
      await handle(event);
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  };
}

/**
 * Ends the audit event of an engine run by its outcome: a blocked run is a
 * ConflictError with the guardrail's words (`blockedMessage`), a failed run
 * fails the event with the run's error (else `failure`), any other succeeds.
 */
export async function endRunEvent(
  event: AuditorServiceEvent,
  result: { outcome: string; error?: string },
  options: { meta: JsonObject; blockedMessage: () => string; failure: string },
): Promise<void> {
  if (result.outcome === 'blocked') {
    throw new ConflictError(options.blockedMessage());
  }
  if (result.outcome === 'failed') {
    await event.fail({
      meta: options.meta,
      error: new Error(result.error ?? options.failure),
    });
  } else {
    await event.success({ meta: options.meta });
  }
}
