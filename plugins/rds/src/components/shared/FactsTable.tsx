import { StructuredMetadataTable } from '@backstage/core-components';

/** A dense table of facts whose labels are shown as written (no title casing). */
export function FactsTable(props: { metadata: { [key: string]: unknown } }) {
  return (
    <StructuredMetadataTable
      dense
      metadata={props.metadata}
      options={{ titleFormat: key => key }}
    />
  );
}
