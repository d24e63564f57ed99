import { mockServices } from '@backstage/backend-test-utils';
import {
  TemplateEntityV1beta3,
  templateEntityV1beta3Validator,
} from '@backstage/plugin-scaffolder-common';
import { customizeValidator } from '@rjsf/validator-ajv8';
import ajvErrors from 'ajv-errors';
import fs from 'node:fs';
import path from 'node:path';
import { validate } from 'jsonschema';
import { parse } from 'yaml';
import { ENVIRONMENT_PATTERN } from '@rds-self-service/plugin-rds-common';
import { createRdsProvisionAction } from '../actions/provision';
import { RdsBackendClient } from '../client/RdsBackendClient';

const templatePath = path.resolve(
  __dirname,
  '../../../../templates/rds-database/template.yaml',
);
const template = parse(
  fs.readFileSync(templatePath, 'utf8'),
) as TemplateEntityV1beta3;
const parameters = [template.spec.parameters ?? []].flat() as any[];

/** Validates like the scaffolder backend does before it creates a task. */
function backendErrors(values: Record<string, unknown>) {
  return parameters.flatMap(p => validate(values, p).errors.map(e => e.stack));
}

/** Validates like the Create page's form (rjsf + ajv8 + ajv-errors), ui: keys stripped. */
const formValidator = customizeValidator();
ajvErrors(formValidator.ajv);
function stripUi(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripUi);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !key.startsWith('ui:'))
        .map(([key, v]) => [key, stripUi(v)]),
    );
  }
  return value;
}
function formErrors(values: Record<string, unknown>) {
  return parameters.flatMap(p =>
    formValidator
      .validateFormData(values, stripUi(p) as any)
      .errors.map(e => e.message ?? ''),
  );
}

/** What the backend and the form refuse in these values; `ACCEPTED` when neither does. */
function errorsOf(values: Record<string, unknown>) {
  return { backend: backendErrors(values), form: formErrors(values) };
}
const ACCEPTED = { backend: [], form: [] };

const devValues = {
  component: 'component:default/payments-api',
  environment: 'dev',
  accessLevel: 'editor',
};

