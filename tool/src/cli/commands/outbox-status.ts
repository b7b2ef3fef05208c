import { ok, type CliCommand } from '../command.ts';

/** `outbox status`: the LTI score outbox — waiting, being sent, delivered, superseded, failed, recent errors. */
export const outboxStatusCommand: CliCommand = {
  words: ['outbox', 'status'],
  usage: 'outbox status [--json]',
  summary: 'État de la file des notes LTI (AGS) : en attente, envoyées, remplacées, en échec',
  needsDatabase: true,
  async run({ container }) {
    const status = await container!.lti.deps.outbox.status(container!.clock.now());
    const text = [
      `En attente        ${status.pending}${status.nextAttemptAt ? ` (prochain essai ${status.nextAttemptAt})` : ''}`,
      `En cours d’envoi  ${status.inFlight}`,
      `Envoyées          ${status.delivered}`,
      `Remplacées        ${status.superseded}  (une note plus récente du même élève les a remplacées)`,
      `En échec          ${status.failed}`,
      ...(status.oldestPendingAt ? [`Plus ancienne en attente : ${status.oldestPendingAt}`] : []),
      ...(status.recentErrors.length ? ['Dernières erreurs :', ...status.recentErrors.map((e) => `  #${e.id} (${e.status}, ${e.attempts} essai(s)) ${e.error}`)] : []),
    ].join('\n');
    return ok(status, text);
  },
};
