import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { randomBytes } from 'node:crypto';
import { parse } from 'yaml';
import { componentEntity } from './startRdsTestBackend';

/** The component the actions' examples name (component:default/payments). */
export const EXAMPLE_COMPONENT = componentEntity('payments');

/** The input of an example's single step, as its YAML says; the step must be `action`. */
export function exampleStepInput(
  examples: TemplateExample[],
  index: number,
  action: string,
) {
  const { steps } = parse(examples[index].example);
  expect(steps).toHaveLength(1);
  expect(steps[0].action).toBe(action);
  return steps[0].input;
}

/**
 * The examples of `action` as a test runs them against a real rds backend:
 * everything as their YAML says, but the app names get a per-run suffix,
 * because other test files may run on the same Postgres at the same time.
 */
export function examplesOf(examples: TemplateExample[], action: string) {
  const suffix = randomBytes(3).toString('hex');
  /** An app name of the examples, with this run's suffix. */
  const app = (name: string) => `${name}_${suffix}`;
  return {
    app,
    /** The input of example `index`'s single step (app name suffixed). */
    input(index: number) {
      const input = exampleStepInput(examples, index, action);
      return { ...input, appName: app(input.appName) };
    },
  };
}
