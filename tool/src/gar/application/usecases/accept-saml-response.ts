import type { Request, Response } from 'express';
import { mapGarAttributes } from '../../domain/attribute-mapping.ts';
import { garError } from '../../domain/gar-errors.ts';
import type { ResolvedIdp } from '../../infrastructure/saml/idp-registry.ts';
import { checkAssertion, checkEnvelope, decodeSamlMessage, readEnvelope } from '../../infrastructure/saml/response-checks.ts';
import type { GarDeps } from '../gar-deps.ts';
import type { GarLogin } from './complete-gar-login.ts';

/**
 * The ACS, top to bottom: parse (no DTD), find the IdP, let the library check signature, decryption,
 * conditions and audience, then check what it leaves to us (status, Destination, Issuer, Recipient,
 * subject confirmation, InResponseTo against the pending requests, replay), then read the attributes.
 */
export async function acceptSamlResponse(deps: GarDeps, req: Request, res: Response, locale: string): Promise<GarLogin> {
  const body: unknown = req.body;
  const samlResponse = body && typeof body === 'object' && 'SAMLResponse' in body ? body.SAMLResponse : undefined;
  if (typeof samlResponse !== 'string' || !samlResponse) throw garError('SAML_MISSING_RESPONSE');
  const { root } = decodeSamlMessage(samlResponse);
  const envelope = readEnvelope(root);
  const now = deps.clock.now();

  const idp = await findIdp(deps, envelope.issuer ?? envelope.assertionIssuer, envelope.inResponseTo, now);
  const profile = await deps.saml.validatePostResponse(idp, req, res);
  checkEnvelope(envelope, { acsUrl: deps.sp.acsUrl, idpEntityId: idp.descriptor.entityId });
  const assertionXml = profile.getAssertionXml?.();
  if (!assertionXml) throw garError('SAML_MALFORMED', 'no verified assertion');
  const assertion = checkAssertion(assertionXml, {
    acsUrl: deps.sp.acsUrl,
    spEntityId: deps.sp.entityId,
    idpEntityId: idp.descriptor.entityId,
    now,
    skewMs: deps.sp.clockSkewMs,
    envelopeInResponseTo: envelope.inResponseTo,
  });

  if (!(await deps.stores.assertions.markConsumed({ idp: idp.name, assertionId: assertion.assertionId, now, expiresAt: assertion.expiresAt }))) {
    throw garError('SAML_REPLAYED', `assertion ${assertion.assertionId.slice(0, 80)}`);
  }
  let target = '/';
  if (assertion.inResponseTo !== null) {
    const pending = await deps.stores.authnRequests.consume(assertion.inResponseTo, now);
    if (!pending || pending.idp !== idp.name) throw garError('SAML_IN_RESPONSE_TO_UNKNOWN');
    target = pending.target;
  } else if (!deps.settings.allowIdpInitiated) {
    throw garError('SAML_UNSOLICITED_RESPONSE');
  }
  const identity = mapGarAttributes(assertion.attributes, deps.settings.attributes);
  return {
    idp: idp.name,
    target,
    locale,
    nameId: assertion.nameId || identity.ido,
    nameIdFormat: assertion.nameIdFormat,
    sessionIndex: assertion.sessionIndex,
    identity,
  };
}

/** The IdP named by the (not yet verified) Issuer, else by our pending request, else the only one configured. */
async function findIdp(deps: GarDeps, issuer: string | null, inResponseTo: string | null, now: Date): Promise<ResolvedIdp> {
  if (issuer) {
    const found = await deps.registry.findByEntityId(issuer);
    if (found) return found;
    throw garError('SAML_IDP_UNKNOWN', `issuer ${issuer.slice(0, 120)}`);
  }
  if (inResponseTo) {
    const pending = await deps.stores.authnRequests.peek(inResponseTo, now);
    if (pending) return deps.registry.get(pending.idp);
  }
  const names = deps.registry.names();
  if (names.length === 1) return deps.registry.get(names[0]!);
  throw garError('SAML_IDP_UNKNOWN', 'no issuer');
}
