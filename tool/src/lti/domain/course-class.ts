/**
 * The class a course (LTI context) is kept as. Context ids are unique per platform only: the issuer keeps two
 * platforms' courses apart.
 */
export function courseClassKey(issuer: string, contextId: string): { source: 'LTI_CONTEXT'; sourceKey: string } {
  return { source: 'LTI_CONTEXT', sourceKey: `${issuer}#${contextId}` };
}
