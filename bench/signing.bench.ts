/**
 * Signing figures (issue 5, "Performance"):
 * - make-and-sign of a 50,000-row dossier on SoftHSM (each form signed into Cky, embedded, envelope signed into
 *   CKy_Dvi) next to `xmllint --c14n | sha256sum` + `openssl dgst -sha256 -sign` over the same files; peak memory of
 *   a process doing it;
 * - verification of the same dossier (envelope and every embedded form) next to `xmlsec1 --verify` on the envelope
 *   and on each extracted form.
 */
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { join } from 'node:path';
import type { BenchHarness } from './harness';
import { createSoftHsmToken } from '../tests/support/softhsm';
import { makeTempDir, removeDir } from '../tests/support/tmp';
import { verifyDossierXml } from '../electron/signing/verify';

const N = 50_000;

/**
 * The child process (bundled with esbuild like the shipped CLI): `ref` writes the unsigned forms and envelope for the
 * native reference; `sign` builds the forms of an N-row draft and makes and signs the dossier, printing the sign
 * time and the process peak RSS (so the figure is the memory of a process doing exactly that).
 */
const CHILD = `
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { performance } from 'node:perf_hooks';
import { parseDraft } from './shared/draft';
import { buildForms, buildEnvelope, envelopeInfoOf } from './shared/forms';
import { openSigner } from './electron/signing/signer';
import { makeSignedDossier } from './electron/signing/make-dossier';
(async () => {
  const [mode, n, out, lib, pin] = process.argv.slice(2);
  const base = JSON.parse(readFileSync('tests/unit/declarations/fixtures/draft-issue.json', 'utf8'));
  const row = base.rows[0];
  const first = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Đặng'], mid = ['Thị', 'Văn', 'Đức', 'Ngọc'], last = ['Lan', 'Bình', 'Quỳnh', 'Hòa', 'Tuấn'];
  base.rows = Array.from({ length: Number(n) }, (_, i) => ({ ...row, fullName: first[i % 6] + ' ' + mid[i % 4] + ' ' + last[i % 5], idNumber: '0381900' + String(10000 + i).padStart(5, '0') }));
  const p = parseDraft(base);
  if (!p.ok) throw new Error(JSON.stringify(p.problems.slice(0, 3)));
  const forms = buildForms(p.draft);
  const info = envelopeInfoOf(p.draft);
  if (mode === 'ref') {
    for (const f of forms) writeFileSync(out + '/unsigned-' + f.fileName, f.xml);
    writeFileSync(out + '/unsigned-BHXHDienTu.xml', buildEnvelope(info, forms.map((f) => ({ code: f.code, description: f.description, fileName: f.fileName, base64: Buffer.from(f.xml).toString('base64') }))));
    process.stdout.write(JSON.stringify({ files: forms.map((f) => f.fileName) }));
    return;
  }
  const builtPeakMb = process.resourceUsage().maxRSS / 1024;
  const t = performance.now();
  const s = await openSigner({ kind: 'pkcs11', library: lib, pin }, new Date());
  const d = await makeSignedDossier({ forms, envelope: (files) => buildEnvelope(info, files) }, s, new Date());
  await s.close();
  const ms = performance.now() - t;
  writeFileSync(out + '/BHXHDienTu.xml', d.envelopeBytes);
  for (const f of d.files) writeFileSync(out + '/' + f.fileName, f.signedBytes);
  process.stdout.write(JSON.stringify({ ms, files: d.files.map((f) => f.fileName), peakMb: process.resourceUsage().maxRSS / 1024, builtPeakMb }));
})().catch((e) => { console.error(e); process.exit(1); });
`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export default async function (h: BenchHarness): Promise<void> {
  const dir = makeTempDir('kekhai-bench-signing-');
  const token = await createSoftHsmToken({ label: 'BENCH', pin: '123456', soPin: '654321' });
  try {
    const child = join(dir, 'make-and-sign.cjs');
    await build({ stdin: { contents: CHILD, resolveDir: process.cwd(), sourcefile: 'make-and-sign.ts', loader: 'ts' }, bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: child, external: ['pkcs11js', 'better-sqlite3'], logLevel: 'error' });
    const runChild = (mode: 'ref' | 'sign') => {
      const r = spawnSync(process.execPath, [child, mode, String(N), dir, token.module, token.pin], { env: { ...process.env, ...token.env, NODE_PATH: join(process.cwd(), 'node_modules') }, cwd: process.cwd(), maxBuffer: 1 << 26 });
      if (r.status !== 0) throw new Error(`make-and-sign child (${mode}) failed: ${r.stderr.toString().slice(-2000)}`);
      return JSON.parse(r.stdout.toString()) as { ms: number; peakMb: number; builtPeakMb: number; files: string[] };
    };
    runChild('ref');
    const refFiles = readdirSync(dir).filter((f) => f.startsWith('unsigned-'));
    const key = join(dir, 'ref-key.pem');
    writeFileSync(key, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
    // Reference: canonicalise + hash + software RSA-SHA256 sign each unsigned form and the envelope with native tools.
    const script = refFiles.map((f) => `xmllint --c14n '${join(dir, f)}' | sha256sum >/dev/null && openssl dgst -sha256 -sign '${key}' -out /dev/null '${join(dir, f)}'`).join(' && ');
    // Interleaved, so both sides see the same machine load.
    const runs: { ms: number; peakMb: number; builtPeakMb: number; files: string[] }[] = [];
    const refMs: number[] = [];
    let refPeak = 0;
    for (let i = 0; i < 3; i++) {
      runs.push(runChild('sign'));
      const ref = await h.timeCommand('sh', ['-c', script], { repeat: 1 });
      refMs.push(ref.ms);
      refPeak = Math.max(refPeak, ref.peakMb ?? 0);
    }
    const files = runs[0]!.files;
    h.log(`signing: ${N} rows, forms ${files.join(', ')}, envelope ${(readFileSync(join(dir, 'BHXHDienTu.xml')).length / 1e6).toFixed(1)} MB`);

    h.figure({
      name: 'signing: make-and-sign 50,000-row dossier (SoftHSM)',
      value: median(runs.map((r) => r.ms)),
      unit: 'ms',
      reference: 'xmllint --c14n + sha256sum + openssl dgst -sha256 -sign, each form and the envelope',
      referenceValue: median(refMs),
      goal: 1.0,
    });
    h.figure({
      name: 'signing: peak memory of a process building and signing the 50,000-row dossier',
      value: median(runs.map((r) => r.peakMb)),
      unit: 'MB',
      reference: 'peak RSS of the native reference (xmllint --c14n of the largest file)',
      referenceValue: refPeak,
      goal: 300,
      goalUnit: 'MB',
      note: `peak before signing (draft + forms built by shared/forms): ${Math.round(median(runs.map((r) => r.builtPeakMb)))} MB; forms ${files.join(', ')}`,
    });

    // Verification: ours over the envelope (and every embedded form) vs xmlsec1 on the envelope and each extracted form.
    const envelope = readFileSync(join(dir, 'BHXHDienTu.xml'));
    const verifyOnce = () => {
      const r = verifyDossierXml(envelope);
      if (!r.valid) throw new Error(`bench dossier did not verify: ${JSON.stringify(r.files.map((f) => f.reason))}`);
    };
    verifyOnce(); // warm-up
    const vScript = [join(dir, 'BHXHDienTu.xml'), ...files.map((f) => join(dir, f))].map((f) => `xmlsec1 --verify --trusted-pem '${token.files.ca}' '${f}' 2>/dev/null`).join(' && ');
    const oursMs: number[] = [];
    const xmlsecMs: number[] = [];
    for (let i = 0; i < 3; i++) {
      oursMs.push(await h.time(verifyOnce, { repeat: 1, warmup: false }));
      xmlsecMs.push((await h.timeCommand('sh', ['-c', vScript], { repeat: 1 })).ms);
    }
    h.figure({
      name: 'signing: verify 50,000-row dossier (envelope + every form)',
      value: median(oursMs),
      unit: 'ms',
      reference: 'xmlsec1 --verify on the envelope and on each extracted form',
      referenceValue: median(xmlsecMs),
      goal: 1.5,
    });
  } finally {
    token.cleanup();
    removeDir(dir);
  }
}
