import { AppError } from '../../shared/domain/errors.ts';

/**
 * Every refusal of a GAR login has a stable code and a page: what happened (French, then English) and a hint
 * for the school's or the tool's administrator. Tests and logs match on the code.
 */
interface ErrorText {
  status: number;
  fr: string;
  en: string;
  /** For the administrator who will be asked about it. */
  hint: string;
}

export const GAR_ERRORS = {
  SAML_NOT_CONFIGURED: { status: 404, fr: 'La connexion par le GAR n’est pas configurée sur ce serveur.', en: 'GAR (SAML) sign-in is not configured on this server.', hint: 'Définir SAML_IDPS et les métadonnées de l’IdP (docs/gar.md).' },
  SAML_IDP_UNKNOWN: { status: 400, fr: 'Ce fournisseur d’identité n’est pas connu de Pix Embed.', en: 'This identity provider is not known to Pix Embed.', hint: 'Vérifier le paramètre idp et la variable SAML_IDPS ; l’émetteur (Issuer) de la réponse doit être l’entityID d’un IdP configuré.' },
  SAML_IDP_METADATA_UNAVAILABLE: { status: 503, fr: 'Les métadonnées du fournisseur d’identité sont indisponibles pour le moment.', en: 'The identity provider’s metadata cannot be loaded right now.', hint: 'Vérifier SAML_IDP_<NOM>_METADATA (fichier lisible ou URL joignable) ; le journal du serveur donne la cause.' },
  SAML_MISSING_RESPONSE: { status: 400, fr: 'Aucune réponse SAML n’a été reçue.', en: 'No SAML response was received.', hint: 'L’ACS attend un POST (liaison HTTP-POST) avec le champ SAMLResponse.' },
  SAML_MALFORMED: { status: 400, fr: 'La réponse du fournisseur d’identité est illisible.', en: 'The identity provider’s response is malformed.', hint: 'Le message SAML n’est pas un XML valide (base64, encodage, balises).' },
  SAML_DTD_FORBIDDEN: { status: 400, fr: 'La réponse du fournisseur d’identité contient une DTD, refusée par sécurité.', en: 'The identity provider’s response contains a DTD, refused for security.', hint: 'Les messages SAML ne doivent pas contenir de <!DOCTYPE> (attaques par entités XML).' },
  SAML_SIGNATURE_INVALID: { status: 401, fr: 'La signature de la réponse est absente ou invalide.', en: 'The response signature is missing or invalid.', hint: 'Assertion non signée, modifiée ou enveloppée (XSW), ou certificat de l’IdP changé : vérifier les certificats configurés (rotation annuelle du GAR, SAML_IDP_<NOM>_CERTS).' },
  SAML_DECRYPTION_FAILED: { status: 401, fr: 'L’assertion chiffrée n’a pas pu être déchiffrée.', en: 'The encrypted assertion could not be decrypted.', hint: 'L’IdP a chiffré avec un autre certificat que celui publié dans nos métadonnées (SAML_SP_ENCRYPTION_*).' },
  SAML_STATUS_NOT_SUCCESS: { status: 401, fr: 'Le fournisseur d’identité a refusé la connexion.', en: 'The identity provider refused the sign-in.', hint: 'Le statut SAML n’est pas Success : voir le journal de l’IdP (affectation de la ressource, droits).' },
  SAML_ISSUER_MISMATCH: { status: 401, fr: 'La réponse ne vient pas du fournisseur d’identité attendu.', en: 'The response does not come from the expected identity provider.', hint: 'L’Issuer de l’assertion doit être l’entityID des métadonnées de l’IdP configuré.' },
  SAML_AUDIENCE_MISMATCH: { status: 401, fr: 'Cette réponse était destinée à un autre service.', en: 'This response was meant for another service.', hint: 'L’Audience doit être l’entityID de Pix Embed, l’URL de /saml/metadata.xml (PUBLIC_URL).' },
  SAML_DESTINATION_MISMATCH: { status: 401, fr: 'Cette réponse était adressée à une autre adresse.', en: 'This response was addressed elsewhere.', hint: 'La Destination doit être l’URL de /saml/acs (PUBLIC_URL, proxy : TRUST_PROXY).' },
  SAML_RECIPIENT_MISMATCH: { status: 401, fr: 'Cette réponse était adressée à une autre adresse.', en: 'This response was addressed elsewhere.', hint: 'SubjectConfirmationData/@Recipient doit être l’URL de /saml/acs.' },
  SAML_SUBJECT_CONFIRMATION_INVALID: { status: 401, fr: 'La réponse ne permet pas de confirmer votre identité.', en: 'The response does not confirm your identity.', hint: 'Aucune SubjectConfirmation « bearer » avec NotOnOrAfter, Recipient et (connexion initiée par Pix Embed) InResponseTo.' },
  SAML_SUBJECT_CONFIRMATION_EXPIRED: { status: 401, fr: 'La connexion a expiré. Recommencez depuis votre médiacentre.', en: 'The sign-in has expired. Start again from your média-centre.', hint: 'SubjectConfirmationData/@NotOnOrAfter dépassé : horloges désynchronisées (SAML_CLOCK_SKEW_SECONDS) ou réponse rejouée tardivement.' },
  SAML_ASSERTION_EXPIRED: { status: 401, fr: 'La connexion a expiré. Recommencez depuis votre médiacentre.', en: 'The sign-in has expired. Start again from your média-centre.', hint: 'Conditions NotBefore/NotOnOrAfter hors de la fenêtre (SAML_CLOCK_SKEW_SECONDS) : vérifier l’heure des serveurs (NTP).' },
  SAML_REPLAYED: { status: 401, fr: 'Cette connexion a déjà été utilisée. Recommencez depuis votre médiacentre.', en: 'This sign-in was already used. Start again from your média-centre.', hint: 'Assertion déjà consommée (même ID) : page rechargée, bouton « précédent », ou rejeu.' },
  SAML_IN_RESPONSE_TO_UNKNOWN: { status: 401, fr: 'Cette connexion ne correspond à aucune demande en cours. Recommencez depuis votre médiacentre.', en: 'This sign-in matches no pending request. Start again from your média-centre.', hint: 'InResponseTo inconnu ou expiré (SAML_REQUEST_TTL_SECONDS), ou demande déjà utilisée.' },
  SAML_IN_RESPONSE_TO_MISMATCH: { status: 401, fr: 'Cette réponse ne correspond pas à la demande envoyée.', en: 'This response does not match the request sent.', hint: 'InResponseTo de la réponse et de SubjectConfirmationData différents.' },
  SAML_UNSOLICITED_RESPONSE: { status: 401, fr: 'Ouvrez Pix Embed depuis votre médiacentre.', en: 'Open Pix Embed from your média-centre.', hint: 'Réponse non sollicitée (connexion initiée par l’IdP) : refusée sauf SAML_ALLOW_IDP_INITIATED=true.' },
  SAML_ATTRIBUTE_MISSING: { status: 400, fr: 'Le fournisseur d’identité n’a pas transmis les informations nécessaires.', en: 'The identity provider did not send the required information.', hint: 'Attributs obligatoires : IDO, UAI, PRO (noms configurables : SAML_ATTRIBUTE_NAMES).' },
  SAML_LOGOUT_INVALID: { status: 400, fr: 'La demande de déconnexion est invalide.', en: 'The logout request is invalid.', hint: 'Requête ou réponse de déconnexion non signée, mal signée ou d’un IdP inconnu.' },
  GAR_PROFILE_UNSUPPORTED: { status: 403, fr: 'Votre profil ne donne pas accès à Pix Embed.', en: 'Your profile does not give access to Pix Embed.', hint: 'PRO accepté : National_elv (élève), National_ens et National_doc (enseignant), National_dir (direction).' },
  GAR_SCHOOL_UNKNOWN: { status: 403, fr: 'Votre établissement n’est pas encore inscrit sur Pix Embed.', en: 'Your school is not registered on Pix Embed yet.', hint: 'Créer l’établissement (UAI) ou activer GAR_CREATE_UNKNOWN_SCHOOLS=true.' },
  GAR_STEP_EXPIRED: { status: 410, fr: 'Cette étape de connexion a expiré. Recommencez depuis votre médiacentre.', en: 'This sign-in step has expired. Start again from your média-centre.', hint: 'Étape (choix d’établissement, date de naissance) non terminée dans les 15 minutes, ou déjà utilisée.' },
  GAR_CHOICE_INVALID: { status: 400, fr: 'Ce choix n’est pas possible.', en: 'This choice is not possible.', hint: 'L’UAI choisi ne fait pas partie des UAI transmis par l’IdP.' },
  GAR_RECONCILIATION_NOT_FOUND: { status: 404, fr: 'Cette demande de rattachement n’existe pas dans votre établissement.', en: 'This link request does not exist in your school.', hint: 'Identifiant de demande inconnu ou d’un autre établissement.' },
  GAR_RECONCILIATION_ALREADY_SETTLED: { status: 409, fr: 'Cette demande de rattachement a déjà été traitée.', en: 'This link request has already been settled.', hint: 'Un autre enseignant l’a traitée, ou l’élève a été retrouvée automatiquement : rechargez la page.' },
  GAR_ROSTER_PUPIL_NOT_FOUND: { status: 404, fr: 'Cet élève ne figure pas (ou plus) dans la liste importée de votre établissement.', en: 'This pupil is not (or no longer) in your school’s imported list.', hint: 'Élève inconnu, d’un autre établissement ou inactif (absent du dernier import SIECLE).' },
  GAR_ROSTER_PUPIL_ALREADY_LINKED: { status: 409, fr: 'Cet élève de la liste est déjà rattaché à un autre compte.', en: 'This pupil of the list is already linked to another account.', hint: 'Son INE est déjà lié à un autre compte (ici ou dans un autre établissement) : vérifiez l’identité, ou écartez la demande.' },
  GAR_ACCOUNT_ALREADY_LINKED: { status: 409, fr: 'Ce compte est déjà rattaché à un autre élève de la liste.', en: 'This account is already linked to another pupil of the list.', hint: 'Le compte a déjà un INE dans cet établissement.' },
} as const satisfies Record<string, ErrorText>;

export type GarErrorCode = keyof typeof GAR_ERRORS;

export class GarError extends AppError {
  constructor(
    readonly garCode: GarErrorCode,
    /** Technical detail for the log (never personal data). */
    readonly detail?: string,
  ) {
    super(garCode, GAR_ERRORS[garCode].status, GAR_ERRORS[garCode].fr);
    this.name = 'GarError';
  }
}

export const garError = (code: GarErrorCode, detail?: string) => new GarError(code, detail);
