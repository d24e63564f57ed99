import { mockServices } from '@backstage/backend-test-utils';
import { ActionContext } from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { JsonObject } from '@backstage/types';
import { randomUUID } from 'node:crypto';

/**
 * A mock action context whose log lines and outputs can be read back, with a
 * fresh task id per call (the rds backend records it as the run id).
 */
export function actionContext<TInput extends JsonObject>(
  input: TInput,
  overrides: Partial<ActionContext<TInput, JsonObject>> = {},
) {
  const logger = mockServices.logger.mock();
  const outputs: Record<string, unknown> = {};
  const ctx: ActionContext<TInput, JsonObject> = {
    ...createMockActionContext<TInput>({
      input,
      logger,
      task: { id: randomUUID() },
    }),
    output: (name: string, value: unknown) => {
      outputs[name] = value;
    },
    ...overrides,
  };
  const logLines = () =>
    [
      ...logger.info.mock.calls,
      ...logger.warn.mock.calls,
      ...logger.error.mock.calls,
    ].flatMap(call => String(call[0]).split('\n'));
  return { ctx, outputs, logLines };
}
