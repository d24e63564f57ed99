import {
  auditRecord as record,
  auditStoreDatabases,
  deniedApprovalStep,
} from '../__testUtils__/auditStore';

jest.setTimeout(60_000);

const { createStore } = auditStoreDatabases();

describe('DatabaseRdsAuditStore.appNamesForEntity', () => {
  it('leaves out app names whose only runs were refused for approval', async () => {
    const { store } = await createStore();
    await store.write(record());
    await store.write(
      record({
        appName: 'payments_ledger',
        environment: 'prod',
        outcome: 'denied',
        steps: [deniedApprovalStep('prod')],
      }),
    );

    await expect(
      store.appNamesForEntity('component:default/payments'),
    ).resolves.toEqual([{ environment: 'dev', appName: 'payments' }]);
  });
});
