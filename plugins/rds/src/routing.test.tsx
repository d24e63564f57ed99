import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { rdsEntityContent } from './alpha';
import { rdsApiRef } from './api';
import { paymentsEntity, tabApi } from './testing/fixtures';

jest.setTimeout(60_000);

// The app warns in development about extensions that route through React
// Router implicitly; the Database tab routes through the v6 adapter.
describe('the Database tab on the new frontend system', () => {
  const nodeEnv = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = nodeEnv;
  });

  it('renders its links without the implicit-routing warning', async () => {
    process.env.NODE_ENV = 'development';
    const warn = jest.spyOn(console, 'warn');
    const api = tabApi(2);

    await renderInTestApp(
      <EntityProvider entity={paymentsEntity}>
        {createExtensionTester(rdsEntityContent).reactElement()}
      </EntityProvider>,
      { apis: [[rdsApiRef, api]] },
    );

    expect(
      await screen.findAllByRole(
        'link',
        { name: /^View task of run/ },
        { timeout: 20_000 },
      ),
    ).not.toHaveLength(0);
    const warnings = warn.mock.calls.map(args => String(args[0]));
    expect(
      warnings.filter(w => /implicit React Router|unique id/.test(w)),
    ).toEqual([]);
    warn.mockRestore();
  });
});
