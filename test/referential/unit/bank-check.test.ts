import { describe, expect, it } from 'vitest';
import { formatReferentialError, loadReferential } from '../../../tool/src/referential/infrastructure/load-referential.ts';
import { DEFAULT_REFERENTIAL_DIR } from '../../../tool/src/referential/infrastructure/referential-dir.ts';

describe('the real referential', () => {
  it('passes `referential check`: no error, every coverage target met', async () => {
    const { errors } = await loadReferential(DEFAULT_REFERENTIAL_DIR, { checkSimilarity: true, checkCoverage: true, verifyYaml: true });
    expect(errors.map(formatReferentialError)).toEqual([]);
  });
});
