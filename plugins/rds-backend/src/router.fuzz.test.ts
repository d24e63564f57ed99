import { TestDatabases } from '@backstage/backend-test-utils';
import express from 'express';
import request, { Response } from 'supertest';
import { uniqueComponent } from './__testUtils__/testEnvironment';
import { closeTestRouters, createTestRouter } from './__testUtils__/testRouter';

jest.setTimeout(60_000);

// The real router, store (Postgres) and engines, so a value Postgres refuses
// (NUL) would surface as the 500 it used to be.
const databases = TestDatabases.create({ ids: ['POSTGRES_17'] });

const c = uniqueComponent();
let app: express.Express;

beforeAll(async () => {
  ({ app } = await createTestRouter(databases, { entities: [c.entity] }));
});
afterAll(closeTestRouters);

/** Values no path or query value may carry; each is appended to a valid one. */
const badSuffixes: Record<string, string> = {
  NUL: '\u0000',
  'control character U+0001': '\u0001',
  'ANSI escape': '\u001b[2J',
  'line break': '\n',
  DEL: '\u007f',
  'unicode letter': 'ü',
  emoji: '🐘',
  'right-to-left override': '\u202e',
  // Not 100 kB: Node refuses a request line and headers over 16 kB (431,
  // no body, connection closed) before the router sees it.
  '10 kB': 'a'.repeat(10_000),
};

/** Values no body field may carry; each is appended to a valid one. */
const badFieldSuffixes: Record<string, string> = {
  NUL: '\u0000',
  'control character U+0001': '\u0001',
  'unicode letter': 'ü',
  '10 kB': 'a'.repeat(10_000),
  '100 kB': 'a'.repeat(100_000),
};

type Case = {
  what: string;
  send: (app: express.Express) => request.Test;
  /** What the message must mention: the field, in the words of its message (our own messages only). */
  mentions?: RegExp;
};

const entityRoutes = ['databases', 'audit', 'audit.csv'];
const queryRoutes = ['audit', 'audit.csv'];
const entityPath = (ref: string, route: string) =>
  `/entities/${encodeURIComponent(ref)}/${route}`;

const entityRefCases: Case[] = entityRoutes.flatMap(route => [
  ...Object.entries(badSuffixes).map(([what, suffix]) => ({
    what: `GET /entities/:entityRef/${route} with ${what} in the entity ref`,
    send: (a: express.Express) =>
      request(a).get(entityPath(c.entityRef + suffix, route)),
    mentions: /entityRef/,
  })),
  ...['payments', 'component:', 'component:default/', ':/'].map(ref => ({
    what: `GET /entities/:entityRef/${route} with the entity ref ${JSON.stringify(
      ref,
    )}`,
    send: (a: express.Express) => request(a).get(entityPath(ref, route)),
    mentions: /entityRef/,
  })),
  {
    what: `GET /entities/:entityRef/${route} with malformed percent-encoding`,
    send: (a: express.Express) => request(a).get(`/entities/%E0%A4%A/${route}`),
  },
]);

const environmentCases: Case[] = queryRoutes.flatMap(route => {
  const path = entityPath(c.entityRef, route);
  return [
    ...Object.entries(badSuffixes).map(([what, suffix]) => ({
      what: `GET ${route} with ${what} in ?environment`,
      send: (a: express.Express) =>
        request(a)
          .get(path)
          .query({ environment: `dev${suffix}` }),
      mentions: /environment/,
    })),
    ...['', 'DEV', '1dev', 'dev_1', 'dev-1'].map(environment => ({
      what: `GET ${route} with ?environment=${JSON.stringify(environment)}`,
      send: (a: express.Express) => request(a).get(path).query({ environment }),
      mentions: /environment/,
    })),
    ...['environment=dev&environment=prod', 'environment[a]=dev'].map(
      query => ({
        what: `GET ${route} with ?${query}`,
        send: (a: express.Express) => request(a).get(`${path}?${query}`),
        mentions: /environment/,
      }),
    ),
  ];
});

const pagingCases: Case[] = (['limit', 'offset'] as const).flatMap(field => {
  const path = entityPath(c.entityRef, 'audit');
  const values = [
    '-1',
    '1.5',
    '1e309',
    'abc',
    '',
    ' 5',
    '0x10',
    '5\u0000',
    '99999999999999999999',
  ];
  if (field === 'limit') values.push('0', '501');
  return [
    ...values.map(value => ({
      what: `GET audit with ?${field}=${JSON.stringify(value)}`,
      send: (a: express.Express) =>
        request(a)
          .get(path)
          .query({ [field]: value }),
      mentions: new RegExp(field),
    })),
    {
      what: `GET audit with ?${field} given twice`,
      send: (a: express.Express) =>
        request(a).get(`${path}?${field}=1&${field}=2`),
      mentions: new RegExp(field),
    },
  ];
});

