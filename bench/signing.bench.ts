/**
 * Signing figures (issue 5, "Performance"):
 * - make-and-sign of a 50,000-row dossier on SoftHSM: the shipped CLI, `kekhai dossier make DRAFT.json --out …`
 *   (read the draft, build each form, sign it into Cky, embed it, sign the envelope into CKy_Dvi, write the file),
 *   next to `xmllint --huge --c14n | sha256sum` + `openssl dgst -sha256 -sign` over the same files (each unsigned form
 *   and the unsigned envelope); and the peak RSS of that CLI process (`/usr/bin/time -f %M`);
 * - verification of the same dossier (envelope and every embedded form) next to `xmlsec1 --verify` on the envelope
 *   and on each extracted form.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import type { BenchHarness } from './harness';
import { createSoftHsmToken } from '../tests/support/softhsm';
import { makeTempDir, removeDir } from '../tests/support/tmp';
import { verifyDossierXml } from '../electron/signing/verify';
import { parseDraft } from '../shared/draft';
import { buildEnvelope, buildForms, envelopeInfoOf } from '../shared/forms';

const N = 50_000;
const CLI = join(process.cwd(), 'out', 'cli.cjs');

/** The N-row draft of the declarations fixture's first row, names varied (Vietnamese text: multi-byte UTF-8). */
function bigDraftJson(n: number): string {
  const base = JSON.parse(readFileSync('tests/unit/declarations/fixtures/draft-issue.json', 'utf8'));
  const row = base.rows[0];
  const first = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Đặng'],
    mid = ['Thị', 'Văn', 'Đức', 'Ngọc'],
    last = ['Lan', 'Bình', 'Quỳnh', 'Hòa', 'Tuấn'];
  base.rows = Array.from({ length: n }, (_, i) => ({
    ...row,
    fullName: `${first[i % 6]} ${mid[i % 4]} ${last[i % 5]}`,
    idNumber: '0381900' + String(10000 + i).padStart(5, '0'),
  }));
  return JSON.stringify(base);
}

/** The unsigned forms and envelope of the draft, for the native reference. Returns their paths. */
function writeUnsigned(dir: string, draftJson: string): string[] {
  const p = parseDraft(JSON.parse(draftJson));
  if (!p.ok) throw new Error(JSON.stringify(p.problems.slice(0, 3)));
  const forms = buildForms(p.draft);
  const paths = forms.map((f) => {
    const path = join(dir, 'unsigned-' + f.fileName);
    writeFileSync(path, f.bytes);
    return path;
  });
  const envelope = join(dir, 'unsigned-BHXHDienTu.xml');
  writeFileSync(
    envelope,
    buildEnvelope(
      envelopeInfoOf(p.draft),
      forms.map((f) => ({
        code: f.code,
        description: f.description,
        fileName: f.fileName,
        base64: Buffer.from(f.bytes).toString('base64'),
      })),
    ),
  );
  return [...paths, envelope];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export default async function (h: BenchHarness): Promise<void> {
  if (!existsSync(CLI)) throw new Error('out/cli.cjs missing: npm run build');
  const dir = makeTempDir('kekhai-bench-signing-');
  const draftJson = bigDraftJson(N);
  // The unit's own token: `dossier make` refuses a certificate of another MST.
  const token = await createSoftHsmToken({
    label: 'BENCH',
    pin: '123456',
    soPin: '654321',
    mst: (JSON.parse(draftJson) as { unit: { taxCode: string } }).unit.taxCode,
  });
  try {
    const draftPath = join(dir, 'draft.json');
    writeFileSync(draftPath, draftJson);
    const refFiles = writeUnsigned(dir, draftJson);
    const key = join(dir, 'ref-key.pem');
    writeFileSync(
      key,
      generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }),
    );
    // Reference: canonicalise + hash + software RSA-SHA256 sign each unsigned form and the envelope with native tools.
    // --huge: the envelope's NoiDungFile text nodes exceed libxml2's default 10 MB limit; pipefail so a failing
    // xmllint is not hidden behind sha256sum.
    const script = refFiles
      .map(
        (f) =>
          `xmllint --huge --c14n '${f}' | sha256sum >/dev/null && openssl dgst -sha256 -sign '${key}' -out /dev/null '${f}'`,
      )
      .join(' && ');
    const out = join(dir, 'BHXHDienTu.xml');
    const make = [
      CLI,
      'dossier',
      'make',
      draftPath,
      '--out',
      out,
      '--pkcs11',
      token.module,
      '--pin-env',
      'KEKHAI_BENCH_PIN',
      '--data',
      join(dir, 'data'),
      '--json',
    ];
    // Interleaved, so both sides see the same machine load.
    const ours: { ms: number; peakMb: number | null }[] = [];
    const refs: { ms: number; peakMb: number | null }[] = [];
    for (let i = 0; i < 3; i++) {
      ours.push(
        await h.timeCommand(process.execPath, make, { repeat: 1, env: { ...token.env, KEKHAI_BENCH_PIN: token.pin } }),
      );
      refs.push(await h.timeCommand('bash', ['-o', 'pipefail', '-c', script], { repeat: 1 }));
    }
    const envelopeBytes = readFileSync(out);
    // The signed forms, extracted from the envelope for xmlsec1.
    const files = [
      ...envelopeBytes
        .toString('latin1')
        .matchAll(/<TenFile>([^<]+)<\/TenFile>.*?<NoiDungFile>([^<]*)<\/NoiDungFile>/gs),
    ].map((m) => {
      writeFileSync(join(dir, m[1]!), Buffer.from(m[2]!, 'base64'));
      return m[1]!;
    });
    h.log(`signing: ${N} rows, forms ${files.join(', ')}, envelope ${(envelopeBytes.length / 1e6).toFixed(1)} MB`);

    h.figure({
      name: 'signing: make-and-sign 50,000-row dossier (kekhai dossier make, SoftHSM)',
      value: median(ours.map((r) => r.ms)),
      unit: 'ms',
      reference: 'xmllint --huge --c14n + sha256sum + openssl dgst -sha256 -sign, each form and the envelope',
      referenceValue: median(refs.map((r) => r.ms)),
      goal: 1.0,
      note: 'ours is the whole CLI process: start, read and validate the draft, build the forms, sign, write',
    });
    h.figure({
      name: 'signing: peak memory of kekhai dossier make on the 50,000-row dossier',
      value: median(ours.map((r) => r.peakMb ?? NaN)),
      unit: 'MB',
      reference: 'peak RSS of the native reference (xmllint --c14n of the largest file)',
      referenceValue: Math.max(...refs.map((r) => r.peakMb ?? 0)),
      goal: 300,
      goalUnit: 'MB',
      note: `forms ${files.join(', ')}; /usr/bin/time -f %M of the CLI process`,
    });

    // Verification: ours over the envelope (and every embedded form) vs xmlsec1 on the envelope and each extracted form.
    const envelope = envelopeBytes;
    const verifyOnce = () => {
      const r = verifyDossierXml(envelope);
      if (!r.valid) throw new Error(`bench dossier did not verify: ${JSON.stringify(r.files.map((f) => f.reason))}`);
    };
    verifyOnce(); // warm-up
    const vScript = [join(dir, 'BHXHDienTu.xml'), ...files.map((f) => join(dir, f))]
      .map((f) => `xmlsec1 --verify --trusted-pem '${token.files.ca}' '${f}' 2>/dev/null`)
      .join(' && ');
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
