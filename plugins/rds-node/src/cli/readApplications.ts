import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseToObject } from 'hcl2-parser';
import { parse as parseYaml } from 'yaml';
import {
  isAccessLevel,
  type AccessLevel,
} from '@rds-self-service/plugin-rds-common';

/** One app the file asks for. */
export interface ApplicationEntry {
  appName: string;
  accessLevel: AccessLevel;
  /** Environments the entry applies to; all when absent. */
  environments?: string[];
}

/** A problem with the file, naming the entry and what to change. */
export class ApplicationsFileError extends Error {
  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'ApplicationsFileError';
  }
}

/**
 * Reads `application_databases` from a terraform.tfvars (HCL), YAML or JSON file. Accepted shapes:
 *
 *   application_databases = { payments = { access_level = "editor", environments = ["dev"] } }
 *   application_databases = [ { name = "payments", access_level = "editor" }, "orders" ]
 *
 * Entries without `access_level` get `defaultAccessLevel`.
 */
export async function readApplications(
  file: string,
  defaultAccessLevel: AccessLevel,
): Promise<ApplicationEntry[]> {
  const text = await fs.readFile(file, 'utf8');
  const ext = path.extname(file).toLowerCase();
  let doc: unknown;
  if (ext === '.json') {
    doc = JSON.parse(text);
  } else if (ext === '.yaml' || ext === '.yml') {
    doc = parseYaml(text);
  } else {
    const [value, error] = parseToObject(text);
    if (error || !value) {
      throw new ApplicationsFileError(
        file,
        `not valid HCL: ${String((error as Error)?.message ?? error)}`,
      );
    }
    doc = value;
  }
  const raw = (doc as Record<string, unknown> | null)?.application_databases;
  if (raw === undefined) {
    throw new ApplicationsFileError(
      file,
      'no application_databases variable found',
    );
  }
  return toEntries(file, raw, defaultAccessLevel);
}

function toEntries(
  file: string,
  raw: unknown,
  defaultAccessLevel: AccessLevel,
): ApplicationEntry[] {
  if (Array.isArray(raw)) {
    return raw.map((item, i) => {
      if (typeof item === 'string')
        return { appName: item, accessLevel: defaultAccessLevel };
      const obj = (item ?? {}) as Record<string, unknown>;
      const name = obj.name ?? obj.app ?? obj.app_name;
      if (typeof name !== 'string') {
        throw new ApplicationsFileError(
          file,
          `application_databases[${i}] needs a "name"`,
        );
      }
      return entry(file, name, obj, defaultAccessLevel);
    });
  }
  if (raw && typeof raw === 'object') {
    return Object.entries(raw as Record<string, unknown>).map(([name, value]) =>
      entry(
        file,
        name,
        (value ?? {}) as Record<string, unknown>,
        defaultAccessLevel,
      ),
    );
  }
  throw new ApplicationsFileError(
    file,
    'application_databases must be a map or a list',
  );
}

function entry(
  file: string,
  appName: string,
  obj: Record<string, unknown>,
  defaultAccessLevel: AccessLevel,
): ApplicationEntry {
  const level = obj.access_level ?? obj.accessLevel ?? defaultAccessLevel;
  if (!isAccessLevel(level)) {
    throw new ApplicationsFileError(
      file,
      `application_databases "${appName}": access_level ${JSON.stringify(
        level,
      )} is not one of owner, editor, reader`,
    );
  }
  const envs = obj.environments;
  if (
    envs !== undefined &&
    (!Array.isArray(envs) || envs.some(e => typeof e !== 'string'))
  ) {
    throw new ApplicationsFileError(
      file,
      `application_databases "${appName}": environments must be a list of names`,
    );
  }
  return {
    appName,
    accessLevel: level,
    environments: envs as string[] | undefined,
  };
}
