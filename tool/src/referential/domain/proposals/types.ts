import type { BlockKind } from '../answer-validation/types.ts';

export type { BlockKind };

/** One piece of a proposals line: literal text, a free-text field, or a drop-down list. */
export type ProposalSegment =
  | { kind: 'text'; text: string }
  | { kind: 'input'; key: string; placeholder?: string; ariaLabel: string }
  | { kind: 'select'; key: string; ariaLabel: string; options: string[] };

export interface ParsedProposals {
  /** One entry per line of the proposals text; a blank line inside the text is an empty array. */
  lines: ProposalSegment[][];
  /** Every block in reading order, which is also the validation's block-kind map. */
  blocks: Array<{ key: string; kind: BlockKind }>;
}
