import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readApplications } from './readApplications';

const dir = mkdtempSync(path.join(os.tmpdir(), 'rds-apps-'));
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('readApplications', () => {
  it('reads a terraform.tfvars map of apps', async () => {
    const tfvars = file(
      'terraform.tfvars',
      `region = "eu-west-1"
application_databases = {
  payments = { access_level = "editor" }
  orders = {
    access_level = "reader"
    environments = ["prod"]
  }
  billing = {}
}`,
    );
    expect(await readApplications(tfvars, 'owner')).toEqual(
      expect.arrayContaining([
        { appName: 'payments', accessLevel: 'editor' },
        { appName: 'orders', accessLevel: 'reader', environments: ['prod'] },
        { appName: 'billing', accessLevel: 'owner' },
      ]),
    );
  });

  it('reads a list, in YAML or JSON', async () => {
    const yaml = file(
      'apps.yaml',
      'application_databases:\n  - name: payments\n    access_level: reader\n  - orders\n',
    );
    expect(await readApplications(yaml, 'editor')).toEqual([
      { appName: 'payments', accessLevel: 'reader' },
      { appName: 'orders', accessLevel: 'editor' },
    ]);
    const json = file(
      'apps.json',
      JSON.stringify({
        application_databases: [{ app: 'x', access_level: 'owner' }],
      }),
    );
    expect(await readApplications(json, 'reader')).toEqual([
      { appName: 'x', accessLevel: 'owner' },
    ]);
  });

  it('says what is wrong with the file', async () => {
    await expect(
      readApplications(file('a.tfvars', 'region = "x"'), 'owner'),
    ).rejects.toThrow(/no application_databases variable found/);
    await expect(
      readApplications(file('b.tfvars', 'application_databases = {'), 'owner'),
    ).rejects.toThrow(/not valid HCL/);
    await expect(
      readApplications(
        file(
          'c.tfvars',
          'application_databases = { x = { access_level = "admin" } }',
        ),
        'owner',
      ),
    ).rejects.toThrow(
      /"x": access_level "admin" is not one of owner, editor, reader/,
    );
    await expect(
      readApplications(
        file('d.yaml', 'application_databases:\n  - access_level: owner\n'),
        'owner',
      ),
    ).rejects.toThrow(/application_databases\[0\] needs a "name"/);
  });
});
