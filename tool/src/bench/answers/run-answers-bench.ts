import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { loadConfig } from '../../config/config.ts';
import { buildContainer, REFERENTIAL_DIR } from '../../composition-root.ts';
import { createSessionTokens } from '../../identity/domain/session-token.ts';
import { deriveKeys } from '../../shared/infrastructure/crypto/keys.ts';
import { assertValidReferential, loadReferential } from '../../referential/infrastructure/load-referential.ts';
import { latencyBySecond, percentile, type SecondOfRun } from '../latency.ts';
import { startServerProcess } from '../server-process.ts';
import { HttpLearner, seededRandom } from './http-learner.ts';
import { createLoadClient, type LoadClient } from '../load-client.ts';
import { parentPid, processTreeCpuMs } from '../process-cpu.ts';
import { sql } from 'drizzle-orm';

export interface AnswersBenchOptions {
  databaseUrl: string;
  learners: number;
  offeredPerSec: number;
  openLoopSeconds: number;
  closedLoopSeconds: number;
  /** Unmeasured answering before the measures (at most this long), as a server in service has long compiled its hot code. */
  warmupSeconds: number;
  seed: number;
  /** Server processes (WEB_CONCURRENCY) of the measured server. */
  workers: number;
  /** Each answer also followed by a GET of the assessment (a reloading widget). */
  reload: boolean;
  log: (line: string) => void;
}

export interface AnswersBenchResult {
  offeredPerSec: number;
  learners: number;
  answers: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  achievedPerSec: number;
  /** The open loop second by second (by scheduled time): where its p99 comes from. */
  openLoopBySecond: SecondOfRun[];
  maxAnswersPerSec: number;
  closedLoop: Array<{ concurrency: number; answers: number; answersPerSec: number; p50Ms: number; p99Ms: number }>;
  healthReqPerSec: number;
  /** CPU of the server process(es) per answer step (answer + next épreuve) in the closed-loop runs; null without /proc. */
  serverCpuMsPerStep: number | null;
  /** The same for the PostgreSQL server's processes when it runs on this machine, and for the load generator. */
  databaseCpuMsPerStep: number | null;
  generatorCpuMsPerStep: number | null;
  /** The same three costs over the open loop, per answer completed (late ones included). */
  openLoopCpuMsPerStep: CpuPerStep;
  workers: number;
  /** How long the unmeasured answering lasted, and how many answers it made. */
  warmup: { seconds: number; answers: number };
  /** How the next épreuve is obtained after an answer: in the answer's response (as the widget does), or by a GET. */
  nextChallenge: 'answer-response' | 'get';
}

/**
 * Real answers over HTTP on loopback to a separate server process on a real PostgreSQL.
 * Open loop: answers arrive on a fixed schedule whatever the server does, and each latency is measured from its
 * scheduled time (so a slow server cannot hide its queue). Closed loop: N pupils answer back to back.
 */
