// Reading an operation's JSON input: typed fields, and the secret its SecretId names.
import { invalidParameter, notFound } from '../errors.ts';
import { assertNotDeleted, purgeExpired } from '../store.ts';
import type { Secret, Secrets } from '../store.ts';

export type Json = Record<string, any>;

/** Operations by name, as the X-Amz-Target header names them. */
export type Operations = Record<string, (input: Json) => Json | Promise<Json>>;

export function readString(input: Json, key: string, required = false) {
  const value = input[key];
  if (value === undefined || value === null) {
    if (required) throw invalidParameter(`You must specify ${key}.`);
    return undefined;
  }
  if (typeof value !== 'string') {
    throw invalidParameter(`${key} must be a string.`);
  }
  return value;
}

export function readList(
  input: Json,
  key: string,
  isItem: (item: any) => boolean,
) {
  const list = input[key] ?? [];
  if (!Array.isArray(list) || !list.every(isItem)) {
    throw invalidParameter(`${key} is not a valid list.`);
  }
  return list;
}

export function readSecretString(input: Json) {
  if (input.SecretBinary !== undefined) {
    throw invalidParameter('This endpoint only stores SecretString values.');
  }
  return readString(input, 'SecretString');
}

// A SecretId is a name, an ARN, or an ARN without its random suffix.
export function findSecret(secrets: Secrets, input: Json): Secret {
  purgeExpired(secrets);
  const id = readString(input, 'SecretId', true)!;
  const byArn = [...secrets.values()].find(
    s => s.arn === id || s.arn.slice(0, -7) === id,
  );
  const secret = secrets.get(id) ?? byArn;
  if (!secret) throw notFound();
  return secret;
}

/** {@link findSecret}, refusing a secret scheduled for deletion. */
export function findLiveSecret(secrets: Secrets, input: Json): Secret {
  const secret = findSecret(secrets, input);
  assertNotDeleted(secret);
  return secret;
}
