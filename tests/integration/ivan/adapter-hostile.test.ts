import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { generateKeyPairSync } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import forge from 'node-forge';
import { HttpIvanAdapter } from '../../../electron/ivan/http-adapter';
import { checkEndpoint } from '../../../electron/ivan/endpoint-policy';

/** A real HTTP server answering whatever the test says, to play a broken or hostile I-VAN. */
let server: Server;
let url: string;
let answer: (res: ServerResponse) => void = (res) => res.end();

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => answer(res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const adapter = (timeoutMs = 2000) => new HttpIvanAdapter({ endpoint: url, timeoutMs });
const xml = Buffer.from('<Hoso><CKy_Dvi/></Hoso>');
const receipt = {
  transactionId: 'T-1',
  dossierId: 'K-1',
  status: 'received',
  receivedAt: '2015-10-20T02:00:00.000Z',
  duplicate: false,
  acknowledgement: 'ok',
};
const sendJson =
  (body: unknown, status = 200) =>
  (res: ServerResponse) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };

describe('the HTTP adapter refuses malformed and hostile answers without crashing', () => {
  test('a well-formed receipt is accepted (control)', async () => {
    answer = sendJson(receipt, 201);
    await expect(adapter().submit(xml, 'K-1', 'dossier')).resolves.toMatchObject({ transactionId: 'T-1' });
  });

  test.each([
    [
      'HTML instead of JSON',
      (res: ServerResponse) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<h1>proxy login</h1>');
      },
    ],
    ['broken JSON', sendJson('{"transactionId": ', 200)],
    ['missing fields', sendJson({ transactionId: 'T-1' }, 201)],
    ['a receipt for another dossier', sendJson({ ...receipt, dossierId: 'SOMEONE-ELSE' }, 201)],
    ['an injected transaction id', sendJson({ ...receipt, transactionId: '../../etc/passwd' }, 201)],
    [
      'a 4 MB+ body',
      (res: ServerResponse) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('[' + '1,'.repeat(2_500_000) + '1]');
      },
    ],
  ])('%s → IVAN_BAD_RESPONSE', async (_name, fn) => {
    answer = fn;
    await expect(adapter().submit(xml, 'K-1', 'dossier')).rejects.toMatchObject({ code: 'IVAN_BAD_RESPONSE' });
  });

  test('an unexpected 302 is not followed (credentials would go elsewhere) → IVAN_REDIRECT', async () => {
    answer = (res: ServerResponse) => {
      res.writeHead(302, { location: 'http://evil.example/' });
      res.end();
    };
    await expect(adapter().submit(xml, 'K-1', 'dossier')).rejects.toMatchObject({ code: 'IVAN_REDIRECT' });
  });

  test('a server that never finishes its answer hits the timeout', async () => {
    answer = (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"transactionId":');
    };
    await expect(adapter(300).submit(xml, 'K-1', 'dossier')).rejects.toMatchObject({ code: 'IVAN_TIMEOUT' });
  });

  test('a notification cursor that goes backwards is refused', async () => {
    answer = sendJson({ items: [], next: 3 });
    await expect(adapter().notifications(10)).rejects.toMatchObject({ code: 'IVAN_BAD_RESPONSE' });
  });

  test('401 and 503 are told apart (credentials vs retry later)', async () => {
    answer = sendJson({ error: { code: 'UNAUTHORIZED', message: 'sai mật khẩu' } }, 401);
    await expect(adapter().submit(xml, 'K-1', 'dossier')).rejects.toMatchObject({ code: 'IVAN_AUTH' });
    answer = sendJson({ error: { code: 'UNAVAILABLE', message: 'bận' } }, 503);
    await expect(adapter().submit(xml, 'K-1', 'dossier')).rejects.toMatchObject({ code: 'IVAN_UNAVAILABLE' });
  });

  test('an unreachable endpoint is IVAN_UNREACHABLE', async () => {
    const s = createServer();
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    const port = (s.address() as AddressInfo).port;
    await new Promise((r) => s.close(r));
    await expect(
      new HttpIvanAdapter({ endpoint: `http://127.0.0.1:${port}` }).submit(xml, 'K-1', 'dossier'),
    ).rejects.toMatchObject({ code: 'IVAN_UNREACHABLE' });
  });
});

describe('endpoints and TLS', () => {
  test('only https, or http on loopback; no credentials in the URL', () => {
    expect(checkEndpoint('https://ivan.example.vn/api').protocol).toBe('https:');
    expect(checkEndpoint('http://127.0.0.1:8080').hostname).toBe('127.0.0.1');
    expect(checkEndpoint('http://localhost:8080').hostname).toBe('localhost');
    expect(checkEndpoint('http://[::1]:8080').hostname).toBe('[::1]');
    for (const bad of [
      'http://ivan.example.vn',
      'http://10.0.0.5',
      'ftp://127.0.0.1',
      'file:///etc/passwd',
      'https://u:p@ivan.example.vn',
      'not a url',
      'http://127.0.0.1.evil.example',
    ]) {
      expect(() => checkEndpoint(bad), bad).toThrow(expect.objectContaining({ code: 'IVAN_ENDPOINT' }));
    }
  });

  test('a self-signed TLS certificate is refused (verification cannot be turned off)', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const cert = forge.pki.createCertificate();
    cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }) as string);
    cert.serialNumber = '01';
    cert.validity.notBefore = new Date(Date.now() - 86_400_000);
    cert.validity.notAfter = new Date(Date.now() + 86_400_000);
    cert.setSubject([{ shortName: 'CN', value: 'localhost' }]);
    cert.setIssuer([{ shortName: 'CN', value: 'localhost' }]);
    cert.setExtensions([
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ]);
    const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    cert.sign(forge.pki.privateKeyFromPem(keyPem), forge.md.sha256.create());
    const tls = createHttpsServer({ key: keyPem, cert: forge.pki.certificateToPem(cert) }, (_req, res) =>
      sendJson(receipt, 201)(res),
    );
    await new Promise<void>((r) => tls.listen(0, '127.0.0.1', r));
    const port = (tls.address() as AddressInfo).port;
    try {
      await expect(
        new HttpIvanAdapter({ endpoint: `https://127.0.0.1:${port}` }).submit(xml, 'K-1', 'dossier'),
      ).rejects.toMatchObject({ code: 'IVAN_TLS' });
      // With the provider's CA explicitly trusted, the same server is accepted: verification stays on.
      await expect(
        new HttpIvanAdapter({ endpoint: `https://127.0.0.1:${port}`, ca: forge.pki.certificateToPem(cert) }).submit(
          xml,
          'K-1',
          'dossier',
        ),
      ).resolves.toMatchObject({ transactionId: 'T-1' });
    } finally {
      tls.closeAllConnections();
      await new Promise((r) => tls.close(r));
    }
  });
});
