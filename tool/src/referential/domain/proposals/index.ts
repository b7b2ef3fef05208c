export { parseProposals } from './parse-proposals.ts';
export { ProposalsSyntaxError } from './errors.ts';
export type { ParsedProposals, ProposalSegment } from './types.ts';
