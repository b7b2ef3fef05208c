import { failure, ok, type CliCommand } from '../command.ts';
import { bindOrganizations } from '../../lti/application/usecases/register-platform.ts';
import { listOption } from './platform-add.ts';

/** `platform bind`: the schools a registration (or one of its deployments) serves. */
export const platformBindCommand: CliCommand = {
  words: ['platform', 'bind'],
  usage: 'platform bind --issuer <iss> --client-id <id> --uai <UAI[,UAI…]> [--deployment-id <id>] [--json]',
  summary: 'Rattache des établissements (UAI) à une plateforme LTI ou à un de ses déploiements',
  needsDatabase: true,
  async run({ options, container }) {
    const issuer = typeof options.issuer === 'string' ? options.issuer : '';
    const clientId = typeof options['client-id'] === 'string' ? options['client-id'] : '';
    const uais = listOption(options.uai);
    if (!issuer || !clientId || uais.length === 0) return failure('CLI_MISSING_OPTION', 'Options requises : --issuer, --client-id, --uai', 2);
    if (uais.some((uai) => !/^\d{7}[A-Za-z]$/.test(uai))) return failure('CLI_INVALID_OPTION', 'UAI attendu : 7 chiffres et une lettre.', 2);
    const deps = container!.lti.deps;
    const platform = await deps.platforms.findByIssuerAndClient(issuer, clientId);
    if (!platform) return failure('LTI_PLATFORM_UNKNOWN', `Aucune plateforme ${issuer} / ${clientId} (npx pix-embed platform list).`);
    const deploymentId = typeof options['deployment-id'] === 'string' ? options['deployment-id'] : undefined;
    const ids = await bindOrganizations({ deps, platformId: platform.id, uais, ...(deploymentId ? { deploymentId } : {}) });
    return ok({ issuer, clientId, deploymentId: deploymentId ?? null, uais: uais.map((u) => u.toUpperCase()), organizations: ids.length }, `${ids.length} établissement(s) rattaché(s)${deploymentId ? ` au déploiement ${deploymentId}` : ''}.`);
  },
};
