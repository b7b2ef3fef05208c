import { AppError } from '../../shared/domain/errors.ts';

/**
 * Every way an LTI exchange can fail, with a stable code. The launch pages show the message in French then
 * English, the code, and a hint for the platform administrator; `detail` goes to the logs only.
 */
interface LtiErrorEntry {
  status: number;
  fr: string;
  en: string;
  /** What the platform administrator can do about it. */
  hintFr: string;
  hintEn: string;
}

const RELAUNCH_FR = 'Relancez l’activité depuis la plateforme.';
const RELAUNCH_EN = 'Launch the activity again from the platform.';
const KEYS_FR = 'Vérifiez l’URL du jeu de clés (JWKS) de la plateforme enregistrée dans Pix Embed (npx pix-embed platform list).';
const KEYS_EN = 'Check the platform keyset (JWKS) URL registered in Pix Embed (npx pix-embed platform list).';
const CLOCK_FR = 'Vérifiez l’horloge du serveur de la plateforme (NTP) puis relancez l’activité.';
const CLOCK_EN = 'Check the platform server clock (NTP), then launch the activity again.';

export const LTI_ERRORS = {
  LTI_LOGIN_INVALID: {
    status: 400,
    fr: 'La demande de connexion LTI est incomplète.',
    en: 'The LTI login request is incomplete.',
    hintFr: 'La plateforme doit envoyer iss, login_hint et target_link_uri à l’URL de connexion (initiate login).',
    hintEn: 'The platform must send iss, login_hint and target_link_uri to the login initiation URL.',
  },
  LTI_PLATFORM_UNKNOWN: {
    status: 400,
    fr: 'Cette plateforme n’est pas enregistrée dans Pix Embed.',
    en: 'This platform is not registered with Pix Embed.',
    hintFr: 'Enregistrez la plateforme (enregistrement dynamique, ou npx pix-embed platform add) avec le même issuer et client_id.',
    hintEn: 'Register the platform (dynamic registration, or npx pix-embed platform add) with the same issuer and client_id.',
  },
  LTI_CLIENT_ID_REQUIRED: {
    status: 400,
    fr: 'Plusieurs enregistrements existent pour cette plateforme : impossible de choisir.',
    en: 'Several registrations exist for this platform: cannot choose one.',
    hintFr: 'Configurez la plateforme pour qu’elle envoie client_id à l’URL de connexion.',
    hintEn: 'Configure the platform to send client_id to the login initiation URL.',
  },
  LTI_PLATFORM_DISABLED: {
    status: 403,
    fr: 'Cette plateforme est désactivée dans Pix Embed.',
    en: 'This platform is disabled in Pix Embed.',
    hintFr: 'Contactez l’administrateur de Pix Embed.',
    hintEn: 'Contact the Pix Embed administrator.',
  },
  LTI_TARGET_LINK_INVALID: {
    status: 400,
    fr: 'L’adresse de lancement ne désigne pas Pix Embed.',
    en: 'The launch address does not point to Pix Embed.',
    hintFr: 'L’URL de l’outil (target_link_uri) doit commencer par l’URL publique de Pix Embed (platform tool-config).',
    hintEn: 'The tool URL (target_link_uri) must start with Pix Embed’s public URL (platform tool-config).',
  },
  LTI_STATE_MISSING: {
    status: 400,
    fr: 'Le lancement ne contient pas de paramètre state.',
    en: 'The launch has no state parameter.',
    hintFr: 'La plateforme doit renvoyer le paramètre state reçu à l’étape de connexion.',
    hintEn: 'The platform must send back the state it received at the login step.',
  },
  LTI_STATE_UNKNOWN: {
    status: 401,
    fr: 'Ce lancement est inconnu ou a expiré.',
    en: 'This launch is unknown or has expired.',
    hintFr: RELAUNCH_FR,
    hintEn: RELAUNCH_EN,
  },
  LTI_STATE_REUSED: {
    status: 401,
    fr: 'Ce lancement a déjà été utilisé.',
    en: 'This launch has already been used.',
    hintFr: `${RELAUNCH_FR} Un lancement ne sert qu’une fois (page rechargée ou renvoyée ?).`,
    hintEn: `${RELAUNCH_EN} A launch can only be used once (page reloaded or resubmitted?).`,
  },
  LTI_STATE_EXPIRED: {
    status: 401,
    fr: 'Ce lancement a expiré.',
    en: 'This launch has expired.',
    hintFr: RELAUNCH_FR,
    hintEn: RELAUNCH_EN,
  },
  LTI_STATE_BROWSER_MISMATCH: {
    status: 401,
    fr: 'Ce lancement a été commencé dans un autre navigateur.',
    en: 'This launch was started in another browser.',
    hintFr: RELAUNCH_FR,
    hintEn: RELAUNCH_EN,
  },
  LTI_TOKEN_MISSING: {
    status: 400,
    fr: 'Le lancement ne contient pas de jeton d’identité (id_token).',
    en: 'The launch carries no identity token (id_token).',
    hintFr: 'La plateforme doit poster id_token et state à l’URL de redirection de Pix Embed.',
    hintEn: 'The platform must post id_token and state to Pix Embed’s redirect URL.',
  },
  LTI_TOKEN_MALFORMED: {
    status: 401,
    fr: 'Le jeton d’identité est illisible.',
    en: 'The identity token cannot be read.',
    hintFr: 'La plateforme doit envoyer un JWT signé (JWS compact).',
    hintEn: 'The platform must send a signed JWT (compact JWS).',
  },
  LTI_ALGORITHM_REFUSED: {
    status: 401,
    fr: 'Le jeton d’identité n’est pas signé avec l’algorithme attendu.',
    en: 'The identity token is not signed with the expected algorithm.',
    hintFr: 'Seul RS256 est accepté (jamais « none » ni HS256).',
    hintEn: 'Only RS256 is accepted (never "none" nor HS256).',
  },
  LTI_KEY_UNKNOWN: {
    status: 401,
    fr: 'La clé qui a signé le jeton est inconnue.',
    en: 'The key that signed the token is unknown.',
    hintFr: KEYS_FR,
    hintEn: KEYS_EN,
  },
  LTI_JWKS_UNAVAILABLE: {
    status: 502,
    fr: 'Les clés publiques de la plateforme sont inaccessibles.',
    en: 'The platform public keys cannot be retrieved.',
    hintFr: KEYS_FR,
    hintEn: KEYS_EN,
  },
  LTI_SIGNATURE_INVALID: {
    status: 401,
    fr: 'La signature du jeton d’identité est invalide.',
    en: 'The identity token signature is invalid.',
    hintFr: KEYS_FR,
    hintEn: KEYS_EN,
  },
  LTI_ISSUER_MISMATCH: {
    status: 401,
    fr: 'Le jeton d’identité ne vient pas de la plateforme attendue.',
    en: 'The identity token does not come from the expected platform.',
    hintFr: 'L’issuer enregistré dans Pix Embed doit être exactement celui de la plateforme.',
    hintEn: 'The issuer registered in Pix Embed must be exactly the platform’s.',
  },
  LTI_AUDIENCE_MISMATCH: {
    status: 401,
    fr: 'Le jeton d’identité n’est pas destiné à Pix Embed.',
    en: 'The identity token is not meant for Pix Embed.',
    hintFr: 'Le client_id enregistré dans Pix Embed doit être celui que la plateforme a attribué à l’outil.',
    hintEn: 'The client_id registered in Pix Embed must be the one the platform gave the tool.',
  },
  LTI_AZP_INVALID: {
    status: 401,
    fr: 'Le jeton d’identité a plusieurs destinataires sans désigner Pix Embed (azp).',
    en: 'The identity token has several audiences and does not name Pix Embed (azp).',
    hintFr: 'Avec plusieurs valeurs dans aud, la plateforme doit mettre le client_id de l’outil dans azp.',
    hintEn: 'With several aud values, the platform must put the tool client_id in azp.',
  },
  LTI_TOKEN_EXPIRED: { status: 401, fr: 'Le jeton d’identité a expiré.', en: 'The identity token has expired.', hintFr: CLOCK_FR, hintEn: CLOCK_EN },
  LTI_TOKEN_NOT_YET_VALID: {
    status: 401,
    fr: 'Le jeton d’identité est daté dans le futur.',
    en: 'The identity token is dated in the future.',
    hintFr: CLOCK_FR,
    hintEn: CLOCK_EN,
  },
  LTI_TOKEN_TOO_OLD: { status: 401, fr: 'Le jeton d’identité est trop ancien.', en: 'The identity token is too old.', hintFr: CLOCK_FR, hintEn: CLOCK_EN },
  LTI_NONCE_MISMATCH: {
    status: 401,
    fr: 'Le jeton d’identité ne correspond pas à ce lancement (nonce).',
    en: 'The identity token does not belong to this launch (nonce).',
    hintFr: 'La plateforme doit recopier dans le jeton le nonce reçu à l’étape de connexion.',
    hintEn: 'The platform must copy into the token the nonce it received at the login step.',
  },
  LTI_NONCE_REPLAYED: {
    status: 401,
    fr: 'Ce jeton d’identité a déjà été utilisé.',
    en: 'This identity token has already been used.',
    hintFr: RELAUNCH_FR,
    hintEn: RELAUNCH_EN,
  },
  LTI_VERSION_UNSUPPORTED: {
    status: 400,
    fr: 'Version LTI non prise en charge.',
    en: 'Unsupported LTI version.',
    hintFr: 'Pix Embed est un outil LTI 1.3 (version 1.3.0) : configurez l’outil en LTI 1.3 sur la plateforme.',
    hintEn: 'Pix Embed is an LTI 1.3 tool (version 1.3.0): set the tool up as LTI 1.3 on the platform.',
  },
  LTI_MESSAGE_TYPE_MISSING: {
    status: 400,
    fr: 'Le type de message LTI est absent.',
    en: 'The LTI message type is missing.',
    hintFr: 'La plateforme doit envoyer la revendication message_type.',
    hintEn: 'The platform must send the message_type claim.',
  },
  LTI_MESSAGE_TYPE_UNSUPPORTED: {
    status: 400,
    fr: 'Ce type de message LTI n’est pas pris en charge.',
    en: 'This LTI message type is not supported.',
    hintFr: 'Pix Embed accepte LtiResourceLinkRequest et LtiDeepLinkingRequest.',
    hintEn: 'Pix Embed accepts LtiResourceLinkRequest and LtiDeepLinkingRequest.',
  },
  LTI_UNKNOWN_DEPLOYMENT: {
    status: 403,
    fr: 'Ce déploiement de l’outil n’est pas enregistré dans Pix Embed.',
    en: 'This deployment of the tool is not registered with Pix Embed.',
    hintFr: 'Ajoutez l’identifiant de déploiement (deployment_id) : npx pix-embed platform add … --deployment-id <id>.',
    hintEn: 'Add the deployment id: npx pix-embed platform add … --deployment-id <id>.',
  },
  LTI_RESOURCE_LINK_MISSING: {
    status: 400,
    fr: 'Le lancement ne désigne pas d’activité (resource_link).',
    en: 'The launch names no activity (resource_link).',
    hintFr: 'Un LtiResourceLinkRequest doit contenir resource_link.id.',
    hintEn: 'An LtiResourceLinkRequest must carry resource_link.id.',
  },
  LTI_CLAIM_INVALID: {
    status: 400,
    fr: 'Le jeton d’identité contient une information manquante ou mal formée.',
    en: 'The identity token has a missing or malformed claim.',
    hintFr: 'Vérifiez que la plateforme envoie sub et roles (liste) conformément à LTI 1.3.',
    hintEn: 'Check that the platform sends sub and roles (an array) as LTI 1.3 requires.',
  },
  LTI_ROLE_UNSUPPORTED: {
    status: 403,
    fr: 'Votre rôle dans ce cours ne permet pas d’ouvrir Pix Embed.',
    en: 'Your role in this course cannot open Pix Embed.',
    hintFr: 'Rôles acceptés : Learner (élève), Instructor, TeachingAssistant, ContentDeveloper (enseignant), Administrator d’établissement.',
    hintEn: 'Accepted roles: Learner (pupil), Instructor, TeachingAssistant, ContentDeveloper (teacher), institution Administrator.',
  },
  LTI_NO_ORGANIZATION: {
    status: 403,
    fr: 'Aucun établissement n’est rattaché à cette plateforme.',
    en: 'No school is bound to this platform.',
    hintFr: 'Rattachez un établissement : npx pix-embed platform bind --issuer … --client-id … --uai <UAI>.',
    hintEn: 'Bind a school: npx pix-embed platform bind --issuer … --client-id … --uai <UAI>.',
  },
  LTI_UAI_REQUIRED: {
    status: 403,
    fr: 'Plusieurs établissements sont rattachés à cette plateforme : l’activité doit préciser le sien.',
    en: 'Several schools are bound to this platform: the activity must say which one.',
    hintFr: 'Ajoutez le paramètre personnalisé uai=<UAI> à l’outil ou à l’activité.',
    hintEn: 'Add the custom parameter uai=<UAI> to the tool or the activity.',
  },
  LTI_UAI_NOT_BOUND: {
    status: 403,
    fr: 'L’établissement demandé n’est pas rattaché à cette plateforme.',
    en: 'The requested school is not bound to this platform.',
    hintFr: 'Le paramètre uai doit désigner un établissement rattaché à cet enregistrement (npx pix-embed platform list).',
    hintEn: 'The uai parameter must name a school bound to this registration (npx pix-embed platform list).',
  },
  LTI_TARGET_UNKNOWN: {
    status: 400,
    fr: 'L’activité désigne un contenu inconnu de Pix Embed.',
    en: 'The activity points to content Pix Embed does not know.',
    hintFr: 'Recréez l’activité avec le sélecteur de contenu de Pix Embed, ou corrigez le paramètre competence (ex. 1.1).',
    hintEn: 'Recreate the activity with Pix Embed’s content picker, or fix the competence parameter (e.g. 1.1).',
  },
  LTI_CAMPAIGN_UNAVAILABLE: {
    status: 501,
    fr: 'Les campagnes ne sont pas encore disponibles dans Pix Embed.',
    en: 'Campaigns are not available in Pix Embed yet.',
    hintFr: 'Utilisez une évaluation de compétence en attendant.',
    hintEn: 'Use a competence evaluation meanwhile.',
  },
  LTI_DEEP_LINKING_INVALID: {
    status: 400,
    fr: 'La demande de sélection de contenu est incomplète.',
    en: 'The content selection request is incomplete.',
    hintFr: 'Un LtiDeepLinkingRequest doit contenir deep_linking_settings.deep_link_return_url.',
    hintEn: 'An LtiDeepLinkingRequest must carry deep_linking_settings.deep_link_return_url.',
  },
  LTI_DEEP_LINKING_FORBIDDEN: {
    status: 403,
    fr: 'Seuls les enseignants peuvent ajouter une activité Pix Embed.',
    en: 'Only teachers can add a Pix Embed activity.',
    hintFr: 'Le sélecteur de contenu est réservé aux rôles Instructor, ContentDeveloper et Administrator.',
    hintEn: 'The content picker is for Instructor, ContentDeveloper and Administrator roles.',
  },
  LTI_DEEP_LINKING_EXPIRED: {
    status: 401,
    fr: 'La sélection de contenu a expiré.',
    en: 'The content selection has expired.',
    hintFr: 'Rouvrez le sélecteur d’activité depuis la plateforme.',
    hintEn: 'Open the activity picker again from the platform.',
  },
  LTI_DEEP_LINKING_CHOICE_INVALID: {
    status: 400,
    fr: 'Le contenu choisi est inconnu.',
    en: 'The chosen content is unknown.',
    hintFr: 'Rouvrez le sélecteur d’activité depuis la plateforme.',
    hintEn: 'Open the activity picker again from the platform.',
  },
  LTI_REGISTRATION_INVALID: {
    status: 400,
    fr: 'La demande d’enregistrement est incomplète.',
    en: 'The registration request is incomplete.',
    hintFr: 'Collez l’URL d’enregistrement de Pix Embed (…/lti/register) dans l’enregistrement dynamique LTI Advantage de la plateforme.',
    hintEn: 'Paste Pix Embed’s registration URL (…/lti/register) into the platform’s LTI Advantage dynamic registration.',
  },
  LTI_ISSUER_NOT_ALLOWED: {
    status: 403,
    fr: 'Cette plateforme n’est pas autorisée à s’enregistrer auprès de Pix Embed.',
    en: 'This platform is not allowed to register with Pix Embed.',
    hintFr: 'Ajoutez son issuer à LTI_ALLOWED_ISSUERS dans la configuration de Pix Embed.',
    hintEn: 'Add its issuer to LTI_ALLOWED_ISSUERS in Pix Embed’s configuration.',
  },
  LTI_PLATFORM_CONFIGURATION_INVALID: {
    status: 502,
    fr: 'La configuration publiée par la plateforme est inutilisable.',
    en: 'The configuration published by the platform cannot be used.',
    hintFr: 'La configuration OpenID doit annoncer registration_endpoint, authorization_endpoint, token_endpoint, jwks_uri, RS256 et private_key_jwt.',
    hintEn: 'The OpenID configuration must announce registration_endpoint, authorization_endpoint, token_endpoint, jwks_uri, RS256 and private_key_jwt.',
  },
  LTI_REGISTRATION_REFUSED: {
    status: 502,
    fr: 'La plateforme a refusé l’enregistrement de Pix Embed.',
    en: 'The platform refused Pix Embed’s registration.',
    hintFr: 'Recommencez l’enregistrement (le jeton d’enregistrement n’est valable qu’une fois et peu de temps).',
    hintEn: 'Start the registration again (the registration token is single-use and short-lived).',
  },
  LTI_INTERNAL_ERROR: {
    status: 500,
    fr: 'Une erreur interne est survenue.',
    en: 'An internal error occurred.',
    hintFr: 'Réessayez ; si l’erreur persiste, transmettez le code et l’heure à l’administrateur de Pix Embed.',
    hintEn: 'Try again; if it persists, send the code and time to the Pix Embed administrator.',
  },
} satisfies Record<string, LtiErrorEntry>;

export type LtiErrorCode = keyof typeof LTI_ERRORS;

export class LtiError extends AppError {
  readonly entry: LtiErrorEntry;
  /** Technical detail for the logs; never shown. */
  readonly detail: string | undefined;

  constructor(code: LtiErrorCode, detail?: string) {
    const entry: LtiErrorEntry = LTI_ERRORS[code];
    super(code, entry.status, entry.fr);
    this.name = 'LtiError';
    this.entry = entry;
    this.detail = detail;
  }
}

export function isLtiError(error: unknown): error is LtiError {
  return error instanceof LtiError;
}
