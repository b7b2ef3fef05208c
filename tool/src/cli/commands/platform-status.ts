import { failure, ok, type CliCommand } from '../command.ts';
import { setPlatformStatus } from '../../lti/application/usecases/register-platform.ts';

/**
 * `platform disable` / `platform enable`: a registration stops (or resumes) accepting logins and launches and
 * leaves (or rejoins) `frame-ancestors`. Accounts, links and grades are kept. Run against the server that owns an
 * embedded database, the change is immediate; other instances on PostgreSQL follow within 30 s (registration cache).
 */
function platformStatusCommand(word: 'disable' | 'enable'): CliCommand {
  const status = word === 'disable' ? 'disabled' : 'active';
  return {
    words: ['platform', word],
    usage: `platform ${word} --issuer <iss> --client-id <id> [--json]`,
    summary: word === 'disable' ? 'Désactive une plateforme LTI (connexions et lancements refusés, rien n’est supprimé)' : 'Réactive une plateforme LTI désactivée',
    needsDatabase: true,
    async run({ options, container }) {
      const issuer = typeof options.issuer === 'string' ? options.issuer : '';
      const clientId = typeof options['client-id'] === 'string' ? options['client-id'] : '';
      if (!issuer || !clientId) return failure('CLI_MISSING_OPTION', 'Options requises : --issuer, --client-id', 2);
      const deps = container!.lti.deps;
      const platform = await deps.platforms.findByIssuerAndClient(issuer, clientId);
      if (!platform) return failure('LTI_PLATFORM_UNKNOWN', `Aucune plateforme ${issuer} / ${clientId} (npx pix-embed platform list).`);
      await setPlatformStatus({ deps, platformId: platform.id, status });
      return ok({ issuer, clientId, status }, `${issuer} (${clientId}) : ${status === 'disabled' ? 'désactivée' : 'active'}.`);
    },
  };
}

export const platformDisableCommand = platformStatusCommand('disable');
export const platformEnableCommand = platformStatusCommand('enable');
