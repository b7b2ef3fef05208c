import { ok, type CliCommand } from '../command.ts';
import { toolUrls } from '../../lti/application/lti-deps.ts';

/** `platform tool-config`: what an administrator enters on the platform side (Moodle labels in French). */
export const platformToolConfigCommand: CliCommand = {
  words: ['platform', 'tool-config'],
  usage: 'platform tool-config [--json]',
  summary: 'Affiche les valeurs à saisir dans la plateforme (Moodle : « Gérer les outils »)',
  needsDatabase: true,
  async run({ container }) {
    const publicUrl = container!.config.publicUrl;
    const urls = toolUrls(publicUrl);
    const json = {
      ltiVersion: 'LTI 1.3',
      toolUrl: urls.launch,
      initiateLoginUrl: urls.login,
      redirectionUris: [urls.launch],
      publicKeyType: 'Keyset URL',
      publicKeysetUrl: urls.jwks,
      deepLinkingUrl: urls.deepLinking,
      dynamicRegistrationUrl: urls.register,
      customParameters: 'uai=<UAI> (only when one registration serves several schools)',
      services: { ags: 'Use this service for grade sync and column management', nrps: 'Use this service to retrieve members’ information' },
      privacy: { shareName: 'Always', shareEmail: 'Always' },
    };
    const text = [
      `Enregistrement dynamique (Moodle 4.x/5.x : Administration du site › Plugins › Outil externe › Gérer les outils › « URL de l’outil »)`,
      `  ${urls.register}`,
      '',
      'Enregistrement manuel (« Configurer un outil manuellement ») :',
      `  Version LTI                         LTI 1.3`,
      `  URL de l’outil                      ${urls.launch}`,
      `  URL de connexion initiale           ${urls.login}`,
      `  URI de redirection                  ${urls.launch}`,
      `  Type de clé publique                URL du jeu de clés (keyset URL)`,
      `  URL du jeu de clés publiques        ${urls.jwks}`,
      `  Prise en charge du Deep Linking     oui — URL de sélection de contenu : ${urls.deepLinking}`,
      `  Paramètres personnalisés            uai=<UAI> (seulement si la plateforme sert plusieurs établissements)`,
      `  Services : notes (AGS)              « Utiliser ce service pour la synchronisation des notes et la gestion des colonnes »`,
      `  Services : membres (NRPS)           « Utiliser ce service pour récupérer les informations des membres »`,
      `  Confidentialité                     partager le nom et l’adresse e-mail : toujours`,
      '',
      'Puis, avec les valeurs affichées par la plateforme (ID client, ID de déploiement, URLs) :',
      '  npx pix-embed platform add --issuer <URL de la plateforme> --client-id <ID client> --deployment-id <ID de déploiement> \\',
      '    --auth-url <URL de requête d’authentification> --token-url <URL du jeton d’accès> --jwks-url <URL du jeu de clés publiques> --uai <UAI>',
    ].join('\n');
    return ok(json, text);
  },
};
