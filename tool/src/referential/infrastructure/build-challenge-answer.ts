import { parseLocaleNumber } from '../domain/answer-validation/parse-number.ts';
import type { BlockKind, Solution, Treatment } from '../domain/answer-validation/types.ts';
import { parseProposals, ProposalsSyntaxError, type ParsedProposals } from '../domain/proposals/index.ts';
import type { ChallengeProposals } from '../domain/referential.ts';
import { renderInlineMarkdown } from '../../shared/markdown/index.ts';
import { defineLazyProperty } from './define-lazy-property.ts';
import type { ChallengeRecord } from './tube-file-schema.ts';

/** Reports one problem of the épreuve being built: the field and the rule broken. */
export type ReportField = (rule: string, field: string, message: string) => void;

export interface ChallengeAnswer {
  proposals: ChallengeProposals;
  solution: Solution;
}

const DEFAULT_TREATMENTS: Treatment[] = ['t1', 't2', 't3'];

/**
 * Builds what the learner sees and how the answer is corrected, checking that the two agree: a QCU/QCM
 * solution designates existing proposals, QROC/QROCM solution keys are the `${…}` blocks, select answers
 * are among the options, `format: nombre` answers are numbers. Null when the proposals cannot be read.
 */
export function buildChallengeAnswer(record: ChallengeRecord, report: ReportField): ChallengeAnswer | null {
  switch (record.type) {
    case 'QCU':
      checkQcuSolution(record.solution, record.proposals.length, report);
      return { proposals: buildChoices(record.proposals, report), solution: { type: 'QCU', value: record.solution } };
    case 'QCM':
      checkQcmSolution(record.solution, record.proposals.length, report);
      return { proposals: buildChoices(record.proposals, report), solution: { type: 'QCM', values: record.solution } };
    case 'QROC':
      return buildQroc(record, report);
    case 'QROCM-ind':
      return buildQrocmInd(record, report);
    case 'QROCM-dep':
      return buildQrocmDep(record, report);
  }
}

function buildChoices(proposals: string[], report: ReportField): ChallengeProposals {
  const seen = new Set<string>();
  proposals.forEach((proposal, index) => {
    const normalized = proposal.trim().toLowerCase();
    if (seen.has(normalized)) report('proposals.duplicate', `proposals[${index}]`, `la proposition « ${proposal} » apparaît deux fois`);
    seen.add(normalized);
  });
  const choices: ChallengeProposals = { kind: 'choices', choicesHtml: [] };
  defineLazyProperty(choices, 'choicesHtml', () => proposals.map(renderInlineMarkdown));
  return choices;
}

function checkQcuSolution(value: number, count: number, report: ReportField): void {
  if (value < 1 || value > count) {
    report('solution.range', 'solution', `la solution ${value} ne désigne aucune proposition : il y en a ${count}, numérotées de 1 à ${count}`);
  }
}

function checkQcmSolution(values: number[], count: number, report: ReportField): void {
  if (values.length === 0) {
    report('solution.empty', 'solution', 'un QCM a au moins une bonne proposition');
    return;
  }
  const distinct = new Set<number>();
  values.forEach((value, index) => {
    if (value < 1 || value > count) {
      report('solution.range', `solution[${index}]`, `${value} ne désigne aucune proposition : il y en a ${count}, numérotées de 1 à ${count}`);
    } else if (distinct.has(value)) {
      report('solution.duplicate', `solution[${index}]`, `la proposition ${value} est citée deux fois`);
    }
    distinct.add(value);
  });
  if (distinct.size >= count) report('solution.noWrongProposal', 'solution', 'toutes les propositions sont bonnes : il faut au moins une mauvaise proposition');
}

function buildQroc(record: Extract<ChallengeRecord, { type: 'QROC' }>, report: ReportField): ChallengeAnswer | null {
  const parsed = parseBlocks(record.proposals, report);
  if (!parsed) return null;
  if (parsed.blocks.length !== 1) {
    report('proposals.blockCount', 'proposals', `un QROC a exactement un champ \${…} (ici : ${parsed.blocks.length})`);
  }
  const block = parsed.blocks[0];
  const blockKind: BlockKind = block?.kind ?? 'input';
  checkAccepted(record.solution, 'solution', block?.key ?? '', parsed, record.format, report);
  const solution: Solution = { type: 'QROC', accepted: record.solution, treatments: record.treatments ?? DEFAULT_TREATMENTS, blockKind };
  if (record.format !== undefined) solution.format = record.format;
  return { proposals: { kind: 'blocks', parsed }, solution };
}

