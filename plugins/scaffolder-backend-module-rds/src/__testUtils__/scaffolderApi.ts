import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

export interface TaskRun {
  taskId: string;
  status: 'completed' | 'failed' | 'cancelled';
  /** The template's output (links, text) on success. */
  output?: Record<string, any>;
  /** Messages of the task's log events, in order. */
  log: string[];
  /** The completion event's message, e.g. the error of a failed step. */
  message?: string;
  /** A failed task's error as the task page shows it (its title is the message). */
  error?: { name: string; message: string };
  /** From sending POST /v2/tasks to seeing the task finished (polled every 10 ms). */
  elapsedMs: number;
}

/**
 * Talks to the scaffolder's REST API the way the Create page does: create a
 * task from a template ref, wait for it to finish, read its events.
 */
export class ScaffolderApi {
  constructor(private readonly baseUrl: string) {}

  private url(path: string) {
    return `${this.baseUrl}/api/scaffolder${path}`;
  }

  /** POST /v2/tasks; resolves to the task id, or throws with the 400 body. */
  async createTask(templateRef: string, values: Record<string, unknown>) {
    const res = await fetch(this.url('/v2/tasks'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ templateRef, values }),
    });
    const body = await res.json();
    if (res.status !== 201) {
      throw Object.assign(
        new Error(`create task: HTTP ${res.status} ${JSON.stringify(body)}`),
        { status: res.status, body },
      );
    }
    return body.id as string;
  }

  /** Polls GET /v2/tasks/:id until the task has finished. */
  async waitForTask(taskId: string, timeoutMs = 30_000, intervalMs = 10) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const res = await fetch(this.url(`/v2/tasks/${taskId}`));
      const task = await res.json();
      if (['completed', 'failed', 'cancelled'].includes(task.status)) {
        return task.status as TaskRun['status'];
      }
      if (Date.now() > deadline) {
        throw new Error(
          `task ${taskId} still ${task.status} after ${timeoutMs} ms`,
        );
      }
      await sleep(intervalMs);
    }
  }

  async events(taskId: string): Promise<any[]> {
    const res = await fetch(this.url(`/v2/tasks/${taskId}/events`));
    return res.json();
  }

  async runTask(
    templateRef: string,
    values: Record<string, unknown>,
  ): Promise<TaskRun> {
    const start = performance.now();
    const taskId = await this.createTask(templateRef, values);
    const status = await this.waitForTask(taskId);
    const elapsedMs = performance.now() - start;
    const events = await this.events(taskId);
    const completion = events.find(e => e.type === 'completion');
    return {
      taskId,
      status,
      output: completion?.body?.output,
      message: completion?.body?.message,
      error: completion?.body?.error,
      log: events.filter(e => e.type === 'log').map(e => e.body.message),
      elapsedMs,
    };
  }

  /** POST /v2/dry-run with an inline template, as the template editor does. */
  async dryRun(template: unknown, values: Record<string, unknown>) {
    const res = await fetch(this.url('/v2/dry-run'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ template, values, directoryContents: [] }),
    });
    return { status: res.status, body: await res.json() };
  }
}
