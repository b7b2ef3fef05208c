import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { certificateBody } from '../../../tool/src/gar/infrastructure/keys/key-files.ts';
import { generateKeyPairWithCertificate, type KeyPairPem } from '../../../tool/src/gar/infrastructure/keys/self-signed-certificate.ts';

export const SIMPLESAMLPHP_DIR = process.env.SIMPLESAMLPHP_DIR ?? '/usr/share/simplesamlphp';

/**
 * Debian's SimpleSAMLphp as a real IdP for the browser tests. With CI=true a missing IdP fails the run;
 * on a developer machine the suite is skipped with a message saying how to install it.
 */
export function simpleSamlPhpAvailable(): boolean {
  const php = ['/usr/bin/php', '/usr/local/bin/php'].some((p) => existsSync(p));
  // Debian's simplesamlphp does not depend on php-xml (DOM) nor php-mbstring, which it needs.
  const modules = php ? spawnSync('php', ['-m'], { encoding: 'utf8' }).stdout.toLowerCase().split('\n') : [];
  if (php && modules.includes('dom') && modules.includes('mbstring') && existsSync(join(SIMPLESAMLPHP_DIR, 'www', 'saml2', 'idp', 'SSOService.php'))) return true;
  const message = `SimpleSAMLphp (${SIMPLESAMLPHP_DIR}), php-cli, php-xml or php-mbstring missing: apt-get install -y simplesamlphp php-cli php-xml php-mbstring`;
  if (process.env.CI === 'true') throw new Error(`required in CI — ${message}`);
  console.warn(`[e2e] ${message}: GAR browser tests skipped`);
  return false;
}

export interface GarTestUser {
  username: string;
  password: string;
  attributes: Record<string, string[]>;
}

export interface RunningIdp {
  baseUrl: string;
  entityId: string;
  metadataUrl: string;
  dir: string;
  log(): string;
  stop(): Promise<void>;
}

const php = (value: unknown): string => {
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return `[${value.map(php).join(', ')}]`;
  if (value && typeof value === 'object') return `[${Object.entries(value).map(([k, v]) => `${php(k)} => ${php(v)}`).join(', ')}]`;
  return 'null';
};

/**
 * Configures SimpleSAMLphp in a temporary directory (its own config.php, authsources with an exampleauth:UserPass
 * source, a hosted IdP with a generated key, our SP as remote SP requiring signed AuthnRequests) and serves it
 * with `php -S` on loopback. GAR-like attributes, basic name format, RSA-SHA256 everywhere.
 */
export async function startSimpleSamlPhp(input: { port: number; sp: { entityId: string; acsUrl: string; sloUrl: string; certificatePem: string }; users: GarTestUser[] }): Promise<RunningIdp> {
  const dir = mkdtempSync(join(tmpdir(), 'pix-ssp-'));
  for (const sub of ['config', 'metadata', 'cert', 'log', 'data', 'tmp', 'sessions']) mkdirSync(join(dir, sub));
  const baseUrl = `http://127.0.0.1:${input.port}`;
  const entityId = `${baseUrl}/saml2/idp/metadata.php`;
  const idpKeys: KeyPairPem = generateKeyPairWithCertificate('SimpleSAMLphp test IdP', new Date());
  writeFileSync(join(dir, 'cert', 'idp.pem'), idpKeys.privateKeyPem);
  writeFileSync(join(dir, 'cert', 'idp.crt'), idpKeys.certificatePem);
  const rsaSha256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
  writeFileSync(
    join(dir, 'config', 'config.php'),
    `<?php
$config = ${php({
      baseurlpath: `${baseUrl}/`,
      certdir: `${dir}/cert/`,
      loggingdir: `${dir}/log/`,
      datadir: `${dir}/data/`,
      tempdir: `${dir}/tmp/`,
      metadatadir: `${dir}/metadata/`,
      secretsalt: 'pix-embed-e2e-salt-not-a-secret',
      'auth.adminpassword': 'pix-embed-e2e-admin',
      technicalcontact_name: 'Pix Embed e2e',
      technicalcontact_email: 'e2e@example.org',
      timezone: 'Europe/Paris',
      'logging.handler': 'file',
      'logging.logfile': 'simplesamlphp.log',
      'enable.saml20-idp': true,
      'module.enable': { exampleauth: true, core: true, saml: true, admin: true },
      'store.type': 'phpsession',
      'session.phpsession.savepath': `${dir}/sessions`,
      'session.cookie.secure': false,
      'language.default': 'fr',
      'metadata.sources': [{ type: 'flatfile' }],
    })};
$config['logging.level'] = SimpleSAML\\Logger::DEBUG;
`,
  );
  const users = Object.fromEntries(input.users.map((u) => [`${u.username}:${u.password}`, u.attributes]));
  writeFileSync(join(dir, 'config', 'authsources.php'), `<?php\n$config = ${php({ admin: ['core:AdminPassword'], 'gar-users': { 0: 'exampleauth:UserPass', ...users } })};\n`);
  writeFileSync(
    join(dir, 'metadata', 'saml20-idp-hosted.php'),
    `<?php\n$metadata[${php(entityId)}] = ${php({
      host: '__DEFAULT__',
      privatekey: 'idp.pem',
      certificate: 'idp.crt',
      auth: 'gar-users',
      'signature.algorithm': rsaSha256,
      'attributes.NameFormat': 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic',
      NameIDFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient',
      'saml20.sign.assertion': true,
      'saml20.sign.response': true,
    })};\n`,
  );
  writeFileSync(
    join(dir, 'metadata', 'saml20-sp-remote.php'),
    `<?php\n$metadata[${php(input.sp.entityId)}] = ${php({
      AssertionConsumerService: [{ Binding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST', Location: input.sp.acsUrl }],
      SingleLogoutService: [{ Binding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect', Location: input.sp.sloUrl }],
      certData: certificateBody(input.sp.certificatePem),
      // Like the GAR: unsigned AuthnRequests are refused.
      'validate.authnrequest': true,
      'validate.logout': true,
      'redirect.validate': true,
      'signature.algorithm': rsaSha256,
      'attributes.NameFormat': 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic',
    })};\n`,
  );
  writeFileSync(join(dir, 'metadata', 'saml20-idp-remote.php'), '<?php\n');
  writeFileSync(join(dir, 'metadata', 'saml20-sp-hosted.php'), '<?php\n');

  let output = '';
  const child: ChildProcess = spawn('php', ['-S', `127.0.0.1:${input.port}`, '-t', join(SIMPLESAMLPHP_DIR, 'www')], {
    env: { ...process.env, SIMPLESAMLPHP_CONFIG_DIR: join(dir, 'config') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      const response = await fetch(`${baseUrl}/saml2/idp/metadata.php`);
      if (response.ok && (await response.text()).includes('IDPSSODescriptor')) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`SimpleSAMLphp did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl,
    entityId,
    metadataUrl: `${baseUrl}/saml2/idp/metadata.php`,
    dir,
    log: () => output,
    stop: () =>
      new Promise((resolve) => {
        const done = () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null) return done();
        child.once('exit', done);
        child.kill('SIGTERM');
      }),
  };
}
