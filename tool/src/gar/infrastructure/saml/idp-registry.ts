import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import type { SamlIdpSettings } from '../../gar-config.ts';
import { garError } from '../../domain/gar-errors.ts';
import { readPem } from '../keys/key-files.ts';
import { parseIdpMetadata, type IdpDescriptor } from './idp-metadata.ts';

/** An IdP ready to use: its settings, what its metadata says, and every certificate accepted for its signatures. */
export interface ResolvedIdp {
  name: string;
  settings: SamlIdpSettings;
  descriptor: IdpDescriptor;
  /** Metadata certificates plus the configured extra ones (yearly rotation: old and new at once). */
  certificates: string[];
  /** Changes whenever the metadata was (re)loaded: clients built from it are rebuilt. */
  version: number;
}

export interface IdpRegistry {
  names(): string[];
  defaultName(): string | null;
  get(name: string): Promise<ResolvedIdp>;
  findByEntityId(entityId: string): Promise<ResolvedIdp | null>;
}

export interface IdpRegistryOptions {
  idps: SamlIdpSettings[];
  /** `builtin:<name>` metadata (the /demo IdP), produced in-process. */
  builtin: Record<string, () => string>;
  fetchText?: (url: string) => Promise<string>;
  now: () => Date;
  refreshHours: number;
  logger: Logger;
}

async function defaultFetchText(url: string): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000), headers: { accept: 'application/samlmetadata+xml, application/xml, text/xml' } });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const text = await response.text();
  if (text.length > 5_000_000) throw new Error('métadonnées trop volumineuses');
  return text;
}

/**
 * IdP metadata from a file, a URL (fetched when first needed, refreshed every `refreshHours`; a failed refresh
 * keeps the previous copy) or the built-in demo IdP. A broken IdP never stops the tool from starting.
 */
export function createIdpRegistry(options: IdpRegistryOptions): IdpRegistry {
  const fetchText = options.fetchText ?? defaultFetchText;
  const cache = new Map<string, { idp: ResolvedIdp; loadedAt: number }>();
  const inFlight = new Map<string, Promise<ResolvedIdp>>();
  let version = 0;

  async function load(settings: SamlIdpSettings): Promise<ResolvedIdp> {
    const source = settings.metadata;
    let xml: string;
    if (source.startsWith('builtin:')) {
      const produce = options.builtin[source.slice('builtin:'.length)];
      if (!produce) throw new Error(`IdP intégré inconnu ${source}`);
      xml = produce();
    } else if (/^https?:\/\//i.test(source)) {
      xml = await fetchText(source);
    } else {
      xml = readFileSync(source, 'utf8');
    }
    const descriptor = parseIdpMetadata(xml);
    const extra = settings.extraCertificateFiles.map((file) => readPem(file, `certificat supplémentaire de l’IdP ${settings.name}`));
    const certificates = [...new Set([...descriptor.signingCertificates, ...extra])];
    version += 1;
    return { name: settings.name, settings, descriptor, certificates, version };
  }

  async function get(name: string): Promise<ResolvedIdp> {
    const settings = options.idps.find((idp) => idp.name === name);
    if (!settings) throw garError('SAML_IDP_UNKNOWN', `idp ${name.slice(0, 40)}`);
    const cached = cache.get(name);
    const stale = cached && options.now().getTime() - cached.loadedAt > options.refreshHours * 3_600_000;
    if (cached && !stale) return cached.idp;
    let pending = inFlight.get(name);
    if (!pending) {
      pending = load(settings).finally(() => inFlight.delete(name));
      inFlight.set(name, pending);
    }
    try {
      const idp = await pending;
      cache.set(name, { idp, loadedAt: options.now().getTime() });
      return idp;
    } catch (error) {
      options.logger.error({ idp: name, err: (error as Error).message }, 'SAML IdP metadata could not be loaded');
      if (cached) {
        // Keep serving the last good copy, and retry in a while rather than at every login.
        cache.set(name, { idp: cached.idp, loadedAt: options.now().getTime() - (options.refreshHours * 3_600_000 - 600_000) });
        return cached.idp;
      }
      throw garError('SAML_IDP_METADATA_UNAVAILABLE', `idp ${name}`);
    }
  }

  return {
    names: () => options.idps.map((idp) => idp.name),
    defaultName: () => options.idps[0]?.name ?? null,
    get,
    async findByEntityId(entityId) {
      for (const settings of options.idps) {
        try {
          const idp = await get(settings.name);
          if (idp.descriptor.entityId === entityId) return idp;
        } catch {
          // An unavailable IdP cannot be the one that signed this response.
        }
      }
      return null;
    },
  };
}
