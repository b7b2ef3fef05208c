import { describe, expect, it } from 'vitest';
import { currentKnowledgeElements } from '../../../tool/src/evaluation/domain/knowledge-elements/current-knowledge-elements.ts';
import { inferKnowledgeElements } from '../../../tool/src/evaluation/domain/knowledge-elements/infer-knowledge-elements.ts';
import type { AnswerResult } from '../../../tool/src/evaluation/domain/models/answer-record.ts';
import { answer, knowledgeElement, T0 } from '../support/builders.ts';
import { buildSyntheticReferential } from '../support/synthetic-referential.ts';

const referential = buildSyntheticReferential([
  { index: '1.1', tubes: [{ name: 'requete', levels: [1, 2, 3, 4, 5] }, { name: 'veille', levels: [2, 3] }] },
]);
const allSkills = new Set(referential.skills.keys());
const challenge = (id: string) => referential.challenges.get(id)!;

function infer(challengeId: string, result: AnswerResult, options: { targets?: Set<string>; assessed?: string[] } = {}) {
  return inferKnowledgeElements({
    answer: answer(challenge(challengeId), result),
    challenge: challenge(challengeId),
    referential,
    targetSkillIds: options.targets ?? allSkills,
    assessmentKnowledgeElements: (options.assessed ?? []).map((skillId) => knowledgeElement({ skillId })),
    userId: 'user-1',
    now: T0,
  });
}

const summary = (kes: ReturnType<typeof infer>) => kes.map((ke) => `${ke.skillId} ${ke.source} ${ke.status}`);

describe('current knowledge elements', () => {
  it('keeps the most recent KE per acquis and forgets acquis whose latest KE is a reset', () => {
    const kes = [
      knowledgeElement({ skillId: '@requete1', status: 'invalidated', createdAt: new Date('2026-01-01') }),
      knowledgeElement({ skillId: '@requete1', status: 'validated', createdAt: new Date('2026-01-05') }),
      knowledgeElement({ skillId: '@requete2', status: 'validated', createdAt: new Date('2026-01-01') }),
      knowledgeElement({ skillId: '@requete2', status: 'reset', createdAt: new Date('2026-01-09') }),
    ];
    expect(currentKnowledgeElements(kes).map((ke) => `${ke.skillId} ${ke.status}`)).toEqual(['@requete1 validated']);
  });

  it('on equal dates, the later KE in the append-only list wins', () => {
    const kes = [knowledgeElement({ skillId: '@requete1', status: 'validated' }), knowledgeElement({ skillId: '@requete1', status: 'invalidated' })];
    expect(currentKnowledgeElements(kes)[0]!.status).toBe('invalidated');
  });
});

describe('knowledge elements of an answer (inference along the tube)', () => {
  it('a success validates the acquis and infers every easier acquis of its tube, with their pix', () => {
    const kes = infer('requete3-a', 'ok');
    expect(summary(kes)).toEqual(['@requete3 direct validated', '@requete1 inferred validated', '@requete2 inferred validated']);
    expect(kes.map((ke) => ke.earnedPix)).toEqual([referential.skills.get('@requete3')!.pixValue, 4, 4]);
    expect(kes.every((ke) => ke.answerId === 'answer-requete3-a' && ke.competenceIndex === '1.1')).toBe(true);
  });

  it('a failure invalidates the acquis and infers every harder acquis of its tube as invalidated, with 0 pix', () => {
    const kes = infer('requete3-a', 'ko');
    expect(summary(kes)).toEqual(['@requete3 direct invalidated', '@requete4 inferred invalidated', '@requete5 inferred invalidated']);
    expect(kes.every((ke) => ke.earnedPix === 0)).toBe(true);
  });

  it.each<AnswerResult>(['aband', 'timedout', 'focusedOut'])('« %s » counts as a failure', (result) => {
    expect(summary(infer('requete4-a', result))).toEqual(['@requete4 direct invalidated', '@requete5 inferred invalidated']);
  });

  it('leaves other tubes alone', () => {
    expect(infer('requete5-a', 'ok').some((ke) => ke.skillId.startsWith('@veille'))).toBe(false);
  });

  it('writes nothing for an acquis outside the targets, or already assessed in this assessment', () => {
    expect(infer('requete3-a', 'ok', { targets: new Set(['@requete1', '@requete2']) })).toEqual([]);
    expect(infer('requete3-a', 'ok', { assessed: ['@requete3'] })).toEqual([]);
  });

  it('skips tube acquis already assessed in this assessment and non-target ones', () => {
    const kes = infer('requete4-a', 'ok', { assessed: ['@requete2'], targets: new Set(['@requete1', '@requete2', '@requete3', '@requete4']) });
    expect(summary(kes)).toEqual(['@requete4 direct validated', '@requete1 inferred validated', '@requete3 inferred validated']);
  });

  it('infers even over knowledge from another assessment (refresh)', () => {
    const kes = inferKnowledgeElements({
      answer: answer(challenge('requete2-a'), 'ok'),
      challenge: challenge('requete2-a'),
      referential,
      targetSkillIds: allSkills,
      assessmentKnowledgeElements: [],
      userId: 'user-1',
      now: T0,
    });
    expect(summary(kes)).toContain('@requete1 inferred validated');
  });
});
