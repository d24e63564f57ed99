import { provisionTemplateUrl, scaffolderTaskUrl } from './links';

const payments = {
  entityRef: 'component:default/payments-api',
  appName: 'payments_api',
};

/** The template's prefilled values in a link's formData query parameter. */
const formDataOf = (url: string) =>
  JSON.parse(new URLSearchParams(url.split('?')[1]).get('formData')!);

describe('provisionTemplateUrl', () => {
  it('prefills the template through the formData query parameter', () => {
    const url = provisionTemplateUrl({ ...payments, environment: 'dev' });
    const [path, query] = url.split('?');
    expect(path).toBe('/create/templates/default/rds-database');
    // Keys are the template's parameter names.
    expect(formDataOf(url)).toEqual({
      component: 'component:default/payments-api',
      appName: 'payments_api',
      environment: 'dev',
    });
    // Reserved characters are escaped so the value survives the router.
    expect(query).not.toMatch(/[{}":/]/);
  });
});

describe('provisionTemplateUrl with an access level', () => {
  it('carries it under the template’s parameter name', () => {
    const url = provisionTemplateUrl({
      ...payments,
      environment: 'dev',
      accessLevel: 'owner',
    });
    expect(formDataOf(url)).toEqual({
      component: 'component:default/payments-api',
      appName: 'payments_api',
      environment: 'dev',
      accessLevel: 'owner',
    });
  });
});

describe('scaffolderTaskUrl', () => {
  it('links scaffolder task ids and nothing else', () => {
    expect(scaffolderTaskUrl('3f1c2a9e-8b7d-4c6e-9a1b-2d3e4f5a6b7c')).toBe(
      '/create/tasks/3f1c2a9e-8b7d-4c6e-9a1b-2d3e4f5a6b7c',
    );
    expect(scaffolderTaskUrl('cli-20261121-0800')).toBeUndefined();
    // A run started through the REST API (the backend's api-<uuid>) has no task page.
    expect(
      scaffolderTaskUrl('api-3f1c2a9e-8b7d-4c6e-9a1b-2d3e4f5a6b7c'),
    ).toBeUndefined();
    expect(scaffolderTaskUrl('../../admin')).toBeUndefined();
    expect(scaffolderTaskUrl(undefined)).toBeUndefined();
  });
});

describe('provisionTemplateUrl without an environment', () => {
  it('leaves the environment to the form', () => {
    const url = provisionTemplateUrl(payments);
    expect(formDataOf(url)).toEqual({
      component: 'component:default/payments-api',
      appName: 'payments_api',
    });
  });
});
