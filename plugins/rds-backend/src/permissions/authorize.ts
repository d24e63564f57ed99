import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizePermissionRequest,
  AuthorizeResult,
} from '@backstage/plugin-permission-common';

/** Checks one permission and throws NotAllowedError (403) with `message` when it is denied. */
export type Authorize = (
  credentials: BackstageCredentials,
  request: AuthorizePermissionRequest,
  message: string,
) => Promise<void>;

/** The one permission helper of the rds routes. */
export function createAuthorize(permissions: PermissionsService): Authorize {
  return async (credentials, request, message) => {
    const [decision] = await permissions.authorize([request], { credentials });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(message);
    }
  };
}