function buildQrocmInd(record: Extract<ChallengeRecord, { type: 'QROCM-ind' }>, report: ReportField): ChallengeAnswer | null {
  const parsed = parseBlocks(record.proposals, report);
  if (!parsed) return null;
  const blocks: Record<string, BlockKind> = {};
  for (const block of parsed.blocks) {
    blocks[block.key] = block.kind;
    if (!Object.hasOwn(record.solution, block.key)) {
      report('solution.keys', 'solution', `le champ \${${block.key}} n’a pas de solution`);
    }
  }
  for (const [key, accepted] of Object.entries(record.solution)) {
    if (!Object.hasOwn(blocks, key)) {
      report('solution.keys', `solution.${key}`, `« ${key} » ne correspond à aucun champ \${…} des propositions (${Object.keys(blocks).join(', ') || 'aucun'})`);
      continue;
    }
    checkAccepted(accepted, `solution.${key}`, key, parsed, record.format, report);
  }
  return {
    proposals: { kind: 'blocks', parsed },
    solution: { type: 'QROCM-ind', accepted: record.solution, treatments: record.treatments ?? DEFAULT_TREATMENTS, blocks },
  };
}

/** QROCM-dep: interchangeable free-text fields, each matched to a different solution group. */
function buildQrocmDep(record: Extract<ChallengeRecord, { type: 'QROCM-dep' }>, report: ReportField): ChallengeAnswer | null {
  const parsed = parseBlocks(record.proposals, report);
  if (!parsed) return null;
  const fieldKeys = parsed.blocks.map((block) => block.key);
  if (fieldKeys.length < 2) {
    report('proposals.blockCount', 'proposals', `un QROCM-dep a au moins deux champs \${…} (ici : ${fieldKeys.length}) ; avec un seul, c’est un QROC`);
  }
  for (const block of parsed.blocks) {
    if (block.kind === 'select') {
      report('proposals.select', 'proposals', `le champ \${${block.key}} est une liste : un QROCM-dep n’a que des champs libres, interchangeables`);
    }
  }
  const groups = Object.entries(record.solution);
  if (groups.length < fieldKeys.length) {
    report('solution.groupCount', 'solution', `${fieldKeys.length} champs mais ${groups.length} groupe(s) de réponses : chaque champ doit pouvoir en recevoir un différent`);
  }
  for (const [key, accepted] of groups) checkAccepted(accepted, `solution.${key}`, '', parsed, record.format, report);
  return {
    proposals: { kind: 'blocks', parsed },
    solution: { type: 'QROCM-dep', accepted: record.solution, treatments: record.treatments ?? DEFAULT_TREATMENTS, fieldKeys },
  };
}

function parseBlocks(text: string, report: ReportField): ParsedProposals | null {
  try {
    return parseProposals(text);
  } catch (error) {
    if (!(error instanceof ProposalsSyntaxError)) throw error;
    report('proposals.syntax', 'proposals', error.message);
    return null;
  }
}

/** The accepted values of one block: not empty, among the options of a select, numbers when `format: nombre`. */
function checkAccepted(accepted: string[], field: string, blockKey: string, parsed: ParsedProposals, format: string | undefined, report: ReportField): void {
  if (accepted.length === 0) {
    report('solution.empty', field, 'aucune réponse acceptée');
    return;
  }
  const options = selectOptions(parsed, blockKey);
  if (options) {
    accepted.forEach((value, index) => {
      if (!options.includes(value)) {
        report('solution.notAnOption', `${field}[${index}]`, `« ${value} » n’est pas une option de la liste \${${blockKey}} (${options.join(', ')})`);
      }
    });
    return;
  }
  if (format === 'nombre') {
    accepted.forEach((value, index) => {
      if (parseLocaleNumber(value) === null) {
        report('solution.notANumber', `${field}[${index}]`, `« ${value} » n’est pas un nombre alors que l’épreuve a « format: nombre »`);
      }
    });
  }
}

function selectOptions(parsed: ParsedProposals, key: string): string[] | null {
  for (const line of parsed.lines) {
    for (const segment of line) {
      if (segment.kind === 'select' && segment.key === key) return segment.options;
    }
  }
  return null;
}
