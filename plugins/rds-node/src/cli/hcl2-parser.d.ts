declare module 'hcl2-parser' {
  /** Parses HCL2 into plain objects: `[value, null]` or `[null, error]`. */
  export function parseToObject(
    text: string,
  ): [Record<string, unknown> | null, unknown];
}
