import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { parseSamlSettings, type SamlSettings } from '../gar/gar-config.ts';

/**
 * Every setting of the tool, read once from the environment (and a few CLI flags).
 * Nothing else in the code base reads process.env: the composition root passes this object down.
 */
const booleanString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const originList = z
  .string()
  .transform((value) => value.split(/[\s,]+/).filter(Boolean))
  .pipe(z.array(z.url({ protocol: /^https?$/ }).transform((url) => new URL(url).origin)));

const environmentSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\/[^/]+/, 'doit être une URL postgres://utilisateur:motdepasse@hôte:port/base')
      .optional(),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    /** Seconds before an idle pooled connection is closed; 0 keeps them open. */
    DATABASE_POOL_IDLE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
    /** Named prepared statements on PostgreSQL (off behind a pooler in transaction mode). */
    DATABASE_PREPARED_STATEMENTS: z.enum(['true', 'false']).default('true'),
    /** Server processes sharing the port (node:cluster); `auto` = one per CPU. PostgreSQL only. */
    WEB_CONCURRENCY: z.union([z.literal('auto'), z.coerce.number().int().min(1).max(64)]).default(1),
    APP_SECRET: z.string().min(32, 'au moins 32 caractères (openssl rand -base64 48)').optional(),
    TRUST_PROXY: z
      .string()
      .default('false')
      .transform((value): boolean | number | string =>
        value === 'true' ? true : value === 'false' ? false : /^\d+$/.test(value) ? Number(value) : value,
      ),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    FRAME_ANCESTORS: originList.default([]),
    SESSION_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(1800),
    DEMO_ENABLED: booleanString.optional(),
    MAX_REACHABLE_LEVEL: z.coerce.number().int().min(1).max(8).default(6),
    /** Livret scolaire: folder of the LSU XSD files (not shipped) and the CRCN → LSU 1–3 table (docs/livret-scolaire.md). */
    LSU_SCHEMA_DIR: z.string().min(1).default('./lsun-schemas'),
    LSU_LEVEL_MAPPING: z.string().optional(),
    LTI_ALLOWED_ISSUERS: z
      .string()
      .transform((value) => value.split(/[\s,]+/).filter(Boolean))
      .pipe(z.array(z.url({ protocol: /^https?$/ })))
      .default([]),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.APP_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['APP_SECRET'], message: 'obligatoire en production' });
    }
    if (env.WEB_CONCURRENCY !== 1 && !env.DATABASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['WEB_CONCURRENCY'], message: 'plusieurs processus demandent PostgreSQL (DATABASE_URL) : PGlite appartient à un seul processus' });
    }
    if (env.NODE_ENV === 'production' && !env.PUBLIC_URL) {
      ctx.addIssue({ code: 'custom', path: ['PUBLIC_URL'], message: 'obligatoire en production (URL publique HTTPS)' });
    }
  });

export interface Flags {
  /** `--memory`: a throwaway in-memory PGlite database. */
  memory?: boolean;
}

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  database:
    | { kind: 'pglite'; dataDir: string | null }
    | { kind: 'postgres'; url: string; poolMax: number; idleSeconds: number; preparedStatements: boolean };
  /** Server processes (node:cluster workers) sharing the port; 1 = no cluster. */
  workers: number;
  /** Null until resolved by `resolveAppSecret` (generated in DATA_DIR in development). */
  appSecret: string | null;
  trustProxy: boolean | number | string;
  logLevel: string;
  frameAncestors: string[];
  sessionTtlSeconds: number;
  demoEnabled: boolean;
  maxReachableLevel: number;
  /** Livret scolaire (LSU): XSD folder and the optional CRCN → LSU level table. */
  lsu: { schemaDir: string; levelMapping: string | undefined };
  /** Platform issuers allowed to use LTI Dynamic Registration (exact issuer URLs). */
  ltiAllowedIssuers: string[];
  /** GAR / SAML service provider (tool/src/gar/gar-config.ts). */
  saml: SamlSettings;
  version: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration invalide :\n${problems.map((p) => `  - ${p}`).join('\n')}\nVoir .env.example.`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws one ConfigError listing every invalid variable. */
export function loadConfig(env: Record<string, string | undefined>, flags: Flags = {}, version = '0.0.0'): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = environmentSchema.safeParse(cleaned);
  const isProduction = cleaned.NODE_ENV === 'production';
  const saml = parseSamlSettings(cleaned, { production: isProduction, demoEnabled: !isProduction && !['false', '0', 'no'].includes(cleaned.DEMO_ENABLED ?? '') });
  if (!parsed.success || saml.problems.length) {
    throw new ConfigError([
      ...(parsed.success ? [] : parsed.error.issues).map((issue) => {
        const name = issue.path.join('.') || 'environnement';
        const value = typeof issue.path[0] === 'string' ? cleaned[issue.path[0]] : undefined;
        const shown = value === undefined || name === 'APP_SECRET' || name === 'DATABASE_URL' ? '' : ` (valeur : « ${value} »)`;
        return `${name} : ${issue.message}${shown}`;
      }),
      ...saml.problems,
    ]);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    dataDir: e.DATA_DIR,
    database: e.DATABASE_URL
      ? {
          kind: 'postgres',
          url: e.DATABASE_URL,
          poolMax: e.DATABASE_POOL_MAX,
          idleSeconds: e.DATABASE_POOL_IDLE_SECONDS,
          preparedStatements: e.DATABASE_PREPARED_STATEMENTS === 'true',
        }
      : { kind: 'pglite', dataDir: flags.memory ? null : e.DATA_DIR },
    workers: e.WEB_CONCURRENCY === 'auto' ? availableParallelism() : e.WEB_CONCURRENCY,
    appSecret: e.APP_SECRET ?? null,
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    frameAncestors: e.FRAME_ANCESTORS,
    sessionTtlSeconds: e.SESSION_TTL_SECONDS,
    demoEnabled: production ? false : (e.DEMO_ENABLED ?? true),
    maxReachableLevel: e.MAX_REACHABLE_LEVEL,
    lsu: { schemaDir: e.LSU_SCHEMA_DIR, levelMapping: e.LSU_LEVEL_MAPPING },
    ltiAllowedIssuers: e.LTI_ALLOWED_ISSUERS,
    saml: saml.settings,
    version,
  };
}
