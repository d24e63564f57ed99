import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { ApprovalRequest } from '@rds-self-service/plugin-rds-common';
import type { RdsEnvironmentConfig } from '../config/types';
import type { ApprovalStore } from './ApprovalStore';
import type { ApproverChecks } from './approverChecks';

/**
 * Who sees which request: the catalog's read rules for the request's entity
 * (a hidden one is a NotFoundError, like a missing one); a request without an
 * entity only to its requester and the environment's approvers.
 */
export class RequestVisibility {
  constructor(
    private readonly options: {
      /** The request's environment, as its kind sees it (decommissions: `decommission.requiresApproval`). */
      environmentOf: (request: ApprovalRequest) => RdsEnvironmentConfig;
      store: ApprovalStore;
      approvers: ApproverChecks;
      catalog: CatalogService;
    },
  ) {}

  async request(id: string, credentials: BackstageCredentials) {
    const request = await this.options.store.get(id);
    if (!request || !(await this.visible(request, credentials, new Map()))) {
      throw new NotFoundError(`No approval request ${id}`);
    }
    return request;
  }

  /** The catalog's read rules: a request of an entity is visible to those who may see the entity. */
  async visible(
    request: ApprovalRequest,
    credentials: BackstageCredentials,
    seen: Map<string, Promise<boolean>>,
  ): Promise<boolean> {
    if (!request.entityRef) {
      const principal = credentials.principal as { userEntityRef?: string };
      return (
        principal.userEntityRef === request.requester ||
        this.options.approvers.mayApprove(
          credentials,
          this.options.environmentOf(request),
        )
      );
    }
    const ref = request.entityRef;
    if (!seen.has(ref)) seen.set(ref, this.canSeeEntity(ref, credentials));
    return seen.get(ref)!;
  }

  async canSeeEntity(ref: string, credentials: BackstageCredentials) {
    return Boolean(
      await this.options.catalog.getEntityByRef(ref, { credentials }),
    );
  }

  async forCaller(
    request: ApprovalRequest,
    credentials: BackstageCredentials,
  ): Promise<ApprovalRequest> {
    const principal = credentials.principal as { userEntityRef?: string };
    const canDecide =
      request.status === 'pending' &&
      principal.userEntityRef !== request.requester &&
      (await this.options.approvers.mayApprove(
        credentials,
        this.options.environmentOf(request),
      ));
    return { ...request, canDecide };
  }
}
