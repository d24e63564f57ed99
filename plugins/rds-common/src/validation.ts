import {
  deriveNames,
  maxAppNameLength,
  POSTGRES_IDENTIFIER_MAX_BYTES,
  RESERVED_NAMES,
  RESERVED_PREFIXES,
} from './naming';

/**
 * Allowed app names: a lowercase letter, then lowercase letters, digits and underscores.
 *
 * @public
 */
export const APP_NAME_PATTERN = /^[a-z][a-z0-9_]*$/;

/**
 * Allowed environment names: a lowercase letter, then lowercase letters and digits.
 * No underscore, so `<app>_<env>` can be split unambiguously (app `a_b` in `c` and
 * app `a` in `b_c` would otherwise share every derived name).
 *
 * @public
 */
export const ENVIRONMENT_PATTERN = /^[a-z][a-z0-9]*$/;

const ALLOWED_APP =
  'use lowercase letters a-z, digits 0-9 and underscores, starting with a letter';
const ALLOWED_ENV =
  'use lowercase letters a-z and digits 0-9, starting with a letter';

// TextEncoder, not Buffer: this package also runs in the browser.
function byteLength(value: string): number {
  return new TextEncoder().encode(value).length;
}

/** A value as messages show it: quoted, control characters escaped, cut at 64 characters. */
function quote(value: string): string {
  return JSON.stringify(value.length > 64 ? `${value.slice(0, 64)}…` : value);
}

function describeChars(value: string, allowed: RegExp): string {
  const bad = [...new Set([...value].filter(ch => !allowed.test(ch)))];
  const listed = bad.slice(0, 10).map(ch => JSON.stringify(ch));
  return bad.length > 10 ? `${listed.join(', ')}, …` : listed.join(', ');
}

function reservedProblem(kind: string, value: string): string | undefined {
  if (RESERVED_NAMES.includes(value)) {
    return `${kind} ${quote(
      value,
    )} is reserved by Postgres or RDS; choose another name`;
  }
  const prefix = RESERVED_PREFIXES.find(p => value.startsWith(p));
  if (prefix) {
    return `${kind} ${quote(
      value,
    )} starts with "${prefix}", a prefix reserved by Postgres or RDS; choose another name`;
  }
  return undefined;
}

/**
 * Problems with an environment name; empty when it is valid.
 *
 * @public
 */
export function validateEnvironmentName(environment: unknown): string[] {
  if (typeof environment !== 'string' || environment.length === 0) {
    return [`environment is required; ${ALLOWED_ENV}`];
  }
  const problems: string[] = [];
  if (!/^[a-z]/.test(environment)) {
    problems.push(
      `environment ${quote(
        environment,
      )} must start with a lowercase letter; ${ALLOWED_ENV}`,
    );
  }
  if (!/^[a-z0-9]*$/.test(environment)) {
    problems.push(
      `environment ${quote(
        environment,
      )} contains characters that are not allowed (${describeChars(
        environment,
        /[a-z0-9]/,
      )}); ${ALLOWED_ENV}`,
    );
  }
  const reserved = reservedProblem('environment', environment);
  if (reserved) problems.push(reserved);
  return problems;
}

/**
 * Problems with an app name on its own (pattern, reserved names); empty when valid.
 *
 * @public
 */
export function validateAppNameFormat(appName: unknown): string[] {
  if (typeof appName !== 'string' || appName.length === 0) {
    return [`app name is required; ${ALLOWED_APP}`];
  }
  const problems: string[] = [];
  if (!/^[a-z]/.test(appName)) {
    problems.push(
      `app name ${quote(
        appName,
      )} must start with a lowercase letter a-z; ${ALLOWED_APP}`,
    );
  }
  if (!/^[a-z0-9_]*$/.test(appName)) {
    problems.push(
      `app name ${quote(
        appName,
      )} contains characters that are not allowed (${describeChars(
        appName,
        /[a-z0-9_]/,
      )}); ${ALLOWED_APP}`,
    );
  }
  const reserved = reservedProblem('app name', appName);
  if (reserved) problems.push(reserved);
  return problems;
}

/**
 * The identifier-limit problem of an app name in an environment, if any: every derived
 * name (including the rotation clone) must fit in 63 bytes.
 *
 * @public
 */
export function validateNameLength(
  appName: string,
  environment: string,
): string | undefined {
  const names = deriveNames(appName, environment);
  const longest = Object.values(names).reduce((a, b) =>
    byteLength(b) > byteLength(a) ? b : a,
  );
  const bytes = byteLength(longest);
  if (bytes <= POSTGRES_IDENTIFIER_MAX_BYTES) return undefined;
  return `app name ${quote(appName)} is too long: in environment ${quote(
    environment,
  )} the derived name ${quote(
    longest,
  )} would be ${bytes} bytes, and Postgres allows ${POSTGRES_IDENTIFIER_MAX_BYTES}; use at most ${Math.max(
    0,
    maxAppNameLength(environment),
  )} characters`;
}

/**
 * Checks an app name (and the environment it is combined with) against the naming rules:
 * pattern, reserved names and the 63-byte identifier limit of every derived name.
 * Returns the problems, each saying what is wrong and what is allowed; empty when valid.
 *
 * @public
 */
export function validateAppName(
  appName: unknown,
  environment: unknown,
): string[] {
  const problems = validateAppNameFormat(appName);
  const envProblems = validateEnvironmentName(environment);
  problems.push(...envProblems);
  if (typeof appName === 'string' && appName && envProblems.length === 0) {
    const tooLong = validateNameLength(appName, environment as string);
    if (tooLong) problems.push(tooLong);
  }
  return problems;
}
