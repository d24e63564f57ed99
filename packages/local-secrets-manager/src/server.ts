/*
 * A small AWS Secrets Manager-compatible endpoint speaking the AWS JSON 1.1 protocol, so the real
 * @aws-sdk/client-secrets-manager can run against it in tests and in the `yarn start` default.
 * This file is the HTTP side: parsing, the auth header check, faults, routing, responses.
 *
 * The repo's plain Node scripts import this file directly through Node's type stripping, so every
 * module here uses only erasable TypeScript syntax, `import type` for types, and relative imports
 * WITH their `.ts` extension (Node resolves no other; tsc allows it via allowImportingTsExtensions).
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { FAULTS, ServiceError } from './errors.ts';
import { createOperations } from './operations/index.ts';
import type { Json, RotationHandler } from './operations/index.ts';
import { loadSecrets, saveSecrets } from './store.ts';

/**
 * Options for {@link startLocalSecretsManager}.
 *
 * @public
 */
export interface LocalSecretsManagerOptions {
  /** Interface to listen on. Defaults to 127.0.0.1. */
  host?: string;
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** JSON file the secrets are loaded from at start and saved to after every change. */
  dataFile?: string;
  /** Gets one line per request: operation, secret name, HTTP status. Never secret values. */
  logger?: (line: string) => void;
  /**
   * Rotation functions by Lambda ARN: `RotateSecret` with one of these ARNs invokes it through
   * createSecret, setSecret, testSecret and finishSecret (see README). None by default.
   */
  rotationFunctions?: Record<string, RotationHandler>;
}

/**
 * A fault answered instead of running the operation, to exercise the SDK's retries.
 *
 * @public
 */
export interface LocalSecretsManagerFault {
  /** Operation to fail, e.g. `GetSecretValue`; every operation when left out. */
  operation?: string;
  /** The AWS error code to answer with. */
  error:
    | 'ThrottlingException'
    | 'InternalServiceError'
    | 'EncryptionFailure'
    | 'AccessDeniedException';
  /** How many matching requests fail before the fault is used up. */
  times: number;
}

/**
 * A running local Secrets Manager endpoint.
 *
 * @public
 */
export interface LocalSecretsManager {
  /** Base URL for the SDK client's `endpoint`, e.g. `http://127.0.0.1:4566`. */
  endpoint: string;
  /** The port it listens on (the one picked when the options asked for 0). */
  port: number;
  /** Stops listening and drops the open connections. */
  close(): Promise<void>;
  /** Fails the next matching requests with the given error, until `times` is used up. */
  injectFault(fault: LocalSecretsManagerFault): void;
  /** Drops the faults not used up yet. */
  clearFaults(): void;
  /** Requests received so far (failed ones included), for one operation or all. */
  requestCount(operation?: string): number;
  /** Resolves when the rotations started so far have finished (or failed). */
  waitForRotations(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Json> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    const body = text.trim() ? JSON.parse(text) : {};
    if (typeof body === 'object' && body && !Array.isArray(body)) return body;
  } catch {
    // Answered below; the parser's message would quote the body.
  }
  throw new ServiceError(
    'SerializationException',
    'Body is not a JSON object.',
  );
}

/**
 * Starts a local Secrets Manager-compatible endpoint. Point the AWS SDK at `endpoint` with region
 * us-east-1 and any static credentials: signatures are not checked, but must be present.
 *
 * @public
 */
export async function startLocalSecretsManager(
  options: LocalSecretsManagerOptions = {},
): Promise<LocalSecretsManager> {
  const { host = '127.0.0.1', port = 0, dataFile, logger } = options;
  if (dataFile) mkdirSync(dirname(dataFile), { recursive: true });
  const secrets = loadSecrets(dataFile);
  const running = new Set<Promise<void>>();
  const { operations, readOnly } = createOperations(secrets, {
    functions: options.rotationFunctions ?? {},
    changed: () => dataFile && saveSecrets(dataFile, secrets),
    log: line => logger?.(line),
    running,
  });
  const counts = new Map<string, number>();
  let faults: LocalSecretsManagerFault[] = [];

  const takeFault = (operation: string) => {
    const fault = faults.find(f => (f.operation ?? operation) === operation);
    if (!fault) return undefined;
    fault.times -= 1;
    faults = faults.filter(f => f.times > 0);
    return FAULTS[fault.error]();
  };

  // `request.secret` is filled in for the log line: it names the secret, never its value.
  const run = async (req: IncomingMessage, request: Json) => {
    const operation = request.operation;
    if (req.method !== 'POST' || !Object.hasOwn(operations, operation)) {
      throw new ServiceError('UnknownOperationException', 'Unknown operation.');
    }
    counts.set(operation, (counts.get(operation) ?? 0) + 1);
    const input = await readBody(req);
    request.secret = input.SecretId ?? input.Name;
    if (!req.headers.authorization) {
      throw new ServiceError(
        'MissingAuthenticationTokenException',
        'Missing Authentication Token',
        403,
      );
    }
    const fault = takeFault(operation);
    if (fault) throw fault;
    const output = await operations[operation](input);
    if (dataFile && !readOnly.includes(operation)) {
      saveSecrets(dataFile, secrets);
    }
    return output;
  };

  const server = createServer(async (req, res) => {
    const target = String(req.headers['x-amz-target'] ?? '');
    const request: Json = {
      operation: target.replace(/^secretsmanager\./, ''),
    };
    let status = 200;
    let body: Json;
    try {
      body = await run(req, request);
    } catch (error) {
      // Unexpected errors stay generic: their messages could quote request content.
      const known = error instanceof ServiceError ? error : undefined;
      status = known?.status ?? 500;
      body = {
        __type: known?.type ?? 'InternalServiceError',
        message: known?.message ?? 'Internal service error',
      };
    }
    writeResponse(res, status, body);
    const line = [request.operation || '-', request.secret ?? '-', status];
    logger?.([...line, body.__type ?? ''].join(' ').trim());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  const publicHost = ['0.0.0.0', '::'].includes(host) ? '127.0.0.1' : host;
  const urlHost = publicHost.includes(':') ? `[${publicHost}]` : publicHost;

  return {
    endpoint: `http://${urlHost}:${actualPort}`,
    port: actualPort,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close(error => (error ? reject(error) : resolve()));
        // SDK clients keep connections alive; drop them so closing does not wait.
        server.closeAllConnections();
      }),
    injectFault(fault) {
      if (!(fault.error in FAULTS) || !(fault.times >= 1)) {
        throw new TypeError('injectFault needs a known error and times >= 1');
      }
      faults.push({ ...fault });
    },
    clearFaults() {
      faults = [];
    },
    async waitForRotations() {
      while (running.size) await Promise.allSettled([...running]);
    },
    requestCount(operation) {
      if (operation) return counts.get(operation) ?? 0;
      return [...counts.values()].reduce((sum, n) => sum + n, 0);
    },
  };
}

function writeResponse(res: ServerResponse, status: number, body: Json) {
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.1',
    'x-amzn-requestid': randomUUID(),
    ...(body.__type ? { 'x-amzn-errortype': body.__type } : {}),
  });
  res.end(JSON.stringify(body));
}