export async function runAnswersBench(options: AnswersBenchOptions): Promise<AnswersBenchResult> {
  const secret = randomBytes(36).toString('base64url');
  const referential = assertValidReferential(await loadReferential(REFERENTIAL_DIR));
  const config = loadConfig({ DATABASE_URL: options.databaseUrl, APP_SECRET: secret, NODE_ENV: 'production', PUBLIC_URL: 'http://127.0.0.1', LOG_LEVEL: 'warn' });
  const container = await buildContainer(config, { logger: pino({ level: 'warn' }), referential, seedDemo: false });
  const school = await container.organizations.upsertByUai({ uai: '0990000B', name: 'Collège du banc d’essai', type: 'SCO' });
  const tokens = createSessionTokens(deriveKeys(secret).session, 3600);
  const competences = [...referential.competences.keys()];
  const random = seededRandom(options.seed);
  options.log(`création de ${options.learners} élèves…`);
  const learnerTokens: string[] = [];
  for (let i = 0; i < options.learners; i += 1) {
    const { account } = await container.accounts.upsertFromIdentity(
      { provider: 'bench', issuer: 'bench', subject: `learner-${options.seed}-${i}` },
      { firstName: 'Élève', lastName: String(i), email: null, locale: 'fr' },
      new Date(),
    );
    await container.memberships.ensureMembership(account.id, school.id, 'PUPIL');
    learnerTokens.push(await tokens.issue({ userId: account.id, organizationId: school.id, role: 'PUPIL', locale: 'fr', via: 'bench' }));
  }
  // The PostgreSQL server's processes, when it runs on this machine (a throwaway cluster): their CPU is reported too.
  const backend = await container.database.db.execute<{ pid: number }>(sql`select pg_backend_pid() as pid`);
  const postmaster = backend.rows[0] ? parentPid(Number(backend.rows[0].pid)) : null;
  await container.close();

  const server = await startServerProcess({
    DATABASE_URL: options.databaseUrl,
    APP_SECRET: secret,
    NODE_ENV: 'production',
    PUBLIC_URL: 'http://127.0.0.1',
    WEB_CONCURRENCY: String(options.workers),
  });
  const client = createLoadClient(server.baseUrl);
  try {
    const learners = learnerTokens.map(
      (token) => new HttpLearner(client, token, referential, Math.floor(random() * 7), seededRandom(Math.floor(random() * 2 ** 31)), competences, options.reload),
    );
    options.log('mise en route (chaque élève commence une évaluation)…');
    await runWithConcurrency(learners, 16, (learner) => learner.ready());
    const warmup = { seconds: 0, answers: 0 };
    if (options.warmupSeconds > 0) {
      // V8 goes on optimising the hot path for the first seconds of load: in `perf`, its compiler threads took ~10 %
      // of a core at 150 answers/s 5–15 s after start. A server in service compiled it long ago. Bounded in answers
      // too, so a small class is not used up before the measures.
      options.log(`mise en température : ${options.warmupSeconds} s de réponses non mesurées…`);
      const began = performance.now();
      const run = await closedLoopRun(learners.filter((learner) => !learner.exhausted), 8, options.warmupSeconds, learners.length * 15);
      warmup.seconds = Math.round((performance.now() - began) / 100) / 10;
      warmup.answers = run.answers;
    }

    options.log(`boucle ouverte : ${options.offeredPerSec} réponses/s proposées pendant ${options.openLoopSeconds} s…`);
    const openCpu = startCpuMeter(server.child.pid!, postmaster);
    const open = await openLoop(learners, options.offeredPerSec, options.openLoopSeconds);
    const openCost = openCpu.perStep(open.completed);
    const openLatencies = open.samples.map((sample) => sample.latencyMs);

    const closedLoop: AnswersBenchResult['closedLoop'] = [];
    const closedCpu = startCpuMeter(server.child.pid!, postmaster);
    const pool = learners.filter((learner) => !learner.exhausted);
    for (const concurrency of [8, 16, 32, 64].filter((c) => c <= learners.length)) {
      options.log(`boucle fermée : ${concurrency} élèves sans pause…`);
      closedLoop.push({ concurrency, ...(await closedLoopRun(pool, concurrency, options.closedLoopSeconds)) });
    }
    const closedCost = closedCpu.perStep(closedLoop.reduce((sum, run) => sum + run.answers, 0));
    options.log('GET /health en boucle fermée…');
    const healthReqPerSec = await healthLoop(client, 32, 3);
    return {
      offeredPerSec: options.offeredPerSec,
      learners: learners.length,
      answers: openLatencies.length,
      p50Ms: percentile(openLatencies, 50),
      p99Ms: percentile(openLatencies, 99),
      errors: open.errors,
      achievedPerSec: Math.round(openLatencies.length / options.openLoopSeconds),
      openLoopBySecond: latencyBySecond(open.samples, options.openLoopSeconds),
      maxAnswersPerSec: Math.max(...closedLoop.map((c) => c.answersPerSec)),
      closedLoop,
      healthReqPerSec,
      serverCpuMsPerStep: closedCost.server,
      databaseCpuMsPerStep: closedCost.database,
      generatorCpuMsPerStep: closedCost.generator,
      openLoopCpuMsPerStep: openCost,
      workers: options.workers,
      warmup,
      nextChallenge: options.reload ? 'get' : 'answer-response',
    };
  } finally {
    client.close();
    await server.stop();
  }
}

async function runWithConcurrency<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

