import {
  createConditionExports,
  createPermissionRule,
  PermissionRule,
  PermissionRuleset,
} from '@backstage/plugin-permission-node';
import { RDS_ENVIRONMENT_RESOURCE_TYPE } from '@rds-self-service/plugin-rds-common';
import { z } from 'zod';
import {
  RdsEnvironmentQuery,
  RdsEnvironmentResource,
  rdsEnvironmentResourceRef,
} from './resource';

/** Matches environments marked `dev` in config. */
const isDevEnvironment = createPermissionRule({
  name: 'IS_DEV_ENVIRONMENT',
  description: 'Allow when the environment is a dev environment',
  resourceRef: rdsEnvironmentResourceRef,
  apply: environment => environment.dev,
  toQuery: () => ({ dev: true }),
});

/** Matches environments by name. */
const isEnvironment = createPermissionRule({
  name: 'IS_ENVIRONMENT',
  description: 'Allow when the environment is one of the given names',
  resourceRef: rdsEnvironmentResourceRef,
  paramsSchema: z.object({
    names: z.array(z.string()).describe('Environment names, e.g. staging'),
  }),
  apply: (environment, { names }) => names.includes(environment.name),
  toQuery: ({ names }) => ({ names }),
});

/** The rules of the `rds-environment` resource type. */
export const rdsEnvironmentRules = { isDevEnvironment, isEnvironment };

const conditionExports = createConditionExports({
  resourceRef: rdsEnvironmentResourceRef,
  rules: rdsEnvironmentRules,
});

/**
 * Conditions for policies, e.g. `rdsEnvironmentConditions.isEnvironment({ names: ['staging'] })`.
 *
 * @public
 */
export const rdsEnvironmentConditions = conditionExports.conditions;

/**
 * Wraps environment conditions into a conditional policy decision.
 *
 * @public
 */
export const createRdsEnvironmentConditionalDecision =
  conditionExports.createConditionalDecision;

type RdsEnvironmentRule = PermissionRule<
  RdsEnvironmentResource,
  RdsEnvironmentQuery,
  typeof RDS_ENVIRONMENT_RESOURCE_TYPE
>;

/** The rules by name, to apply conditional decisions inside the plugin. */
export const rdsEnvironmentRuleset: PermissionRuleset<
  RdsEnvironmentResource,
  RdsEnvironmentQuery,
  typeof RDS_ENVIRONMENT_RESOURCE_TYPE
> = {
  getRuleByName(name) {
    const rule = Object.values(rdsEnvironmentRules).find(r => r.name === name);
    if (!rule) {
      throw new Error(`Unknown rds-environment permission rule '${name}'`);
    }
    return rule as RdsEnvironmentRule;
  },
};
