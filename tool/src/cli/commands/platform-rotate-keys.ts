import { ok, type CliCommand } from '../command.ts';

/** `platform rotate-keys`: a new signing key; the previous one stays published in the JWKS meanwhile. */
export const platformRotateKeysCommand: CliCommand = {
  words: ['platform', 'rotate-keys'],
  usage: 'platform rotate-keys [--json]',
  summary: 'Crée une nouvelle clé de signature de l’outil (l’ancienne reste publiée dans le JWKS)',
  needsDatabase: true,
  async run({ container }) {
    const rotated = await container!.lti.deps.toolKeys.rotate();
    return ok(
      rotated,
      [
        `Nouvelle clé active : ${rotated.active}`,
        rotated.previous ? `Clé précédente, toujours publiée : ${rotated.previous}` : 'Aucune clé précédente.',
        rotated.retired.length ? `Clé(s) retirée(s) du JWKS : ${rotated.retired.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('\n'),
    );
  },
};
