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

/** The rules of one kind of name: how it must start, the characters it may hold. */
interface NameRules {
  kind: string;
  start: string;
  chars: RegExp;
  allowed: string;
}

const ENVIRONMENT_RULES: NameRules = {
  kind: 'environment',
  start: 'a lowercase letter',
  chars: /[a-z0-9]/,
  allowed: ALLOWED_ENV,
};

const APP_NAME_RULES: NameRules = {
  kind: 'app name',
  start: 'a lowercase letter a-z',
  chars: /[a-z0-9_]/,
  allowed: ALLOWED_APP,
};

/** Problems with a name by its rules (first letter, characters, reserved names). */
function nameProblems(value: unknown, rules: NameRules): string[] {
  const { kind, allowed } = rules;
  if (typeof value !== 'string' || value.length === 0) {
    return [`${kind} is required; ${allowed}`];
  }
  const problems: string[] = [];
  if (!/^[a-z]/.test(value)) {
    problems.push(
      `${kind} ${quote(value)} must start with ${rules.start}; ${allowed}`,
    );
  }
  if (![...value].every(ch => rules.chars.test(ch))) {
    problems.push(
      `${kind} ${quote(
        value,
      )} contains characters that are not allowed (${describeChars(
        value,
        rules.chars,
      )}); ${allowed}`,
    );
  }
  const reserved = reservedProblem(kind, value);
  if (reserved) problems.push(reserved);
  return problems;
}

/**
 * Problems with an environment name; empty when it is valid.
 *
 * @public
 */
export function validateEnvironmentName(environment: unknown): string[] {
  return nameProblems(environment, ENVIRONMENT_RULES);
}

/**
 * Problems with an app name on its own (pattern, reserved names); empty when valid.
 *
 * @public
 */
export function validateAppNameFormat(appName: unknown): string[] {
  return nameProblems(appName, APP_NAME_RULES);
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
