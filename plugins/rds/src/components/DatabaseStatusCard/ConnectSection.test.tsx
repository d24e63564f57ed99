import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderTabWithStatuses } from '../../__testUtils__/tab';
import {
  devInSync,
  devOnAws,
  prodBlockedWithDrift,
  prodUnreadable,
} from '../../testing/fixtures';

// CopyTextButton copies through react-use's useCopyToClipboard, which calls
// copy-to-clipboard: jsdom has no clipboard, so the copied texts are recorded.
jest.mock('copy-to-clipboard', () => jest.fn(() => true));

// Many clicks on a shared, loaded machine.
jest.setTimeout(30_000);
const copied = jest.requireMock('copy-to-clipboard') as jest.Mock;

const render = renderTabWithStatuses;

async function connectSection() {
  const heading = await screen.findByRole('heading', { name: 'Connect' });
  return within(heading.closest('section') as HTMLElement);
}

/** Clicks the copy button and returns what it put on the clipboard. */
async function copy(section: ReturnType<typeof within>, name: string) {
  copied.mockClear();
  await userEvent.click(section.getByRole('button', { name }));
  await waitFor(() => expect(copied).toHaveBeenCalledTimes(1));
  return copied.mock.calls[0][0] as string;
}

const LOCAL_COMMAND =
  'AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local aws secretsmanager get-secret-value --secret-id rds/dev/payments_api --region us-east-1 --endpoint-url http://127.0.0.1:4566 --query SecretString --output text';

describe('The Connect section', () => {
  it('copies the facts and a command that works against the local endpoint', async () => {
    await render([devInSync]);
    const connect = await connectSection();

    expect(await copy(connect, 'Copy host')).toBe('127.0.0.1');
    expect(await copy(connect, 'Copy port')).toBe('5433');
    expect(await copy(connect, 'Copy database')).toBe('payments_api_dev_db');
    expect(await copy(connect, 'Copy user')).toBe('payments_api_dev_user');
    expect(await copy(connect, 'Copy secret name')).toBe(
      'rds/dev/payments_api',
    );
    // The local endpoint's secret has no ARN worth copying and no console.
    expect(
      connect.queryByRole('button', { name: 'Copy secret ARN' }),
    ).not.toBeInTheDocument();
    expect(
      connect.queryByRole('link', { name: /AWS console/ }),
    ).not.toBeInTheDocument();

    // The AWS CLI command is the first tab, shown as it is copied.
    expect(connect.getByRole('tab', { name: 'AWS CLI' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(connect.getByText(LOCAL_COMMAND)).toBeVisible();
    expect(await copy(connect, 'Copy the AWS CLI command')).toBe(LOCAL_COMMAND);
    expect(
      connect.getByText(/the placeholder keys only satisfy the AWS CLI/),
    ).toBeInTheDocument();

    await userEvent.click(connect.getByRole('tab', { name: 'psql' }));
    expect(await copy(connect, 'Copy the psql command')).toBe(
      `PGPASSWORD="$(${LOCAL_COMMAND} | jq -r .password)" psql 'host=127.0.0.1 port=5433 dbname=payments_api_dev_db user=payments_api_dev_user sslmode=disable'`,
    );

    await userEvent.click(connect.getByRole('tab', { name: 'Kubernetes' }));
    expect(
      connect.getByText(
        'postgresql://payments_api_dev_user:***@127.0.0.1:5433/payments_api_dev_db?sslmode=disable',
      ),
    ).toBeInTheDocument();
    const manifest = await copy(connect, 'Copy the ExternalSecret');
    expect(manifest).toContain('apiVersion: external-secrets.io/v1beta1');
    expect(manifest).toContain('kind: ExternalSecret');
    expect(manifest).toContain('  name: payments-api-dev-db');
    // Built from the secret's keys: the password is never copied anywhere else.
    expect(manifest).toContain(
      "DATABASE_URL: 'postgresql://{{ .username }}:{{ .password | urlquery }}@{{ .host }}:{{ .port }}/{{ .dbname }}?sslmode=disable'",
    );
    expect(manifest).toMatch(
      /dataFrom:\n {4}- extract:\n {8}key: rds\/dev\/payments_api\n$/,
    );
  });

  it('links the secret in the AWS console and verifies the server on AWS', async () => {
    await render([devOnAws]);
    const connect = await connectSection();

    expect(
      connect.getByRole('link', {
        name: /^Open the secret in the AWS console/,
      }),
    ).toHaveAttribute(
      'href',
      'https://eu-west-1.console.aws.amazon.com/secretsmanager/secret?name=rds%2Fdev%2Fpayments_api&region=eu-west-1',
    );
    expect(await copy(connect, 'Copy secret ARN')).toBe(devOnAws.secretArn);
    const command =
      'aws secretsmanager get-secret-value --secret-id rds/dev/payments_api --region eu-west-1 --query SecretString --output text';
    expect(await copy(connect, 'Copy the AWS CLI command')).toBe(command);

    await userEvent.click(connect.getByRole('tab', { name: 'psql' }));
    expect(await copy(connect, 'Copy the psql command')).toBe(
      `PGPASSWORD="$(${command} | jq -r .password)" psql 'host=dev-main.cluster-abc123.eu-west-1.rds.amazonaws.com port=5432 dbname=payments_api_dev_db user=payments_api_dev_user sslmode=verify-full sslrootcert=global-bundle.pem'`,
    );
    expect(
      connect.getByRole('link', { name: /^the RDS CA bundle/ }),
    ).toHaveAttribute(
      'href',
      'https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem',
    );
  });

  it('is only on cards of databases that exist with their secret', async () => {
    await render([
      prodBlockedWithDrift,
      {
        ...prodUnreadable,
        appName: 'payments_ledger',
        connection: devInSync.connection,
      },
    ]);

    expect(await screen.findAllByText(/^Environment: prod$/)).toHaveLength(2);
    expect(
      screen.queryByRole('heading', { name: 'Connect' }),
    ).not.toBeInTheDocument();
  });
});
