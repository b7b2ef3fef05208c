import { randomBytes } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import type { Request, Response } from 'express';
import { Passport } from 'passport';
import { SAML, Strategy as SamlStrategy, type Profile, type SamlConfig, type VerifiedCallback } from '@node-saml/passport-saml';
import { garError } from '../../domain/gar-errors.ts';
import { attributeOf, parseXml } from '../xml/xml-tree.ts';
import type { ResolvedIdp } from './idp-registry.ts';
import { mapLibraryError } from './response-checks.ts';

/** Our side of SAML: entity id, endpoints and keys. */
export interface ServiceProvider {
  entityId: string;
  acsUrl: string;
  sloUrl: string;
  signingKeyPem: string;
  signingCertPem: string;
  encryptionKeyPem: string;
  encryptionCertPem: string;
  clockSkewMs: number;
}

/**
 * @node-saml (through passport and @node-saml/passport-saml) for what it does well — XML signatures, decryption,
 * conditions, audience, signed redirects — configured for the GAR: signed AuthnRequests (RSA-SHA256) over
 * HTTP-Redirect, no NameIDPolicy format, no requested authentication context, signed assertions required,
 * signed Response per IdP setting, encrypted assertions accepted. InResponseTo and replays are ours (stores).
 */
export function createSamlClient(sp: ServiceProvider) {
  const passport = new Passport();
  const built = new Map<string, { version: number; saml: SAML; strategyName: string }>();

  function options(idp: ResolvedIdp): SamlConfig {
    return {
      issuer: sp.entityId,
      audience: sp.entityId,
      callbackUrl: sp.acsUrl,
      logoutCallbackUrl: sp.sloUrl,
      entryPoint: idp.descriptor.ssoRedirectUrl,
      logoutUrl: idp.descriptor.sloRedirectUrl ?? idp.descriptor.ssoRedirectUrl,
      idpIssuer: idp.descriptor.entityId,
      idpCert: idp.certificates,
      privateKey: sp.signingKeyPem,
      publicCert: sp.signingCertPem,
      decryptionPvk: sp.encryptionKeyPem,
      signatureAlgorithm: 'sha256',
      digestAlgorithm: 'sha256',
      authnRequestBinding: 'HTTP-Redirect',
      identifierFormat: null,
      disableRequestedAuthnContext: true,
      wantAssertionsSigned: true,
      wantAuthnResponseSigned: idp.settings.responseSigned,
      acceptedClockSkewMs: sp.clockSkewMs,
      // InResponseTo is checked against our PostgreSQL store, shared by every instance.
      validateInResponseTo: 'never' as SamlConfig['validateInResponseTo'],
      generateUniqueId: () => `_${randomBytes(20).toString('hex')}`,
    };
  }

  function forIdp(idp: ResolvedIdp) {
    const existing = built.get(idp.name);
    if (existing && existing.version === idp.version) return existing;
    const config = options(idp);
    const strategyName = `saml-${idp.name}`;
    passport.use(
      strategyName,
      new SamlStrategy(
        { ...config, name: strategyName },
        (profile: Profile | null, done: VerifiedCallback) => done(null, profile ?? undefined),
        (profile: Profile | null, done: VerifiedCallback) => done(null, profile ?? undefined),
      ),
    );
    const entry = { version: idp.version, saml: new SAML(config), strategyName };
    built.set(idp.name, entry);
    return entry;
  }

  return {
    /** The signed HTTP-Redirect URL to the IdP, and the AuthnRequest id it carries (read back from the URL). */
    async authorizeUrl(idp: ResolvedIdp, relayState: string): Promise<{ url: string; requestId: string }> {
      const url = await forIdp(idp).saml.getAuthorizeUrlAsync(relayState, undefined, {});
      const request = new URL(url).searchParams.get('SAMLRequest');
      if (!request) throw new Error('no SAMLRequest in the authorize URL');
      const id = attributeOf(parseXml(inflateRawSync(Buffer.from(request, 'base64')).toString('utf8')), 'ID');
      if (!id) throw new Error('AuthnRequest without ID');
      return { url, requestId: id };
    },

    /** Signature, decryption, conditions and audience, through passport's strategy; our errors on failure. */
    validatePostResponse(idp: ResolvedIdp, req: Request, res: Response): Promise<Profile> {
      const { strategyName } = forIdp(idp);
      return new Promise((resolve, reject) => {
        const middleware = passport.authenticate(strategyName, { session: false }, (error: unknown, user: unknown) => {
          if (error) reject(mapLibraryError(error));
          else if (!user || typeof user !== 'object') reject(garError('SAML_MALFORMED', 'no profile'));
          else resolve(user as Profile);
        });
        middleware(req, res, (error?: unknown) => reject(error ? mapLibraryError(error) : garError('SAML_MALFORMED', 'strategy passed')));
      });
    },

    /** A LogoutRequest (HTTP-Redirect, signed) for a session the IdP opened. */
    async logoutUrl(idp: ResolvedIdp, input: { nameId: string; nameIdFormat: string | null; sessionIndex: string | null }, relayState: string): Promise<string> {
      return forIdp(idp).saml.getLogoutUrlAsync(
        { issuer: idp.descriptor.entityId, nameID: input.nameId, nameIDFormat: input.nameIdFormat ?? 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified', ...(input.sessionIndex ? { sessionIndex: input.sessionIndex } : {}) },
        relayState,
        {},
      );
    },

    /** Validates a front-channel logout message (request or response) with the library. */
    async validateRedirectLogout(idp: ResolvedIdp, query: Record<string, string>, originalQuery: string) {
      return forIdp(idp).saml.validateRedirectAsync(query, originalQuery);
    },
    async validatePostLogoutRequest(idp: ResolvedIdp, body: { SAMLRequest: string }) {
      return forIdp(idp).saml.validatePostRequestAsync(body);
    },
    async validatePostLogoutResponse(idp: ResolvedIdp, body: { SAMLResponse: string }) {
      return forIdp(idp).saml.validatePostResponseAsync(body);
    },
    async logoutResponseUrl(idp: ResolvedIdp, request: Profile, relayState: string | undefined, success: boolean): Promise<string> {
      return forIdp(idp).saml.getLogoutResponseUrlAsync(request, relayState ?? '', {}, success);
    },
  };
}
export type SamlClient = ReturnType<typeof createSamlClient>;
