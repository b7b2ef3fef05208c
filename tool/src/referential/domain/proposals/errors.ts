/**
 * A malformed `${…}` block in QROC/QROCM proposals. The referential checker reports the message,
 * which names the line and the problem, to the content author.
 */
export class ProposalsSyntaxError extends Error {
  override readonly name = 'ProposalsSyntaxError';
  readonly code = 'PROPOSALS_SYNTAX';
  /** 1-based line of the proposals text. */
  readonly line: number;

  constructor(line: number, problem: string) {
    super(`Line ${line}: ${problem}`);
    this.line = line;
  }
}
