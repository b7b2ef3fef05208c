import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../shared/infrastructure/db/database.ts';
import { organizations } from '../../identity/infrastructure/identity-schema.ts';
import type { BoundOrganization } from '../domain/resolve-organization.ts';
import { ltiDeploymentOrganizations, ltiDeployments, ltiPlatformOrganizations, ltiPlatforms } from './lti-schema.ts';

export interface Platform {
  id: string;
  issuer: string;
  clientId: string;
  name: string;
  status: 'active' | 'disabled';
  registration: 'manual' | 'dynamic' | 'demo';
  authUrl: string;
  tokenUrl: string;
  authorizationServer: string | null;
  jwksUrl: string;
  scopes: string[];
}

export interface PlatformRegistration {
  issuer: string;
  clientId: string;
  name: string;
  registration: Platform['registration'];
  authUrl: string;
  tokenUrl: string;
  authorizationServer: string | null;
  jwksUrl: string;
  scopes: string[];
  deploymentIds: string[];
  /** Organizations bound to the whole registration. */
  organizationIds: string[];
  platformConfiguration?: Record<string, unknown> | null;
}

/** What a launch needs to know about a registration. */
export interface RegistrationSnapshot {
  platform: Platform;
  /** deployment_id → the schools bound to that deployment only (empty: the registration's schools). */
  deployments: Map<string, BoundOrganization[]>;
  organizations: BoundOrganization[];
}

export interface PlatformListing extends Platform {
  deployments: Array<{ deploymentId: string; organizations: BoundOrganization[] }>;
  organizations: Array<BoundOrganization & { name: string }>;
  createdAt: Date;
}

const platformColumns = {
  id: ltiPlatforms.id,
  issuer: ltiPlatforms.issuer,
  clientId: ltiPlatforms.clientId,
  name: ltiPlatforms.name,
  status: ltiPlatforms.status,
  registration: ltiPlatforms.registration,
  authUrl: ltiPlatforms.authUrl,
  tokenUrl: ltiPlatforms.tokenUrl,
  authorizationServer: ltiPlatforms.authorizationServer,
  jwksUrl: ltiPlatforms.jwksUrl,
  scopes: ltiPlatforms.scopes,
};

