import type { HttpAuthService } from '@backstage/backend-plugin-api';
import type { Request } from 'express';
import type { createPermissionChecks } from '../permissions/checks';
import type { Caller } from '../service/RdsService';

/** How the routes learn who calls; see {@link createCallers}. */
export type Callers = ReturnType<typeof createCallers>;

/** The credentials checks the routes of the rds backend share. */
export function createCallers(
  httpAuth: HttpAuthService,
  checks: ReturnType<typeof createPermissionChecks>,
) {
  return {
    /** Reads may come from users (the entity tab) or other backends. */
    readCredentials: async (req: Request, what: string) => {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      await checks.requireRead(credentials, what);
      return credentials;
    },
    /** Plans and runs are made by a person; the user is the audit actor. */
    userCaller: async (req: Request): Promise<Caller> => {
      const credentials = await httpAuth.credentials(req, { allow: ['user'] });
      return { credentials, actor: credentials.principal.userEntityRef };
    },
  };
}