async function openLoop(
  learners: HttpLearner[],
  perSecond: number,
  seconds: number,
): Promise<{ samples: Array<{ scheduledAtMs: number; latencyMs: number }>; errors: number; completed: number }> {
  const idle = learners.filter((learner) => !learner.exhausted);
  const backlog: number[] = [];
  const samples: Array<{ scheduledAtMs: number; latencyMs: number }> = [];
  let errors = 0;
  let completed = 0;
  let inFlight = 0;
  const interval = 1000 / perSecond;
  const start = performance.now();
  const total = Math.round(perSecond * seconds);
  let scheduled = 0;

  let late = false;
  const serve = (learner: HttpLearner, scheduledAt: number) => {
    inFlight += 1;
    learner
      .answerOnce()
      // Past the deadline an answer counts as an error, not as a latency: the queue it waited in is the finding.
      .then(() => {
        completed += 1;
        if (late) {
          errors += 1;
          return;
        }
        samples.push({ scheduledAtMs: scheduledAt - start, latencyMs: performance.now() - scheduledAt });
      })
      .catch(() => (errors += 1))
      .finally(() => {
        inFlight -= 1;
        if (learner.exhausted) return;
        const waiting = late ? undefined : backlog.shift();
        if (waiting !== undefined) serve(learner, waiting);
        else idle.push(learner);
      });
  };

  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (scheduled < total && start + scheduled * interval <= now) {
        const scheduledAt = start + scheduled * interval;
        scheduled += 1;
        const learner = idle.shift();
        if (learner) serve(learner, scheduledAt);
        else backlog.push(scheduledAt);
      }
      // Woken for the next scheduled answer rather than every millisecond: the generator shares the CPU it measures.
      if (scheduled < total) setTimeout(tick, Math.max(0, start + scheduled * interval - performance.now()));
      else resolve();
    };
    tick();
  });
  // Let the answers in flight and queued finish, within a bound; what is still queued then is an error, and the
  // requests already sent are waited for (uncounted) so the closed-loop runs start on an idle server.
  const deadline = performance.now() + 30_000;
  while ((inFlight > 0 || backlog.length > 0) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  late = true;
  errors += backlog.length;
  backlog.length = 0;
  const drained = performance.now() + 300_000;
  while (inFlight > 0 && performance.now() < drained) await new Promise((r) => setTimeout(r, 50));
  return { samples, errors, completed };
}

/**
 * `concurrency` pupils answering back to back, taken in turn from the whole class (a pupil who has finished every
 * competence leaves), so no pupil runs out of questions during a long run.
 */
async function closedLoopRun(
  pool: HttpLearner[],
  concurrency: number,
  seconds: number,
  maxAnswers = Infinity,
): Promise<{ answers: number; answersPerSec: number; p50Ms: number; p99Ms: number }> {
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  let started = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end && started++ < maxAnswers) {
        const learner = pool.shift();
        if (!learner) return;
        const outcome = await learner.answerOnce().catch(() => null);
        if (outcome) latencies.push(outcome.answerMs);
        if (!learner.exhausted) pool.push(learner);
      }
    }),
  );
  return { answers: latencies.length, answersPerSec: Math.round(latencies.length / seconds), p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99) };
}

async function healthLoop(client: LoadClient, concurrency: number, seconds: number): Promise<number> {
  let count = 0;
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        if ((await client.call('GET', '/health')).status === 200) count += 1;
      }
    }),
  );
  return Math.round(count / seconds);
}

export interface CpuPerStep {
  server: number | null;
  database: number | null;
  generator: number | null;
}

/** Starts counting the CPU of the server, PostgreSQL (when local) and this load generator; `perStep` divides it by the answers. */
function startCpuMeter(serverPid: number, postmaster: number | null): { perStep(steps: number): CpuPerStep } {
  const server = processTreeCpuMs(serverPid);
  const database = postmaster === null ? null : processTreeCpuMs(postmaster);
  const generator = process.cpuUsage();
  return {
    perStep(steps) {
      const per = (before: number | null, after: number | null) => (before === null || after === null || steps === 0 ? null : Math.round(((after - before) / steps) * 100) / 100);
      const used = process.cpuUsage(generator);
      return {
        server: per(server, processTreeCpuMs(serverPid)),
        database: postmaster === null ? null : per(database, processTreeCpuMs(postmaster)),
        generator: per(0, (used.user + used.system) / 1000),
      };
    },
  };
}
