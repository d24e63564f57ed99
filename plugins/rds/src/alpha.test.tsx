import {
  ApiBlueprint,
  coreExtensionData,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  renderInTestApp as renderLegacyTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';
import type {
  FieldExtensionOptions,
  FieldSchema,
} from '@backstage/plugin-scaffolder-react';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import rdsPlugin, {
  rdsApi,
  rdsAuditEntityCard,
  rdsEntityContent,
  rdsEnvironmentPickerFormField,
  rdsJustificationFormField,
  rdsPlanReviewFormField,
} from './alpha';
import { RdsClient, rdsApiRef } from './api';
import {
  apiEntity,
  environmentsApi,
  paymentsEntity,
  tabApi,
} from './testing/fixtures';

/** Renders an extension of the plugin on the payments-api entity's page. */
function renderForPayments(
  tester: ReturnType<typeof createExtensionTester>,
  api: ReturnType<typeof tabApi>,
) {
  return renderInTestApp(
    <EntityProvider entity={paymentsEntity}>
      {tester.reactElement()}
    </EntityProvider>,
    { apis: [[rdsApiRef, api]] },
  );
}

describe('rds plugin for the new frontend system', () => {
  it('is a frontend plugin with the API, the Database tab, the audit card and the form fields', () => {
    expect(rdsPlugin.$$type).toBe('@backstage/FrontendPlugin');
    expect(rdsPlugin.pluginId).toBe('rds');
    // The ids app-config uses to configure or disable each extension.
    expect(rdsPlugin.getExtension('api:rds')).toBeDefined();
    expect(
      createExtensionTester(
        rdsPlugin.getExtension('entity-content:rds/database'),
      ).get(coreExtensionData.routePath),
    ).toBe('/database');
    expect(rdsPlugin.getExtension('entity-card:rds/audit')).toBeDefined();
    expect(
      rdsPlugin.getExtension('scaffolder-form-field:rds/environment-picker'),
    ).toBeDefined();
    expect(
      rdsPlugin.getExtension('scaffolder-form-field:rds/justification'),
    ).toBeDefined();
    expect(
      rdsPlugin.getExtension('scaffolder-form-field:rds/plan-review'),
    ).toBeDefined();
  });

  it('provides RdsClient for rdsApiRef', () => {
    const factory = createExtensionTester(rdsApi).get(
      ApiBlueprint.dataRefs.factory,
    );
    expect(factory.api.id).toBe(rdsApiRef.id);
    expect(Object.keys(factory.deps).sort()).toEqual([
      'discoveryApi',
      'fetchApi',
    ]);
    expect(factory.deps).toEqual({
      discoveryApi: discoveryApiRef,
      fetchApi: fetchApiRef,
    });
    const client = factory.factory({
      discoveryApi: { getBaseUrl: async () => 'http://backstage.test/api/rds' },
      fetchApi: { fetch: async () => new Response('{}') },
    });
    expect(client).toBeInstanceOf(RdsClient);
  });

  it('adds a "Database" tab at /database for Components only', () => {
    const tester = createExtensionTester(rdsEntityContent);
    expect(tester.get(coreExtensionData.routePath)).toBe('/database');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Database');
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction);
    expect(filter?.(paymentsEntity)).toBe(true);
    expect(filter?.(apiEntity)).toBe(false);
  });

  it('renders status and audit history in the Database tab', async () => {
    const api = tabApi();
    const tester = createExtensionTester(rdsEntityContent);

    await renderForPayments(tester, api);

    expect(await screen.findByText('Environment: dev')).toBeInTheDocument();
    expect(await screen.findByText('Provisioning history')).toBeInTheDocument();
    expect(await screen.findByText('user:default/actor-0')).toBeInTheDocument();
  });

  it('offers the audit history as a Component card', async () => {
    const api = tabApi();
    const tester = createExtensionTester(rdsAuditEntityCard);
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction);
    expect(filter?.(paymentsEntity)).toBe(true);
    expect(filter?.(apiEntity)).toBe(false);

    await renderForPayments(tester, api);

    expect(await screen.findByText('Provisioning history')).toBeInTheDocument();
    expect(await screen.findByText('user:default/actor-0')).toBeInTheDocument();
  });

  it.each([
    ['RdsEnvironmentPicker', rdsEnvironmentPickerFormField, { type: 'string' }],
    ['RdsJustification', rdsJustificationFormField, { type: 'string' }],
    // An optional value: scaffolder-react 3 writes it as anyOf [absent, boolean].
    [
      'RdsPlanReview',
      rdsPlanReviewFormField,
      { anyOf: expect.arrayContaining([{ type: 'boolean' }]) },
    ],
  ])(
    'gives the scaffolder the %s form field, with its validation and value type',
    async (name, formField, returnValue) => {
      const field = await loadFormField(formField, name);
      expect(field?.validation).toBeDefined();
      expect(field?.schema?.schema.returnValue).toMatchObject(returnValue);
    },
  );

  it('renders the RdsEnvironmentPicker form field with the backend’s environments', async () => {
    const field = await loadFormField(
      rdsEnvironmentPickerFormField,
      'RdsEnvironmentPicker',
    );
    const Picker = field!.component;
    const api = environmentsApi([
      { name: 'dev', instance: 'dev-postgres', requiresApproval: false },
      { name: 'prod', instance: 'prod-postgres', requiresApproval: true },
    ]);
    const props = {
      schema: { title: 'Environment', type: 'string' },
      uiSchema: {},
      idSchema: { $id: 'root_environment' },
      formData: 'dev',
      onChange: jest.fn(),
      rawErrors: [],
    } as unknown as Parameters<typeof Picker>[0];
    await renderLegacyTestApp(
      <TestApiProvider apis={[[rdsApiRef, api]]}>
        <Picker {...props} />
      </TestApiProvider>,
    );

    await userEvent.click(
      await screen.findByRole('button', { name: /^Environment/ }),
    );
    await userEvent.click(
      screen.getByRole('option', { name: 'prod approval required' }),
    );
    expect(props.onChange).toHaveBeenCalledWith('prod');
  });

  it('tells the RdsJustification form field which field holds the environment', async () => {
    const field = await loadFormField(
      rdsJustificationFormField,
      'RdsJustification',
    );
    expect(field?.schema?.schema.uiOptions).toMatchObject({
      properties: { environmentField: { type: 'string' } },
    });
  });
});

// What the scaffolder reads from each loaded field (its internal shape).
type LoadedField = Omit<FieldExtensionOptions<any>, 'schema'> & {
  schema?: FieldSchema<unknown, unknown>;
};

/**
 * The field as the scaffolder plugin's own form fields API loads it, with the
 * rds field attached the way the app attaches it.
 */
async function loadFormField(
  formField: Parameters<ReturnType<typeof createExtensionTester>['add']>[0],
  name: string,
): Promise<LoadedField | undefined> {
  const tester = createExtensionTester(
    scaffolderPlugin.getExtension('api:scaffolder/form-fields'),
  ).add(formField);
  const factory = tester.get(ApiBlueprint.dataRefs.factory);
  const formFieldsApi = factory.factory({
    appTreeApi: { getTree: () => ({ tree: { nodes: new Map() } }) },
  }) as { loadFormFields(): Promise<unknown[]> };
  const fields = (await formFieldsApi.loadFormFields()) as LoadedField[];
  return fields.find(f => f.name === name);
}
