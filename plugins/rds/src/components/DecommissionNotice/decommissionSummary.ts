import type {
  DatabaseStatus,
  DecommissionSummary,
} from '@rds-self-service/plugin-rds-common';
import { formatTimestamp } from '../shared/format';

/** Where the "Decommission Postgres database" template lives on the Create page. */
export const RDS_DECOMMISSION_TEMPLATE_PATH =
  '/create/templates/default/rds-decommission';

/** The decommission template, prefilled for this database (its parameter names). */
export function decommissionTemplateUrl(prefill: {
  entityRef: string;
  appName: string;
  environment: string;
}): string {
  const formData = {
    component: prefill.entityRef,
    appName: prefill.appName,
    environment: prefill.environment,
  };
  return `${RDS_DECOMMISSION_TEMPLATE_PATH}?formData=${encodeURIComponent(
    JSON.stringify(formData),
  )}`;
}

/** The database's decommission, unless the live state could not be read. */
export function decommissionOf(
  status: DatabaseStatus,
): DecommissionSummary | undefined {
  return status.error ? undefined : status.decommissioned;
}

/** One word for the card's headline. */
export function decommissionLabel(d: DecommissionSummary): string {
  return d.policy === 'retain' ? 'Retained' : 'Decommissioned';
}

/** The notice's title and facts, in the order people read them. */
export function decommissionFacts(d: DecommissionSummary): {
  title: string;
  text: string;
  facts: Array<[string, string]>;
} {
  const when = `${formatTimestamp(d.at)} by ${d.by}`;
  const retained = d.policy === 'retain';
  const facts: Array<[string, string]> = [
    ['When', when],
    ['Policy', d.policy],
  ];
  if (d.dumpLocation) facts.push(['Dump', d.dumpLocation]);
  if (d.secretRestorableUntil) {
    facts.push([
      'Secret restorable until',
      formatTimestamp(d.secretRestorableUntil),
    ]);
  }
  return {
    title: retained ? 'Retained: logins disabled' : 'Decommissioned',
    text: retained
      ? 'Its data and secret are kept, but nobody can log in. Provisioning it again (the button below) brings it back.'
      : `Its database and roles were dropped${
          d.dumpLocation ? ' after a verified dump' : ''
        } and its secret is scheduled for deletion. To bring it back, restore the secret and the dump as docs/runbook.md ("Decommission and restore") describes.`,
    facts,
  };
}
