export interface Config {
  permission?: {
    /** The rds permission policy (`@rds-self-service/plugin-permission-backend-module-rds-policy`). */
    rds?: {
      /**
       * Groups (or users) whose members get `rds.environment.provision` and
       * `rds.environment.approve` in every environment. Defaults to
       * `[group:default/platform-team]`. The rds backend still requires
       * approvers to be named in `rds.environments.<env>.approval.approvers`.
       */
      platformGroups?: string[];
    };
  };
}
