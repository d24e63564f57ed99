import type {
  AuditorService,
  AuditorServiceCreateEventOptions,
  AuditorServiceEvent,
} from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import type { JsonObject } from '@backstage/types';
import type { Request, Response } from 'express';
import type { Caller } from '../service/RdsService';
import type { Callers } from './callers';

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

/** A route handler of a person's plan or run; see {@link createUserRuns}. */
export type UserRun = (
  eventOptions: Parameters<Audited>[1],
  handle: (run: {
    req: Request;
    res: Response;
    event: AuditorServiceEvent;
    caller: Caller;
  }) => Promise<void>,
) => (req: Request, res: Response) => Promise<void>;

/**
 * Plans and runs are made by a person: each is an audit event (`audited`)
 * whose caller is the user (`callers.userCaller`), learnt inside the event so
 * that a request without a user fails it too.
 */
export function createUserRuns(audited: Audited, callers: Callers): UserRun {
  return (eventOptions, handle) => (req, res) =>
    audited(req, eventOptions, async event =>
      handle({ req, res, event, caller: await callers.userCaller(req) }),
    );
}

/** How the run of one kind (provision, decommission) ends; see {@link answerRun}. */
export interface RunEnding<R> {
  /** The auditor's meta of the result. */
  meta: (result: R) => JsonObject;
  /** The guardrail's words for a blocked run. */
  blockedMessage: (result: R) => string;
  /** The event's error for a failed run that gives none. */
  failure: string;
}

/**
 * Ends the audit event of an engine run by its outcome and answers with the
 * result: a blocked run is a ConflictError with the guardrail's words, a
 * failed run fails the event with the run's error (else `failure`), any other
 * succeeds; a run kept as a pending approval request answers 202, else 200.
 */
export async function answerRun<R extends { outcome: string; error?: string }>(
  res: Response,
  event: AuditorServiceEvent,
  result: R,
  ending: RunEnding<R>,
): Promise<void> {
  if (result.outcome === 'blocked') {
    throw new ConflictError(ending.blockedMessage(result));
  }
  const meta = ending.meta(result);
  if (result.outcome === 'failed') {
    await event.fail({
      meta,
      error: new Error(result.error ?? ending.failure),
    });
  } else {
    await event.success({ meta });
  }
  res.status(result.outcome === 'pending_approval' ? 202 : 200).json(result);
}