const planBody = c.body({
  buildId: 'build-1',
  justification: 'fuzzing',
});
const provisionBody = { ...planBody, dryRun: true, runId: `run-${c.appName}` };

/** Each field and how its messages name it. */
const fieldNames: Record<string, RegExp> = {
  appName: /app ?name/i,
  environment: /environment/,
  accessLevel: /accessLevel/,
  entityRef: /entityRef/,
  buildId: /buildId/,
  justification: /justification/,
  runId: /runId/,
};

const bodyCases: Case[] = (
  [
    ['/plan', planBody],
    ['/provision', provisionBody],
  ] as const
).flatMap(([route, body]) => {
  const post = (a: express.Express) => request(a).post(route);
  const raw = (text: string, type = 'application/json') => ({
    what: `POST ${route} with the ${type} body ${JSON.stringify(
      text.slice(0, 40),
    )}`,
    send: (a: express.Express) => post(a).set('Content-Type', type).send(text),
  });
  const fields = Object.keys(body).filter(f => f in fieldNames);
  return [
    raw('{"appName":'),
    raw('{appName: "x"}'),
    raw(`${JSON.stringify(body)}}`),
    raw('[]'),
    raw(JSON.stringify([body])),
    raw('"abc"'),
    raw('null'),
    raw('42'),
    raw('true'),
    raw(''),
    raw(JSON.stringify(body), 'text/plain'),
    raw(JSON.stringify(body), 'application/json; charset=klingon'),
    raw(JSON.stringify({ ...body, justification: 'a'.repeat(200_000) })),
    ...fields.flatMap(field =>
      Object.entries(badFieldSuffixes)
        // Unicode is fine in free text.
        .filter(
          ([what]) => !(field === 'justification' && what === 'unicode letter'),
        )
        .map(([what, suffix]) => ({
          what: `POST ${route} with ${what} in ${field}`,
          send: (a: express.Express) =>
            post(a).send({
              ...body,
              [field]: `${body[field as keyof typeof body]}${suffix}`,
            }),
          mentions: fieldNames[field],
        })),
    ),
    ...(
      [
        ['appName', 42],
        ['environment', ['dev']],
        ['accessLevel', {}],
        ['entityRef', 1],
        ['justification', ['x']],
        ['rotatePassword', 'no'],
        ...(route === '/provision'
          ? [
              ['dryRun', 'yes'],
              ['runId', 7],
            ]
          : []),
      ] as Array<[string, unknown]>
    ).map(([field, value]) => ({
      what: `POST ${route} with ${field}: ${JSON.stringify(value)}`,
      send: (a: express.Express) => post(a).send({ ...body, [field]: value }),
      mentions: fieldNames[field] ?? new RegExp(field),
    })),
  ];
});

/** Status and error as one line, so a failure shows what came back. */
function outcome(res: Response): string {
  const error = res.body?.error;
  return `${res.status} ${error?.name}: ${String(error?.message).slice(
    0,
    300,
  )}`;
}

describe('bad input on every route', () => {
  it('answers the unfuzzed requests with 200', async () => {
    const statuses = await Promise.all([
      request(app).get('/environments'),
      request(app).post('/plan').send(planBody),
      request(app).post('/provision').send(provisionBody),
      ...entityRoutes.map(route =>
        request(app)
          .get(entityPath(c.entityRef, route))
          .query({ environment: 'dev' }),
      ),
    ]).then(responses => responses.map(outcome));
    expect(statuses).toEqual(
      statuses.map(() => expect.stringMatching(/^200 /)),
    );
  });

  it.each([
    ...entityRefCases,
    ...environmentCases,
    ...pagingCases,
    ...bodyCases,
  ])(
    'answers $what with a 4xx and a readable error',
    async ({ send, mentions }) => {
      const res = await send(app);

      expect(outcome(res)).toMatch(/^4\d\d \w+: ./);
      const { message } = res.body.error;
      // Readable: short, one line, no control characters echoed back.
      expect(message.length).toBeLessThanOrEqual(500);
      expect(message).toMatch(/^\P{Cc}+$/u);
      expect(message).toMatch(mentions ?? /./);
    },
  );

  it('leaves GET /environments alone with query values it does not take', async () => {
    const res = await request(app)
      .get('/environments')
      .query({ environment: 'dev\u0000', limit: '-1', x: 'a'.repeat(10_000) });

    expect(outcome(res)).toMatch(/^200 /);
  });
});