/** Registrations (issuer + client_id), their deployments and the schools they serve. */
export function createPlatformRepository(db: Database) {
  async function findById(id: string): Promise<Platform | null> {
    const [row] = await db.select(platformColumns).from(ltiPlatforms).where(eq(ltiPlatforms.id, id));
    return row ?? null;
  }

  async function organizationsOf(platformId: string) {
    return db
      .select({ id: organizations.id, uai: organizations.uai, name: organizations.name })
      .from(ltiPlatformOrganizations)
      .innerJoin(organizations, eq(organizations.id, ltiPlatformOrganizations.organizationId))
      .where(eq(ltiPlatformOrganizations.platformId, platformId))
      .orderBy(asc(organizations.name));
  }

  async function deploymentOrganizations(deploymentPks: string[]) {
    if (deploymentPks.length === 0) return [];
    return db
      .select({ deploymentPk: ltiDeploymentOrganizations.deploymentId, id: organizations.id, uai: organizations.uai })
      .from(ltiDeploymentOrganizations)
      .innerJoin(organizations, eq(organizations.id, ltiDeploymentOrganizations.organizationId))
      .where(inArray(ltiDeploymentOrganizations.deploymentId, deploymentPks));
  }

  return {
    findById,
    async findByIssuer(issuer: string): Promise<Platform[]> {
      return db.select(platformColumns).from(ltiPlatforms).where(eq(ltiPlatforms.issuer, issuer)).orderBy(asc(ltiPlatforms.createdAt));
    },
    async findByIssuerAndClient(issuer: string, clientId: string): Promise<Platform | null> {
      const [row] = await db
        .select(platformColumns)
        .from(ltiPlatforms)
        .where(and(eq(ltiPlatforms.issuer, issuer), eq(ltiPlatforms.clientId, clientId)));
      return row ?? null;
    },
    /** A registration with its deployments and bound schools, in three queries (what a launch needs). */
    async loadRegistration(platformId: string): Promise<RegistrationSnapshot | null> {
      const platform = await findById(platformId);
      if (!platform) return null;
      const deployments = await db.select({ id: ltiDeployments.id, deploymentId: ltiDeployments.deploymentId }).from(ltiDeployments).where(eq(ltiDeployments.platformId, platformId));
      const own = await deploymentOrganizations(deployments.map((d) => d.id));
      const organizationsOfPlatform = (await organizationsOf(platformId)).map(({ id, uai }) => ({ id, uai }));
      return {
        platform,
        organizations: organizationsOfPlatform,
        deployments: new Map(deployments.map((d) => [d.deploymentId, own.filter((o) => o.deploymentPk === d.id).map(({ id, uai }) => ({ id, uai }))])),
      };
    },
    /** Creates the registration, or updates the one with the same issuer and client_id; adds deployments and bindings. */
    async save(input: PlatformRegistration, now: Date): Promise<Platform> {
      return db.transaction(async (tx) => {
        const values = {
          issuer: input.issuer,
          clientId: input.clientId,
          name: input.name,
          registration: input.registration,
          authUrl: input.authUrl,
          tokenUrl: input.tokenUrl,
          authorizationServer: input.authorizationServer,
          jwksUrl: input.jwksUrl,
          scopes: input.scopes,
          platformConfiguration: input.platformConfiguration ?? null,
          updatedAt: now,
        };
        const [platform] = await tx
          .insert(ltiPlatforms)
          .values(values)
          .onConflictDoUpdate({ target: [ltiPlatforms.issuer, ltiPlatforms.clientId], set: values })
          .returning(platformColumns);
        if (!platform) throw new Error('upsert returned no row');
        for (const deploymentId of input.deploymentIds) {
          await tx.insert(ltiDeployments).values({ platformId: platform.id, deploymentId }).onConflictDoNothing();
        }
        for (const organizationId of input.organizationIds) {
          await tx.insert(ltiPlatformOrganizations).values({ platformId: platform.id, organizationId }).onConflictDoNothing();
        }
        return platform;
      });
    },
    /** Binds schools to the registration, or to one of its deployments only. */
    async bind(platformId: string, organizationIds: string[], deploymentId?: string): Promise<void> {
      await db.transaction(async (tx) => {
        if (deploymentId === undefined) {
          for (const organizationId of organizationIds) {
            await tx.insert(ltiPlatformOrganizations).values({ platformId, organizationId }).onConflictDoNothing();
          }
          return;
        }
        await tx.insert(ltiDeployments).values({ platformId, deploymentId }).onConflictDoNothing();
        const [deployment] = await tx
          .select({ id: ltiDeployments.id })
          .from(ltiDeployments)
          .where(and(eq(ltiDeployments.platformId, platformId), eq(ltiDeployments.deploymentId, deploymentId)));
        if (!deployment) throw new Error('deployment vanished');
        for (const organizationId of organizationIds) {
          await tx.insert(ltiDeploymentOrganizations).values({ deploymentId: deployment.id, organizationId }).onConflictDoNothing();
        }
      });
    },
    /** Disabling refuses logins and launches and drops the platform from `frame-ancestors`; nothing is deleted. */
    async setStatus(platformId: string, status: Platform['status'], now: Date): Promise<void> {
      await db.update(ltiPlatforms).set({ status, updatedAt: now }).where(eq(ltiPlatforms.id, platformId));
    },
    async list(): Promise<PlatformListing[]> {
      const platforms = await db
        .select({ ...platformColumns, createdAt: ltiPlatforms.createdAt })
        .from(ltiPlatforms)
        .orderBy(asc(ltiPlatforms.issuer), asc(ltiPlatforms.clientId));
      const deployments = await db.select().from(ltiDeployments).orderBy(asc(ltiDeployments.createdAt));
      const deploymentOrgs = await deploymentOrganizations(deployments.map((d) => d.id));
      const result: PlatformListing[] = [];
      for (const platform of platforms) {
        result.push({
          ...platform,
          organizations: await organizationsOf(platform.id),
          deployments: deployments
            .filter((d) => d.platformId === platform.id)
            .map((d) => ({ deploymentId: d.deploymentId, organizations: deploymentOrgs.filter((o) => o.deploymentPk === d.id).map(({ id, uai }) => ({ id, uai })) })),
        });
      }
      return result;
    },
    /** Origins of active platforms (issuer and authorization URL): the pages allowed to frame the tool. */
    async origins(): Promise<string[]> {
      const rows = await db.select({ issuer: ltiPlatforms.issuer, authUrl: ltiPlatforms.authUrl }).from(ltiPlatforms).where(eq(ltiPlatforms.status, 'active'));
      const origins = new Set<string>();
      for (const row of rows) {
        for (const url of [row.issuer, row.authUrl]) {
          try {
            const origin = new URL(url).origin;
            if (origin.startsWith('http')) origins.add(origin);
          } catch {
            // An issuer need not be a URL; it then names no origin.
          }
        }
      }
      return [...origins].sort();
    },
  };
}
export type PlatformRepository = ReturnType<typeof createPlatformRepository>;
