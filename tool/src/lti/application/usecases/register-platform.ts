import { z } from 'zod';
import { ALL_SERVICE_SCOPES } from '../../domain/lti-claims.ts';
import type { Platform } from '../../infrastructure/platform-repository.ts';
import type { LtiDeps } from '../lti-deps.ts';

const httpUrl = z.url({ protocol: /^https?$/ });
const UAI = /^\d{7}[A-Za-z]$/;

export const manualRegistrationShape = z.object({
  issuer: z.string().min(1).max(500),
  clientId: z.string().min(1).max(500),
  deploymentIds: z.array(z.string().min(1).max(500)).min(1),
  authUrl: httpUrl,
  tokenUrl: httpUrl,
  jwksUrl: httpUrl,
  authorizationServer: z.string().min(1).max(500).optional(),
  name: z.string().max(200).optional(),
  /** Granted service scopes; all AGS and NRPS scopes by default. */
  scopes: z.array(z.enum(ALL_SERVICE_SCOPES as [string, ...string[]])).optional(),
  uais: z.array(z.string().regex(UAI, 'UAI attendu : 7 chiffres et une lettre')).default([]),
});
export type ManualRegistration = z.input<typeof manualRegistrationShape>;

/**
 * Manual registration (platforms without Dynamic Registration): issuer, client_id, deployment ids, endpoints,
 * and the schools it serves (created by UAI when unknown). Adding again with the same issuer and client_id
 * updates the endpoints and adds deployments and schools.
 */
export async function registerPlatform(input: { deps: LtiDeps; registration: ManualRegistration }): Promise<Platform & { organizationIds: string[] }> {
  const { deps } = input;
  const registration = manualRegistrationShape.parse(input.registration);
  const organizationIds = await organizationsFor(deps, registration.uais);
  const platform = await deps.platforms.save(
    {
      issuer: registration.issuer,
      clientId: registration.clientId,
      name: registration.name ?? safeHost(registration.issuer),
      registration: 'manual',
      authUrl: registration.authUrl,
      tokenUrl: registration.tokenUrl,
      authorizationServer: registration.authorizationServer ?? null,
      jwksUrl: registration.jwksUrl,
      scopes: registration.scopes ?? [...ALL_SERVICE_SCOPES],
      deploymentIds: registration.deploymentIds,
      organizationIds,
    },
    deps.clock.now(),
  );
  await deps.registrationsChanged?.();
  return { ...platform, organizationIds };
}

/** Binds schools to a registration, or to one of its deployments only (then that deployment serves only them). */
export async function bindOrganizations(input: { deps: LtiDeps; platformId: string; uais: string[]; deploymentId?: string }): Promise<string[]> {
  const uais = z.array(z.string().regex(UAI)).min(1).parse(input.uais);
  const organizationIds = await organizationsFor(input.deps, uais);
  await input.deps.platforms.bind(input.platformId, organizationIds, input.deploymentId);
  await input.deps.registrationsChanged?.();
  return organizationIds;
}

async function organizationsFor(deps: LtiDeps, uais: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const uai of uais) {
    const organization = (await deps.organizations.findByUai(uai)) ?? (await deps.organizations.upsertByUai({ uai, name: `Établissement ${uai.toUpperCase()}`, type: 'SCO' }));
    ids.push(organization.id);
  }
  return ids;
}

function safeHost(issuer: string): string {
  try {
    return new URL(issuer).host;
  } catch {
    return issuer;
  }
}

/** Turns a registration off (or back on) without losing its accounts, links and grades. */
export async function setPlatformStatus(input: { deps: LtiDeps; platformId: string; status: 'active' | 'disabled' }): Promise<void> {
  await input.deps.platforms.setStatus(input.platformId, input.status, input.deps.clock.now());
  await input.deps.registrationsChanged?.();
}
