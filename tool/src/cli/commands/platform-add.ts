import { ZodError } from 'zod';
import { failure, ok, type CliCommand } from '../command.ts';
import { SCOPE } from '../../lti/domain/lti-claims.ts';
import { registerPlatform } from '../../lti/application/usecases/register-platform.ts';

const SHORT_SCOPES: Record<string, string> = {
  lineitem: SCOPE.lineItem,
  'lineitem.readonly': SCOPE.lineItemReadonly,
  'result.readonly': SCOPE.resultReadonly,
  score: SCOPE.score,
  nrps: SCOPE.membershipReadonly,
  'contextmembership.readonly': SCOPE.membershipReadonly,
};

export function listOption(value: string | boolean | undefined): string[] {
  return typeof value === 'string' ? value.split(/[\s,]+/).filter(Boolean) : [];
}

/** `platform add`: manual registration for platforms without Dynamic Registration. */
export const platformAddCommand: CliCommand = {
  words: ['platform', 'add'],
  usage:
    'platform add --issuer <iss> --client-id <id> --deployment-id <id[,id…]> --auth-url <url> --token-url <url> --jwks-url <url> [--uai <UAI[,UAI…]>] [--name <nom>] [--scopes score,lineitem,…] [--authorization-server <aud>] [--json]',
  summary: 'Enregistre une plateforme LTI 1.3 à la main (sans enregistrement dynamique)',
  needsDatabase: true,
  async run({ options, container }) {
    const text = (name: string) => (typeof options[name] === 'string' ? (options[name] as string) : undefined);
    const missing = ['issuer', 'client-id', 'deployment-id', 'auth-url', 'token-url', 'jwks-url'].filter((name) => !text(name));
    if (missing.length) return failure('CLI_MISSING_OPTION', `Options manquantes : ${missing.map((m) => `--${m}`).join(', ')}`, 2);
    const scopes = listOption(options.scopes).map((scope) => SHORT_SCOPES[scope] ?? scope);
    try {
      const platform = await registerPlatform({
        deps: container!.lti.deps,
        registration: {
          issuer: text('issuer')!,
          clientId: text('client-id')!,
          deploymentIds: listOption(options['deployment-id']),
          authUrl: text('auth-url')!,
          tokenUrl: text('token-url')!,
          jwksUrl: text('jwks-url')!,
          ...(text('authorization-server') ? { authorizationServer: text('authorization-server')! } : {}),
          ...(text('name') ? { name: text('name')! } : {}),
          ...(scopes.length ? { scopes } : {}),
          uais: listOption(options.uai),
        },
      });
      const json = { issuer: platform.issuer, clientId: platform.clientId, name: platform.name, scopes: platform.scopes, organizations: platform.organizationIds.length };
      return ok(
        json,
        `Plateforme enregistrée : ${platform.issuer} (client_id ${platform.clientId}), ${platform.organizationIds.length} établissement(s) rattaché(s).\nValeurs à saisir côté plateforme : npx pix-embed platform tool-config`,
      );
    } catch (error) {
      if (error instanceof ZodError) {
        return failure('CLI_INVALID_OPTION', `Options invalides :\n${error.issues.map((i) => `  - ${i.path.join('.')} : ${i.message}`).join('\n')}`, 2);
      }
      throw error;
    }
  },
};
