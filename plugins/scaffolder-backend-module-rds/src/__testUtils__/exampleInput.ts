import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { parse } from 'yaml';

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