describe('templates/rds-database/template.yaml', () => {
  it('is a valid v1beta3 template named rds-database', async () => {
    expect(await templateEntityV1beta3Validator.check(template)).toBe(true);
    expect(template.metadata.name).toBe('rds-database');
    expect(template.metadata.title).toBe('Postgres database');
  });

  it('runs one rds:provision step whose inputs the action knows', () => {
    const provisionSteps = template.spec.steps.filter(
      s => s.action === 'rds:provision',
    );
    expect(provisionSteps).toHaveLength(1);

    const action = createRdsProvisionAction({
      client: new RdsBackendClient({ discovery: mockServices.discovery() }),
      auth: mockServices.auth(),
    });
    const inputSchema = action.schema?.input as {
      properties: Record<string, unknown>;
      required: string[];
    };
    const stepInput = Object.keys(provisionSteps[0].input ?? {});
    expect(stepInput).toEqual(expect.arrayContaining(inputSchema.required));
    for (const key of stepInput) {
      expect(Object.keys(inputSchema.properties)).toContain(key);
    }
  });

  it('leaves the app name rule to the rds backend: no catalog:fetch, no copy of the rule', () => {
    expect(template.spec.steps.map(s => s.action)).toEqual(['rds:provision']);
    expect(template.spec.steps[0].input?.appName).toBe(
      '${{ parameters.appName }}',
    );
    expect(JSON.stringify(template.spec.steps)).not.toContain(
      'rds.platform/app-name',
    );
  });

  it('has a label for every access level, and no deprecated enumNames', () => {
    const { accessLevel, rotatePassword } = parameters[0].properties;
    expect(accessLevel.oneOf.map((o: any) => o.const)).toEqual([
      'owner',
      'editor',
      'reader',
    ]);
    // The review step shows each choice's label, under the field's own title.
    for (const field of [accessLevel, rotatePassword]) {
      for (const choice of field.oneOf) {
        expect(choice['ui:backstage'].review).toEqual({
          name: field.title,
          mask: choice.title,
        });
      }
    }
    expect(rotatePassword.oneOf.map((o: any) => o.title)).toEqual([
      'No',
      'Yes',
    ]);
    expect(JSON.stringify(template)).not.toContain('enumNames');
  });

  it('reviews the plan on its last page and passes the confirmation of a lower level on', () => {
    const review = parameters.at(-1).properties.confirmAccessLevelChange;
    expect(review).toMatchObject({
      type: 'boolean',
      'ui:field': 'RdsPlanReview',
    });
    expect(template.spec.steps[0].input?.confirmAccessLevelChange).toBe(
      '${{ parameters.confirmAccessLevelChange }}',
    );
    for (const confirm of [true, undefined]) {
      expect(
        errorsOf({ ...devValues, confirmAccessLevelChange: confirm }),
      ).toEqual(ACCEPTED);
    }
  });

  it('takes the environments from the rds backend through RdsEnvironmentPicker', () => {
    const { environment } = parameters[0].properties;
    expect(environment).toMatchObject({
      title: 'Environment',
      type: 'string',
      default: 'dev',
      'ui:field': 'RdsEnvironmentPicker',
    });
    // The list lives in rds.environments, not in the template.
    expect(environment.enum).toBeUndefined();
    // Same rule as rds-common's ENVIRONMENT_PATTERN.
    expect(new RegExp(environment.pattern).source).toBe(
      ENVIRONMENT_PATTERN.source,
    );
  });

  it.each([
    ['a dev request', devValues],
    ['an explicit app name', { ...devValues, appName: 'payments_v2' }],
    [
      'a prod request with a justification',
      {
        ...devValues,
        environment: 'prod',
        accessLevel: 'owner',
        justification: 'Ledger moves off the shared cluster (CHG-1042)',
      },
    ],
    [
      'another configured environment with a justification',
      {
        ...devValues,
        environment: 'staging',
        justification: 'Load tests before the launch (CHG-2001)',
      },
    ],
  ])('accepts %s in the backend and in the form', (_name, values) =>
    expect(errorsOf(values)).toEqual(ACCEPTED),
  );

  // Which environments need a justification is the rds backend's rule
  // (requiresApproval), not the environment's name: the RdsJustification field
  // asks for one where the chosen environment requires approval (tested on the
  // Create page in plugins/rds), and the rds:provision action refuses a run
  // without one (provision.test.ts, module.test.ts).
  it('asks for the justification through RdsJustification, not by environment name', () => {
    const { justification } = parameters[0].properties;
    expect(justification).toMatchObject({
      title: 'Justification',
      type: 'string',
      'ui:field': 'RdsJustification',
    });
    expect(parameters[0].dependencies).toBeUndefined();
    for (const environment of ['dev', 'staging', 'prod']) {
      expect(errorsOf({ ...devValues, environment })).toEqual(ACCEPTED);
    }
  });

  it('refuses a bad app name with a readable message', () => {
    const values = { ...devValues, appName: 'Payments-API' };
    expect(backendErrors(values)).toEqual([
      expect.stringContaining('does not match pattern'),
    ]);
    expect(formErrors(values)).toEqual([
      expect.stringContaining('Use a lowercase letter first'),
    ]);
  });

  it('refuses an unknown access level', () => {
    expect(backendErrors({ ...devValues, accessLevel: 'admin' })).toEqual([
      expect.stringContaining('accessLevel'),
    ]);
  });

  it.each(['Prod', 'dev-eu', 'dev_1', ''])(
    'refuses the malformed environment %j with a readable message',
    environment => {
      const values = {
        ...devValues,
        environment,
        justification: 'x'.repeat(20),
      };
      expect(backendErrors(values)).toEqual(
        expect.arrayContaining([
          expect.stringContaining('does not match pattern'),
        ]),
      );
      expect(formErrors(values)).toEqual(
        expect.arrayContaining([
          expect.stringContaining('Use an environment name from the list'),
        ]),
      );
    },
  );
});
