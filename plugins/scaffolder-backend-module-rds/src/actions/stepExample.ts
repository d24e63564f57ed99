import type { TemplateExample } from '@backstage/plugin-scaffolder-node';

/**
 * An example for the /create/actions page: a template with the one step
 * `step` (id, name, action) and its `input`, one `key: value` line each.
 */
export function stepExample(
  description: string,
  step: { id: string; name: string; action: string },
  input: Record<string, string | boolean>,
): TemplateExample {
  const inputLines = Object.entries(input)
    .map(([key, value]) => `      ${key}: ${value}\n`)
    .join('');
  return {
    description,
    example:
      `steps:\n  - id: ${step.id}\n    name: ${step.name}\n` +
      `    action: ${step.action}\n    input:\n${inputLines}`,
  };
}

/** The step of an example: `<verb>-database`, "<Verb> Postgres database". */
export function exampleStep(verb: string, action: string) {
  return {
    id: `${verb.toLowerCase()}-database`,
    name: `${verb} Postgres database`,
    action,
  };
}
